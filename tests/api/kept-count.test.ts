/**
 * The kept statistics (migration 0008, issue 12) against the figures counted from scratch: on a
 * generated history (the bench dataset's plan, through the product's write path) and the demo
 * directives, for random viewers, days, bases and scopes, the kept counts, the per-agency table
 * and the trend equal those read from the task states; they stay equal after changes made now
 * and changes dated before the monthly checkpoints; and the day deltas the triggers keep equal
 * those recomputed from every state.
 */

import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { advanceCheckpoints } from "../../db/kept-count.ts";
import type { Db } from "../../db/open.ts";
import {
  keptCountsServe,
  keptUrgencyCounts,
  type StatisticFilters,
  statisticCounts,
  statisticCountsByAgency,
  statisticCountsOn,
} from "../../db/statistic.ts";
import { countByTimeliness, listTasks } from "../../db/task.ts";
import { userById } from "../../db/user.ts";
import { planDataset, writeThroughProduct } from "../../scripts/dataset.ts";
import { viewerFor } from "../../server/context.ts";
import { addStatisticCheckpoints } from "../../server/jobs.ts";
import { addDays, type IsoDate, vnDate } from "../../shared/date.ts";
import type { Viewer } from "../../shared/permission.ts";
import { STATISTIC_BASES, type StatisticBasis } from "../../shared/statistic.ts";
import type { TaskSort } from "../../shared/task.ts";
import { dataDirOf, freshDb, TEST_NOW } from "../support/api.ts";
import { callerOf } from "../support/factory.ts";

const TODAY = vnDate(new Date(TEST_NOW));

async function viewers(db: Db): Promise<Map<string, Viewer>> {
  const users = await db
    .selectFrom("appUser")
    .select(["appUser.id", "appUser.username"])
    .where("appUser.role", "<>", "admin")
    .orderBy("appUser.id")
    .execute();
  const result = new Map<string, Viewer>();
  for (const { id, username } of users) {
    const user = await userById(db, id);
    if (user) result.set(username, await viewerFor(db, user));
  }
  return result;
}

/** The scopes the kept counts answer, for a viewer and two agencies of the data. */
function scopes(viewer: Viewer, agencies: readonly number[]): StatisticFilters[] {
  const base = { keyOnly: false, periodBy: "issued" as const, urged: "all" as const };
  return [
    { ...base, level: "directive" },
    { ...base, level: "all" },
    { ...base, level: "all", keyOnly: true },
    { ...base, level: "agency", assignerAgencyId: viewer.agencyId },
    ...agencies.map((agencyId) => ({ ...base, level: "all" as const, agencyId })),
    ...agencies.map((leadAgencyId) => ({ ...base, level: "directive" as const, leadAgencyId })),
  ];
}

async function expectSame(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  day: IsoDate,
) {
  const label = { viewer: viewer.userId, filters, basis, day };
  const kept = await statisticCounts(db, viewer, filters, basis, day, "kept");
  const states = await statisticCounts(db, viewer, filters, basis, day, "states");
  expect({ ...label, counts: kept }).toEqual({ ...label, counts: states });
  const byId = (rows: Awaited<ReturnType<typeof statisticCountsByAgency>>) =>
    [...rows].sort((a, b) => a.agency.id - b.agency.id);
  expect({
    ...label,
    rows: byId(await statisticCountsByAgency(db, viewer, filters, basis, day)),
  }).toEqual({
    ...label,
    rows: byId(await statisticCountsByAgency(db, viewer, filters, basis, day, "states")),
  });
}

/** The day deltas as kept, against the same recomputed from every state by the view. */
async function expectDeltasRecomputed(db: Db) {
  const kept = await sql<Record<string, unknown>>`SELECT * FROM stat_day
    WHERE completed_on_time <> 0 OR completed_late <> 0 OR in_deadline <> 0 OR due_soon <> 0
      OR overdue_open <> 0 OR overdue_reported <> 0 OR no_deadline <> 0 OR continuing <> 0
      OR awaiting <> 0 OR cancelled <> 0 OR reported_late_days <> 0 OR open_due_days <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
  const recomputed = await sql<Record<string, unknown>>`SELECT * FROM (
      SELECT basis, day, tracking_agency_id, lead_agency_id, successor_agency_id, top, is_key, SUM(completed_on_time) AS completed_on_time,
        SUM(completed_late) AS completed_late, SUM(in_deadline) AS in_deadline,
        SUM(due_soon) AS due_soon, SUM(overdue_open) AS overdue_open,
        SUM(overdue_reported) AS overdue_reported, SUM(no_deadline) AS no_deadline,
        SUM(continuing) AS continuing, SUM(awaiting) AS awaiting, SUM(cancelled) AS cancelled,
        SUM(reported_late_days) AS reported_late_days, SUM(open_due_days) AS open_due_days
      FROM stat_state_event GROUP BY 1, 2, 3, 4, 5, 6, 7)
    WHERE completed_on_time <> 0 OR completed_late <> 0 OR in_deadline <> 0 OR due_soon <> 0
      OR overdue_open <> 0 OR overdue_reported <> 0 OR no_deadline <> 0 OR continuing <> 0
      OR awaiting <> 0 OR cancelled <> 0 OR reported_late_days <> 0 OR open_due_days <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
  expect(kept.rows.length).toBeGreaterThan(100);
  expect(kept.rows).toEqual(recomputed.rows);
}

