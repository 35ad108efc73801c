import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { deadlineWording } from "../../shared/deadline.ts";
import { agencyId, freshDb, rejection } from "../support/api.ts";
import { createDirective, createUser, someoneIn } from "../support/factory.ts";

async function taskRow(db: Db, id: number) {
  return db
    .selectFrom("task")
    .select(["task.deadline", "task.deadlineKind", "task.deadlineDays", "task.dueOn"])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("deadlines as directives write them", () => {
  it("stores the wording's kind beside the date it means", async () => {
    const db = await freshDb({ demo: false });
    // Issued on Monday 20/01/2025, the week before Tết Ất Tỵ (27–31/01 off, 08/02 worked).
    const directive = await createDirective(db, {
      tracking: "BCT",
      issuedOn: "2025-01-20",
      at: "2025-01-20",
    });
    const officer = await someoneIn(db, "BCT", "officer", { at: "2025-01-20" });
    const base = {
      directiveId: directive,
      title: "Nhiệm vụ",
      leadAgencyId: await agencyId(db, "PVN"),
    };
    const create = async (input: Partial<Parameters<typeof officer.task.create>[0]>) =>
      (await officer.task.create({ ...base, deadline: null, ...input })).id;

    const tenWorkingDays = await create({ deadlineKind: "working_days", deadlineDays: 10 });
    expect(await taskRow(db, tenWorkingDays)).toEqual({
      deadline: "2025-02-08",
      deadlineKind: "working_days",
      deadlineDays: 10,
      dueOn: "2025-02-08",
    });
    // "trong tháng 3/2025": its last day, Monday 31/03.
    const inMonth = await create({ deadlineKind: "in_month", deadline: "2025-03-05" });
    expect(await taskRow(db, inMonth)).toMatchObject({
      deadline: "2025-03-31",
      dueOn: "2025-03-31",
    });
    // "trong Quý II/2025": 30/06/2025.
    const inQuarter = await create({ deadlineKind: "in_quarter", deadline: "2025-04-10" });
    expect(await taskRow(db, inQuarter)).toMatchObject({ deadline: "2025-06-30" });
    const continuing = await create({ deadlineKind: "continuing" });
    expect(await taskRow(db, continuing)).toEqual({
      deadline: null,
      deadlineKind: "continuing",
      deadlineDays: null,
      dueOn: null,
    });
    // No date given and no kind: no deadline.
    const none = await create({});
    expect(await taskRow(db, none)).toMatchObject({ deadline: null, deadlineKind: "none" });

    expect(
      (
        await rejection(
          officer.task.create({ ...base, deadline: null, deadlineKind: "working_days" }),
        )
      ).code,
    ).toBe("BAD_REQUEST");

    // "Thường xuyên" is its own column: never overdue, inside the tasks without deadline.
    const leader = await someoneIn(db, "BCT", "leader");
    const { cells } = await leader.statistic.summary({ directiveId: directive });
    // Today (2026) the three dated tasks are overdue; the continuing one never is.
    expect(cells).toMatchObject({ total: 5, noDeadline: 2, continuing: 1, overdue: 3 });
    const listed = await leader.statistic.tasks({ directiveId: directive, cell: "continuing" });
    expect(listed.items.map((item) => item.id)).toEqual([continuing]);
  });

  it("counts 'N ngày làm việc' again when the calendar of the year changes", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, {
      tracking: "BCT",
      issuedOn: "2025-01-20",
      at: "2025-01-20",
    });
    const officer = await someoneIn(db, "BCT", "officer", { at: "2025-01-20" });
    const { id } = await officer.task.create({
      directiveId: directive,
      title: "Nhiệm vụ",
      leadAgencyId: await agencyId(db, "PVN"),
      deadline: null,
      deadlineKind: "working_days",
      deadlineDays: 10,
    });
    const admin = (await createUser(db, { role: "admin", agency: "VPCP", at: "2025-01-21" }))
      .caller;
    const calendar = await admin.calendar.get();
    // Suppose 08/02/2025 were not a make-up Saturday after all.
    await admin.calendar.setYear({
      year: 2025,
      daysOff: calendar.daysOff.filter((day) => day.startsWith("2025-")),
      workingDays: ["2025-04-26"],
    });
    expect(await taskRow(db, id)).toMatchObject({ deadline: "2025-02-10", dueOn: "2025-02-10" });
  });

  it("words the deadline as the directive does", () => {
    const wording = (
      kind: Parameters<typeof deadlineWording>[0]["kind"],
      deadline: string | null,
      days: number | null = null,
    ) => deadlineWording({ kind, deadline, days });
    expect(wording("in_month", "2024-03-31")).toMatchObject({
      key: "deadline.in_month",
      params: { month: "3/2024" },
    });
    expect(wording("in_quarter", "2024-03-31")).toMatchObject({
      key: "deadline.in_quarter",
      params: { quarter: "I/2024" },
    });
    expect(wording("by_date", "2024-03-31")).toMatchObject({ params: { date: "31/03/2024" } });
    expect(wording("working_days", "2025-02-08", 10)).toMatchObject({ params: { days: 10 } });
    expect(wording("continuing", null).key).toBe("deadline.continuing");
  });
});
