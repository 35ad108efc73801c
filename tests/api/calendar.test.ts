import { describe, expect, it } from "vitest";
import { agencyId, freshDb, rejection } from "../support/api.ts";
import { createDirective, createTask, createUser, someoneIn } from "../support/factory.ts";

/** Tết Đinh Mùi 2027 as a test enters it (the Government publishes the real days each autumn). */
const TET_2027 = ["2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"];

async function dueOf(db: Awaited<ReturnType<typeof freshDb>>, id: number) {
  return db
    .selectFrom("task")
    .select(["task.deadline", "task.dueOn", "task.version"])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("the calendar is data", () => {
  it("holds 2024-2026 with their days off and make-up days, 08/02/2025 a working Saturday", async () => {
    const db = await freshDb({ demo: false });
    const caller = await someoneIn(db, "BCT", "officer");
    const calendar = await caller.calendar.get();
    expect(calendar.years).toEqual([2024, 2025, 2026]);
    expect(calendar.workingDays).toContain("2025-02-08");
    expect(calendar.workingDays).toContain("2024-05-04");
    expect(calendar.daysOff).toContain("2025-01-27");
    expect(calendar.daysOff).not.toContain("2025-02-08");
  });

  it("counts a 2027 deadline on weekends only until 2027 is entered, then recomputes open tasks", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const open = await createTask(db, { directive, lead: "PVN", deadline: "2027-02-08" });
    const done = await createTask(db, {
      directive,
      lead: "TKV",
      deadline: "2027-02-08",
      status: "completed",
    });
    expect(await dueOf(db, open)).toMatchObject({ deadline: "2027-02-08", dueOn: "2027-02-08" });

    const admin = (await createUser(db, { role: "admin", agency: "VPCP" })).caller;
    const result = await admin.calendar.setYear({
      year: 2027,
      daysOff: TET_2027,
      workingDays: [],
    });

    expect(result.movedTaskIds).toEqual([open]);
    expect(await dueOf(db, open)).toMatchObject({ dueOn: "2027-02-15", version: 2 });
    expect(await dueOf(db, done)).toMatchObject({ dueOn: "2027-02-08" });
    const events = await db
      .selectFrom("taskEvent")
      .select(["taskEvent.kind", "taskEvent.field", "taskEvent.oldValue", "taskEvent.newValue"])
      .where("taskEvent.taskId", "=", open)
      .where("taskEvent.field", "=", "dueOn")
      .execute();
    expect(events).toEqual([
      { kind: "deadline", field: "dueOn", oldValue: "2027-02-08", newValue: "2027-02-15" },
    ]);
    const states = await db
      .selectFrom("taskState")
      .select(["taskState.dueOn", "taskState.validTo"])
      .where("taskState.taskId", "=", open)
      .orderBy("taskState.id")
      .execute();
    expect(states.at(-1)).toEqual({ dueOn: "2027-02-15", validTo: null });
    expect((await admin.calendar.get()).years).toContain(2027);
    // A task entered afterwards gets the new calendar at once.
    const later = await createTask(db, { directive, lead: "EVN", deadline: "2027-02-10" });
    expect(await dueOf(db, later)).toMatchObject({ dueOn: "2027-02-15" });
    const audit = await db
      .selectFrom("auditLog")
      .select(["auditLog.action", "auditLog.entityId"])
      .where("auditLog.action", "=", "calendar.setYear")
      .execute();
    expect(audit).toEqual([{ action: "calendar.setYear", entityId: 2027 }]);
  });

  it("lets only administrators set a year, with weekdays off and weekend days worked", async () => {
    const db = await freshDb({ demo: false });
    const officer = await someoneIn(db, "BCT", "officer");
    expect(
      (await rejection(officer.calendar.setYear({ year: 2027, daysOff: [], workingDays: [] })))
        .code,
    ).toBe("FORBIDDEN");
    const admin = (await createUser(db, { role: "admin", agency: "VPCP" })).caller;
    for (const input of [
      { year: 2027, daysOff: ["2027-02-06"], workingDays: [] }, // a Saturday is off already
      { year: 2027, daysOff: [], workingDays: ["2027-02-08"] }, // a Monday works already
      { year: 2027, daysOff: ["2028-01-03"], workingDays: [] }, // another year
    ]) {
      expect((await rejection(admin.calendar.setYear(input))).code).toBe("BAD_REQUEST");
    }
    const years = await db.selectFrom("calendarYear").select("calendarYear.year").execute();
    expect(years.map((row) => row.year)).toEqual([2024, 2025, 2026]);
    expect(await agencyId(db, "VPCP")).toBeGreaterThan(0);
  });
});