/**
 * The task list in urgency order, its ranks counted by the kept counts, against the same list
 * counting every task; returns whether the kept counts answered.
 */
async function expectSameTaskList(db: Db, viewer: Viewer): Promise<boolean> {
  const kept = await keptUrgencyCounts(db, viewer, TODAY);
  const unfiltered = { scope: "visible" as const, query: "", sort: "urgency" as const };
  const counted = await listTasks(db, viewer, { ...unfiltered, page: 1, pageSize: 500 }, TODAY);
  if (kept) {
    const by = await countByTimeliness(db, viewer, unfiltered, TODAY);
    const open = by.overdue + by.due_soon + by.in_deadline + by.no_deadline;
    const label = { viewer: viewer.userId };
    expect({ ...label, kept }).toEqual({
      ...label,
      kept: [by.overdue, by.due_soon, by.in_deadline, by.no_deadline, counted.total - open],
    });
  }
  // Pages that start in one rank and end in the next, and the last; in the other orders, the total.
  const last = Math.ceil(counted.total / 37);
  const pages: { page: number; sort: TaskSort }[] = [
    ...[1, 2, 5, last].map((page) => ({ page, sort: "urgency" as const })),
    { page: 2, sort: "deadline" },
    { page: 1, sort: "updated" },
  ];
  for (const { page, sort } of pages) {
    const input = { ...unfiltered, sort, page, pageSize: 37 };
    expect(
      await listTasks(db, viewer, input, TODAY, (viewer, today) =>
        keptUrgencyCounts(db, viewer, today),
      ),
    ).toEqual(await listTasks(db, viewer, input, TODAY));
  }
  return kept !== null;
}

/** A database with the generated history, its checkpoints, its viewers and two busy agencies. */
async function generated() {
  const db = await freshDb();
  const plan = await planDataset(db, { tasks: 400, today: TODAY, seed: 3 });
  await writeThroughProduct(db, plan);
  await advanceCheckpoints(db, TODAY);
  const all = await viewers(db);
  const leads = await db
    .selectFrom("task")
    .select("task.leadAgencyId")
    .groupBy("task.leadAgencyId")
    .orderBy((eb) => eb.fn.countAll(), "desc")
    .limit(2)
    .execute();
  const agencies = leads.map((row) => row.leadAgencyId);
  const first = await db
    .selectFrom("statDay")
    .select((eb) => eb.fn.min("statDay.day").as("day"))
    .executeTakeFirstOrThrow();
  // Days near deadlines, where a task passes from in deadline to due soon to overdue.
  const dues = await db
    .selectFrom("taskState")
    .select("taskState.dueOn")
    .distinct()
    .where("taskState.dueOn", "is not", null)
    .where("taskState.dueOn", "<", TODAY)
    .execute();
  const deadlines = dues.flatMap((row) => (row.dueOn === null ? [] : [row.dueOn]));
  return { db, all, agencies, firstDay: first.day ?? TODAY, deadlines };
}

