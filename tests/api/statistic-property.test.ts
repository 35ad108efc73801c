/**
 * Issue 9's properties, on random directives, days and later changes (fast-check):
 * - in every table (every level, every as-of day, every viewer) the per-agency rows add up to the
 *   total row, which equals the summary: no task is counted twice, none is lost;
 * - a change made after day D never alters the figures as of D: a lead change, a cancellation,
 *   a completion, a merger of the lead agency, a renaming, a change of the calendar.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renameAgency } from "../../db/agency.ts";
import type { Db } from "../../db/open.ts";
import { addDays, type IsoDate, weekday } from "../../shared/date.ts";
import type { StatisticLevel } from "../../shared/statistic.ts";
import { agencyId, type Caller, freshDb } from "../support/api.ts";
import {
  callerOf,
  createAgency,
  createDirective,
  createTask,
  someoneIn,
} from "../support/factory.ts";

const LEADS = ["PVN", "UBND-02", "UBND-20", "BCT", "QLTT"] as const;
const FIRST_DAY = "2024-02-21";
const LAST_DAY = "2026-11-25";
const SPAN = 1_000; // days from FIRST_DAY to LAST_DAY, about

type RandomTask = {
  lead: number;
  /** Index of an earlier task to break down, or null for a task of the directive. */
  parent: number | null;
  /** Days after FIRST_DAY, or null: no deadline. */
  due: number | null;
  key: boolean;
};

const randomTask: fc.Arbitrary<RandomTask> = fc.record({
  lead: fc.integer({ min: 0, max: LEADS.length - 1 }),
  parent: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  due: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  key: fc.boolean(),
});

const CHANGES = ["lead", "cancel", "complete", "merge", "rename", "calendar"] as const;
type Change = (typeof CHANGES)[number];

async function versionOf(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom("task")
    .select(["task.version", "task.status"])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Every table the viewer can ask for as of `asOf`, for the three levels. */
async function figures(caller: Caller, directiveId: number, bct: number, asOf: IsoDate) {
  const result: Record<string, unknown> = {};
  const levels: { level: StatisticLevel; assignerAgencyId?: number }[] = [
    { level: "directive" },
    { level: "all" },
    { level: "agency", assignerAgencyId: bct },
  ];
  for (const level of levels) {
    const scope = { directiveId, asOf, ...level };
    const table = await caller.statistic.byAgency({ ...scope, sort: "name" });
    const summary = await caller.statistic.summary(scope);
    const sum = table.rows.reduce((total, row) => total + row.total, 0);
    const overdue = table.rows.reduce((total, row) => total + row.overdue, 0);
    // The rows add up to the total row, which is the summary.
    expect(sum).toBe(table.total.total);
    expect(overdue).toBe(table.total.overdue);
    expect(table.total).toEqual(summary.cells);
    result[level.level] = table;
  }
  return result;
}

/** Applies one change at `day` (10:00 in Vietnam), through the API where the product has one. */
async function applyChange(
  db: Db,
  change: Change,
  taskIds: readonly number[],
  pick: number,
  day: IsoDate,
): Promise<void> {
  const id = taskIds[pick % taskIds.length] ?? 0;
  const officer = await callerOf(
    db,
    (
      await db
        .selectFrom("appUser")
        .innerJoin("agency", "agency.id", "appUser.agencyId")
        .select("appUser.id")
        .where("agency.code", "=", "BCT")
        .where("appUser.role", "=", "officer")
        .executeTakeFirstOrThrow()
    ).id,
    { at: day },
  );
  const task = await db
    .selectFrom("task")
    .select(["task.status", "task.leadAgencyId", "task.title", "task.clause", "task.deadline"])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
  const open = task.status === "not_started" || task.status === "in_progress";
  switch (change) {
    case "lead": {
      if (!open) return;
      const langSon = await agencyId(db, "UBND-20");
      const pvn = await agencyId(db, "PVN");
      await officer.task.update({
        id,
        version: await versionOf(db, id),
        clause: task.clause,
        title: task.title,
        deadline: task.deadline,
        leadAgencyId: task.leadAgencyId === langSon ? pvn : langSon,
        coordinatorAgencyIds: [],
      });
      return;
    }
    case "cancel":
      if (!open) return;
      await officer.task.setStatus({
        id,
        status: "cancelled",
        note: "Thu hồi (dữ liệu thử).",
        version: await versionOf(db, id),
      });
      return;
    case "complete": {
      if (!open) return;
      const lead = await db
        .selectFrom("agency")
        .select("agency.code")
        .where("agency.id", "=", task.leadAgencyId)
        .executeTakeFirstOrThrow();
      const reporter = await someoneIn(db, lead.code, "reporter", { at: day });
      await reporter.report.complete({
        taskId: id,
        version: await versionOf(db, id),
        note: "Đã hoàn thành (dữ liệu thử).",
        documentNumber: "01/BC-THU",
        documentDate: day,
      });
      return;
    }
    case "merge": {
      // PVN merges into a new group from `day` on.
      const code = `NEW-${day}`;
      await createAgency(db, { code, kind: "state_group", validFrom: day });
      await db
        .updateTable("agency")
        .set({ validTo: addDays(day, -1), successorId: await agencyId(db, code) })
        .where("agency.code", "=", "PVN")
        .execute();
      return;
    }
    case "rename": {
      await renameAgency(db, await agencyId(db, "UBND-20"), {
        name: `Tên mới từ ${day}`,
        shortName: "Lạng Sơn",
        on: day,
      });
      return;
    }
    case "calendar": {
      const admin = await someoneIn(db, "VPCP", "admin", { at: day });
      // Corrects the year of the change: a week of March off instead of the published days.
      const year = Number(day.slice(0, 4));
      const march = [2, 3, 4, 5, 6, 7, 8].map((d) => `${year}-03-0${d}`);
      await admin.calendar.setYear({
        year,
        daysOff: march.filter((date) => weekday(date) !== 0 && weekday(date) !== 6),
        workingDays: [],
      });
      return;
    }
  }
}

describe("figures as of a day, under later changes (fast-check)", () => {
  it("add up in every table and never move when something changes afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomTask, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: SPAN - 2 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...CHANGES),
        fc.nat(),
        async (tasks, asOfDay, later, change, pick) => {
          const db = await freshDb({ demo: false });
          const directive = await createDirective(db, {
            tracking: "BCT",
            issuedOn: "2024-02-15",
            at: "2024-02-16",
          });
          const taskIds: number[] = [];
          for (const [index, task] of tasks.entries()) {
            const parent = task.parent === null ? undefined : taskIds[task.parent];
            taskIds.push(
              await createTask(db, {
                directive,
                parent,
                clause: `Mục ${index + 1}`,
                lead: LEADS[task.lead] ?? "BCT",
                deadline: task.due === null ? null : addDays(FIRST_DAY, task.due),
                isKey: task.key,
                at: FIRST_DAY,
              }),
            );
          }
          const bct = await agencyId(db, "BCT");
          const asOf = addDays(FIRST_DAY, asOfDay);
          const changeDay = addDays(asOf, later) < LAST_DAY ? addDays(asOf, later) : LAST_DAY;
          const viewers = [
            await someoneIn(db, "BCT", "leader"),
            await someoneIn(db, "PVN", "reporter"),
            await someoneIn(db, "UBND-20", "reporter"),
          ];
          const before = [];
          for (const viewer of viewers) before.push(await figures(viewer, directive, bct, asOf));
          await applyChange(db, change, taskIds, pick, changeDay);
          for (const [index, viewer] of viewers.entries()) {
            expect(await figures(viewer, directive, bct, asOf)).toEqual(before[index]);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