describe("kept statistics", () => {
  it("serve the leader and agree with the states for every viewer, day, basis and scope", async () => {
    const { db, all, agencies, firstDay, deadlines } = await generated();
    const leader = all.get("lanhdao.bct");
    if (!leader) throw new Error("no leader");
    // The leader of the tracking ministry sees every task through the buckets: the kept path.
    expect(await keptCountsServe(db, leader, scopes(leader, agencies)[0] as StatisticFilters)).toBe(
      true,
    );
    const span = Math.max(1, Math.round((Date.parse(TODAY) - Date.parse(firstDay)) / 86_400_000));
    const names = [...all.keys()];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          fc.integer({ min: -3, max: span }).map((offset) => addDays(firstDay, offset)),
          fc
            .tuple(fc.constantFrom(...deadlines), fc.integer({ min: -5, max: 2 }))
            .map(([due, offset]) => addDays(due, offset)),
        ),
        fc.constantFrom(...STATISTIC_BASES),
        fc.nat(),
        async (name, someDay, basis, scopeIndex) => {
          const viewer = all.get(name) as Viewer;
          const choices = scopes(viewer, agencies);
          const filters = choices[scopeIndex % choices.length] as StatisticFilters;
          const day = [someDay, TODAY].sort()[0] ?? TODAY;
          await expectSame(db, viewer, filters, basis, day);
        },
      ),
      { numRuns: 80, seed: 12 },
    );
  });

  it("agree on the days a task passes from in deadline to due soon to overdue", async () => {
    const { db, all, agencies, deadlines } = await generated();
    const leader = all.get("lanhdao.bct") as Viewer;
    const filters = scopes(leader, agencies)[1] as StatisticFilters;
    const sample = deadlines.filter((_, index) => index % Math.ceil(deadlines.length / 25) === 0);
    for (const due of sample) {
      for (const offset of [-4, -3, 0, 1]) {
        for (const basis of STATISTIC_BASES) {
          await expectSame(db, leader, filters, basis, addDays(due, offset));
        }
      }
    }
  });

  it("give the trend in one query, equal to the figures of each day", async () => {
    const { db, all, agencies } = await generated();
    const leader = all.get("lanhdao.bct") as Viewer;
    const filters = scopes(leader, agencies)[1] as StatisticFilters;
    const days = Array.from({ length: 12 }, (_, index) => addDays(TODAY, -31 * index - 1));
    const trend = await statisticCountsOn(db, leader, filters, "in_force", days);
    for (const [index, day] of days.entries()) {
      expect(trend[index]).toEqual(
        await statisticCounts(db, leader, filters, "in_force", day, "states"),
      );
    }
  });

  it("count the task list's urgency ranks as the list counts them, for every viewer", async () => {
    const { db, all } = await generated();
    const answered: string[] = [];
    for (const [name, viewer] of all) {
      if (await expectSameTaskList(db, viewer)) answered.push(name);
    }
    // The leader of the tracking ministry sees every task through the buckets: the kept path.
    expect(answered).toContain("lanhdao.bct");
  });

  it("stay exact after changes made now and changes dated before the checkpoints", async () => {
    const { db, all, agencies } = await generated();
    const officer = await db
      .selectFrom("appUser")
      .innerJoin("agency", "agency.id", "appUser.agencyId")
      .select("appUser.id")
      .where("agency.code", "=", "BCT")
      .where("appUser.role", "=", "officer")
      .executeTakeFirstOrThrow();
    const open = await db
      .selectFrom("task")
      .select(["task.id", "task.version", "task.status"])
      .where("task.status", "in", ["not_started", "in_progress"])
      .orderBy("task.id")
      .limit(6)
      .execute();
    // Three changes a year ago (before eleven checkpoints), three today.
    for (const [index, task] of open.entries()) {
      const at = index < 3 ? addDays(TODAY, -365 + index) : TODAY;
      const caller = await callerOf(db, officer.id, { at });
      if (task.status === "not_started") {
        await caller.task.setStatus({ id: task.id, status: "in_progress", version: task.version });
      } else {
        await caller.task.setStatus({
          id: task.id,
          status: "cancelled",
          note: "Thu hồi (dữ liệu thử).",
          version: task.version,
        });
      }
    }
    await expectDeltasRecomputed(db);
    const leader = all.get("lanhdao.bct") as Viewer;
    expect(await expectSameTaskList(db, leader)).toBe(true);
    for (const filters of scopes(leader, agencies)) {
      for (const day of [addDays(TODAY, -400), addDays(TODAY, -364), addDays(TODAY, -40), TODAY]) {
        await expectSame(db, leader, filters, "in_force", day);
      }
    }
  });
});

describe("the monthly checkpoints", () => {
  it("are added by the hourly job for each month begun, once", async () => {
    const db = await freshDb();
    const months = async () =>
      (await db.selectFrom("statCheckpoint").select("month").orderBy("month").execute()).map(
        (row) => row.month,
      );
    const deps = { db, dataDir: dataDirOf(db) };
    await addStatisticCheckpoints(deps, new Date(TEST_NOW));
    const first = await months();
    expect(first.at(-1)).toBe(`${TODAY.slice(0, 7)}-01`);
    await addStatisticCheckpoints(deps, new Date(TEST_NOW));
    expect(await months()).toEqual(first);
    // Two months later: two more, and the figures of today read from them are unchanged.
    const later = addDays(TODAY, 62);
    const leader = (await viewers(db)).get("lanhdao.bct") as Viewer;
    const filters = { keyOnly: false, periodBy: "issued", urged: "all", level: "all" } as const;
    const before = await statisticCounts(db, leader, filters, "in_force", TODAY);
    await addStatisticCheckpoints(deps, new Date(`${later}T03:00:00.000Z`));
    expect((await months()).length).toBe(first.length + 2);
    expect(await statisticCounts(db, leader, filters, "in_force", TODAY)).toEqual(before);
    expect(await statisticCounts(db, leader, filters, "in_force", later)).toEqual(
      await statisticCounts(db, leader, filters, "in_force", later, "states"),
    );
  });
});
