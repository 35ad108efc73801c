import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { seedCalendar } from "../../db/calendar.ts";
import type { Db } from "../../db/open.ts";
import { recordTaskState } from "../../db/task-state.ts";
import { dayNumber } from "../../db/timeliness.ts";
import { userById } from "../../db/user.ts";
import { fixedClock } from "../../server/clock.ts";
import { viewerFor } from "../../server/context.ts";
import { overduePage } from "../../server/domain/statistic.ts";
import { addDays, daysBetween, deadlineInForce } from "../../shared/date.ts";
import {
  addCounts,
  cellsFromCounts,
  cellValue,
  emptyCounts,
  endOfVnDay,
  formatCount,
  formatPercent,
  inStatisticCell,
  percent,
  STATISTIC_CELLS,
  type StatisticBasis,
  type StatisticCell,
  type StatisticCells,
  type StatisticCounts,
} from "../../shared/statistic.ts";
import { type StatisticTasksInput, statisticOverdueInput } from "../../shared/statistic-input.ts";
import { TASK_STATUSES, type TaskStatus } from "../../shared/task-status.ts";
import { daysOverdue, timeliness } from "../../shared/timeliness.ts";
import { isUrgeable } from "../../shared/urge.ts";
import {
  agencyId,
  anonymousCaller,
  type Caller,
  directiveIdBy,
  freshDb,
  issuePaths,
  rejection,
  signedInAs,
  TEST_NOW,
  taskIdBy,
  userIdOf,
} from "../support/api.ts";

/** Today in the tests is Thursday 26/11/2026. */
const TODAY = "2026-11-26";

/** The demo data as it stood at the end of 31/03/2024 (the sample directive did not exist). */
const MARCH_2024: StatisticCells = {
  total: 19,
  completed: 2,
  completedOnTime: 1,
  completedLate: 1,
  open: 17,
  withinDeadline: 10,
  inDeadline: 8,
  dueSoon: 2,
  noDeadline: 3,
  overdue: 4,
  keyTasks: 7,
  // Cao Bằng reported done on 25/03/2024, not yet confirmed; Lai Châu's was cancelled.
  awaitingConfirmation: 1,
  cancelled: 1,
  // The three tasks without deadline are continuing ones (thường xuyên).
  continuing: 3,
  completionRate: 10.52,
  overdueShare: 21.05,
  onTimeRate: 16.66,
  avgDaysOverdue: 18.5,
};

/** The demo data today, for everything lanhdao.bct sees. */
const TODAY_CELLS: StatisticCells = {
  total: 28,
  completed: 8,
  completedOnTime: 5,
  completedLate: 3,
  open: 20,
  withinDeadline: 8,
  inDeadline: 7,
  dueSoon: 1,
  noDeadline: 3,
  overdue: 9,
  keyTasks: 9,
  // Cao Bằng (since 25/03/2024) and two of the current directive, awaiting confirmation.
  awaitingConfirmation: 3,
  cancelled: 1,
  continuing: 3,
  completionRate: 28.57,
  overdueShare: 32.14,
  onTimeRate: 29.41,
  // (3 × 990 + 969 + 710 + 695 + 14 + 10 + 6) / 9
  avgDaysOverdue: 597.1,
};

async function leader(db: Db): Promise<Caller> {
  return signedInAs(db, "lanhdao.bct");
}

/** Moves a task's deadline in force as an extension would, leaving the original deadline. */
async function extendDeadline(db: Db, taskId: number, deadline: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("task")
      .set({ deadline, dueOn: deadlineInForce(deadline, seedCalendar()), updatedAt: TEST_NOW })
      .where("task.id", "=", taskId)
      .execute();
    await recordTaskState(trx, taskId, TEST_NOW);
  });
}

async function setStatus(caller: Caller, id: number, status: TaskStatus, note = "") {
  const { task } = await caller.task.byId({ id });
  await caller.task.setStatus({ id, status, note, version: task.version });
}

describe("how the figures are written and derived", () => {
  it("writes numbers the way the published reports do", () => {
    expect(formatCount(10_448)).toBe("10.448");
    expect(formatCount(10_448, "en")).toBe("10,448");
    // First half of 2024: 289 overdue of 10.448 tasks, published as 2,76%.
    expect(formatPercent(percent(289, 10_448))).toBe("2,76%");
    expect(formatPercent(percent(289, 10_448), "en")).toBe("2.76%");
    expect(formatPercent(null)).toBe("–");
    expect(percent(1, 0)).toBeNull();
    expect(percent(3, 3)).toBe(100);
  });

  it("derives the cells of the published example from the counts", () => {
    const cells = cellsFromCounts({
      ...emptyCounts(),
      completed_on_time: 5_000,
      completed_late: 233,
      in_deadline: 4_900,
      due_soon: 26,
      overdue: 289,
      overdueDays: 289 * 12,
    });
    expect(cells).toMatchObject({
      total: 10_448,
      completed: 5_233,
      withinDeadline: 4_926,
      open: 5_215,
      completionRate: 50.08,
      overdueShare: 2.76,
      onTimeRate: 90.54,
      avgDaysOverdue: 12,
    });
  });

  it("counts day numbers in portable SQL exactly like the calendar", async () => {
    const db = await freshDb({ demo: false });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -25_000, max: 50_000 }), async (offset) => {
        const date = addDays("1970-01-01", offset);
        const { rows } = await sql<{ n: number }>`SELECT ${dayNumber(sql.val(date))} AS n`.execute(
          db,
        );
        expect(Number(rows[0]?.n), date).toBe(daysBetween("1970-01-01", date));
      }),
      { numRuns: 300 },
    );
  });
});

describe("statistic.summary", () => {
  it("counts today's demo data in the four official cells, like the task list", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const summary = await caller.statistic.summary({ level: "all" });
    // The demo urges nothing: "Đã đôn đốc" is 0.
    expect(summary).toEqual({
      asOf: TODAY,
      basis: "in_force",
      cells: TODAY_CELLS,
      due: null,
      urged: 0,
    });
    const counts = await caller.task.counts({});
    expect(summary.cells.completedOnTime).toBe(counts.completed_on_time);
    expect(summary.cells.completedLate).toBe(counts.completed_late);
    expect(summary.cells.inDeadline).toBe(counts.in_deadline);
    expect(summary.cells.dueSoon).toBe(counts.due_soon);
    expect(summary.cells.overdue).toBe(counts.overdue);
    expect(summary.cells.noDeadline).toBe(counts.no_deadline);
  });

  it("rebuilds 31/03/2024 from the history, and changes made today leave it as it was", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const march = await caller.statistic.summary({ level: "all", asOf: "2024-03-31" });
    expect(march).toEqual({
      asOf: "2024-03-31",
      basis: "in_force",
      cells: MARCH_2024,
      due: null,
      urged: 0,
    });
    const yesterday = await caller.statistic.summary({ level: "all", asOf: "2026-11-25" });
    const endOf2024 = await caller.statistic.summary({ level: "all", asOf: "2024-12-31" });

    // The ministry's leader reviews (four eyes: the officer reported Mục 5, which BCT led).
    const reviewer = await signedInAs(db, "lanhdao.bct");
    // Cao Bằng reported done late, on 25/03/2024: confirmed today.
    await setStatus(reviewer, await taskIdBy(db, "06/CT-TTg", "Mục 6.5"), "completed");
    // Mục 5, reported done on time on 20/12/2024: returned today, and now overdue.
    await setStatus(
      reviewer,
      await taskIdBy(db, "06/CT-TTg", "Mục 5"),
      "in_progress",
      "Báo cáo chưa đủ số liệu, đề nghị bổ sung.",
    );

    expect(await caller.statistic.summary({ level: "all", asOf: "2024-03-31" })).toEqual(march);
    expect(await caller.statistic.summary({ level: "all", asOf: "2024-12-31" })).toEqual(endOf2024);
    expect(await caller.statistic.summary({ level: "all", asOf: "2026-11-25" })).toEqual(yesterday);
    const today = await caller.statistic.summary({ level: "all" });
    expect(today.cells).toMatchObject({
      completedOnTime: 5,
      completedLate: 4,
      inDeadline: 6,
      dueSoon: 1,
      overdue: 9,
      noDeadline: 3,
      total: 28,
    });
  });

  it("leaves out tasks created after the day", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    // The current directive's tasks were created on 18/09/2026, 09:00 in Vietnam.
    const sample = await directiveIdBy(db, "12/CT-BCT");
    expect(
      (await caller.statistic.summary({ level: "all", directiveId: sample, asOf: "2026-09-17" }))
        .cells.total,
    ).toBe(0);
    expect(
      (await caller.statistic.summary({ level: "all", directiveId: sample, asOf: "2026-09-18" }))
        .cells.total,
    ).toBe(9);
  });

  it("narrows to one directive, one directive type, key tasks, an agency and those under it", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const total = async (input: Parameters<Caller["statistic"]["summary"]>[0]) =>
      (await caller.statistic.summary({ level: "all", ...input })).cells.total;
    expect(await total({ directiveId: await directiveIdBy(db, "06/CT-TTg") })).toBe(19);
    expect(await total({ directiveId: await directiveIdBy(db, "12/CT-BCT") })).toBe(9);
    expect(await total({ directiveType: "chi_thi" })).toBe(28);
    expect(await total({ directiveType: "nghi_quyet" })).toBe(0);
    expect(await total({ keyOnly: true })).toBe(9);
    // BCT and the two bodies under it (Tổng cục QLTT, Cục QL&PT thị trường trong nước).
    expect(await total({ agencyId: await agencyId(db, "BCT") })).toBe(10);
    // Tổng cục QLTT ended on 28/02/2025: its task counts under its successor from then on.
    expect(await total({ agencyId: await agencyId(db, "QLTT"), asOf: "2025-02-28" })).toBe(1);
    expect(await total({ agencyId: await agencyId(db, "QLTT") })).toBe(0);
    expect(await total({ agencyId: await agencyId(db, "CQLPTTTN") })).toBe(2);
    expect(await total({ agencyId: await agencyId(db, "UBND-20") })).toBe(6);
    expect(
      await total({ agencyId: await agencyId(db, "UBND-20"), keyOnly: true, asOf: "2024-03-31" }),
    ).toBe(1);
  });

  it("narrows to directives issued in a period, or tasks falling due in it", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const total = async (input: Parameters<Caller["statistic"]["summary"]>[0]) =>
      (await caller.statistic.summary({ level: "all", ...input })).cells.total;
    expect(await total({ periodBy: "issued", from: "2026-01-01" })).toBe(9);
    expect(await total({ periodBy: "issued", to: "2024-12-31" })).toBe(19);
    expect(await total({ periodBy: "issued", from: "2024-02-15", to: "2024-02-15" })).toBe(19);
    expect(await total({ periodBy: "issued", from: "2025-01-01", to: "2025-12-31" })).toBe(0);
    // The six border provinces' sub-tasks (Lai Châu's was cancelled), due Monday 11/03/2024.
    const march = await caller.statistic.summary({
      level: "all",
      periodBy: "due",
      from: "2024-03-01",
      to: "2024-03-31",
    });
    expect(march.cells).toMatchObject({
      total: 6,
      completedOnTime: 1,
      completedLate: 1,
      overdue: 4,
    });
  });

  it("counts against the deadline in force, or the original deadline", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const s4 = await taskIdBy(db, "12/CT-BCT", "Mục 4");
    // PVN's report was due on 16/11/2026; an extension to 15/12/2026 is granted today.
    await extendDeadline(db, s4, "2026-12-15");

    const inForce = await caller.statistic.summary({ level: "all" });
    expect(inForce.cells).toMatchObject({ overdue: 8, inDeadline: 8, total: 28 });
    const original = await caller.statistic.summary({ level: "all", basis: "original" });
    expect(original).toMatchObject({ basis: "original", cells: TODAY_CELLS });
    // Yesterday the extension did not exist yet.
    const yesterday = await caller.statistic.summary({ level: "all", asOf: "2026-11-25" });
    expect(yesterday.cells.overdue).toBe(9);
    // Falling due in November 2026 (Mục 1, 5): the extended task has left the month, unless
    // counted as first assigned.
    const november = { periodBy: "due", from: "2026-11-01", to: "2026-11-30" } as const;
    expect((await caller.statistic.summary({ level: "all", ...november })).cells.total).toBe(2);
    expect(
      (await caller.statistic.summary({ level: "all", ...november, basis: "original" })).cells
        .total,
    ).toBe(3);
  });

  it("refuses a period that ends before it starts, and a day still to come", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const reversed = await rejection(
      caller.statistic.summary({ level: "all", from: "2024-06-30", to: "2024-01-01" }),
    );
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(issuePaths(reversed)).toEqual([["to"]]);
    const future = await rejection(caller.statistic.summary({ level: "all", asOf: "2026-11-27" }));
    expect(future.code).toBe("BAD_REQUEST");
    expect(future.message).toContain("27/11/2026");
    const badDate = await rejection(caller.statistic.summary({ level: "all", asOf: "2024-02-30" }));
    expect(issuePaths(badDate)).toEqual([["asOf"]]);
  });

  it("shows a reporter only what its agency may see, and administrators nothing", async () => {
    const db = await freshDb();
    const langson = await signedInAs(db, "baocao.langson");
    expect((await langson.statistic.summary({ level: "all" })).cells.total).toBe(6);
    const rows = (await langson.statistic.byAgency({ level: "all" })).rows;
    expect(rows.map((row) => row.agency.code)).toEqual(["UBND-20"]);
    // Asking for another agency reveals nothing.
    expect(
      (await langson.statistic.summary({ level: "all", agencyId: await agencyId(db, "BCT") })).cells
        .total,
    ).toBe(0);

    const pvn = await signedInAs(db, "baocao.pvn");
    const pvnRows = (await pvn.statistic.byAgency({ level: "all" })).rows.map(
      (row) => row.agency.code,
    );
    expect(pvnRows).not.toContain("UBND-20");
    expect(pvnRows).toContain("PVN");

    const admin = await signedInAs(db, "quantri");
    expect((await admin.statistic.summary({ level: "all" })).cells.total).toBe(0);
    expect((await admin.statistic.byAgency({ level: "all" })).rows).toEqual([]);
    expect((await admin.statistic.overdue({ level: "all" })).total).toBe(0);

    const anonymous = anonymousCaller(db);
    expect((await rejection(anonymous.statistic.summary({ level: "all" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await rejection(anonymous.statistic.byAgency({ level: "all" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await rejection(anonymous.statistic.trend({ level: "all" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await rejection(anonymous.statistic.overdue({ level: "all" }))).code).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("statistic.byAgency", () => {
  it("gives one row per lead agency of the time, most overdue first, and the total", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const table = await caller.statistic.byAgency({ level: "all", asOf: "2024-03-31" });
    expect(table.total).toEqual(MARCH_2024);
    expect(table.rows.map((row) => [row.agency.code, row.total, row.overdue])).toEqual([
      ["UBND-04", 1, 1],
      ["UBND-11", 1, 1],
      ["UBND-02", 1, 1],
      ["UBND-20", 2, 1],
      ["BCT", 8, 0],
      // Ties by the name of the day: "Tập đoàn Công nghiệp Than…" before "Tập đoàn Dầu khí…".
      ["TKV", 1, 0],
      ["PVN", 1, 0],
      ["QLTT", 1, 0],
      ["UBND-92", 1, 0],
      // Lai Châu's only task was cancelled: a row of zeros with its cancelled task apart.
      ["UBND-12", 0, 0],
      ["UBND-10", 1, 0],
      ["UBND-22", 1, 0],
    ]);
    const langson = table.rows.find((row) => row.agency.code === "UBND-20");
    expect(langson).toMatchObject({
      agency: { name: "UBND tỉnh Lạng Sơn", shortName: "Lạng Sơn" },
      withinDeadline: 1,
      dueSoon: 1,
      overdue: 1,
      overdueShare: 50,
      onTimeRate: 0,
      // Due Monday 11/03/2024, still open on 31/03.
      avgDaysOverdue: 20,
    });
    // Cao Bằng reported done on 25/03, 14 days late, awaiting confirmation.
    expect(table.rows[0]).toMatchObject({ agency: { code: "UBND-04" }, avgDaysOverdue: 14 });
    const sums = table.rows.reduce(
      (sum, row) => ({ total: sum.total + row.total, overdue: sum.overdue + row.overdue }),
      { total: 0, overdue: 0 },
    );
    expect(sums).toEqual({ total: table.total.total, overdue: table.total.overdue });
  });

  it("sorts by any column, either way, rows without a rate last", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const byName = await caller.statistic.byAgency({
      level: "all",
      sort: "name",
      direction: "asc",
    });
    const names = byName.rows.map((row) => row.agency.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
    const byTotal = await caller.statistic.byAgency({
      level: "all",
      sort: "total",
      direction: "desc",
    });
    expect(byTotal.rows[0]?.agency.code).toBe("BCT");
    const totals = byTotal.rows.map((row) => row.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const byDays = await caller.statistic.byAgency({
      level: "all",
      sort: "avgDaysOverdue",
      direction: "asc",
    });
    const days = byDays.rows.map((row) => row.avgDaysOverdue);
    const withDays = days.filter((value) => value !== null);
    expect(days.slice(0, withDays.length)).toEqual(withDays);
    expect(withDays).toEqual([...withDays].sort((a, b) => a - b));
    expect(days.slice(withDays.length).every((value) => value === null)).toBe(true);
    // The Cục QL&PT thị trường trong nước's 6 days (12/CT-BCT Mục 1); PVN's is (710 + 10) / 2.
    expect(withDays[0]).toBe(6);
  });

  it("keeps the agency of the time after the lead changes", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const task = await taskIdBy(db, "06/CT-TTg", "Mục 6.4");
    // Hà Giang merged into Tuyên Quang on 01/07/2025; the follow-up passes to Tuyên Quang today.
    const tuyenQuang = await agencyId(db, "UBND-08-2025");
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("task")
        .set({ leadAgencyId: tuyenQuang, updatedAt: TEST_NOW })
        .where("task.id", "=", task)
        .execute();
      await recordTaskState(trx, task, TEST_NOW);
    });
    const march = await caller.statistic.byAgency({ level: "all", asOf: "2024-03-31" });
    expect(march.rows.map((row) => row.agency.code)).toContain("UBND-02");
    expect(march.rows.map((row) => row.agency.code)).not.toContain("UBND-08-2025");
    const today = await caller.statistic.byAgency({ level: "all" });
    expect(today.rows.map((row) => row.agency.code)).toContain("UBND-08-2025");
    expect(today.rows.map((row) => row.agency.code)).not.toContain("UBND-02");
  });
});

describe("statistic.trend", () => {
  it("gives the last twelve months, each at its end and the current one today", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const { points } = await caller.statistic.trend({ level: "all" });
    expect(points.map((point) => point.month)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(points[2]?.asOf).toBe("2026-02-28");
    expect(points[11]).toEqual({ month: "2026-11", asOf: TODAY, cells: TODAY_CELLS });
    for (const point of [points[0], points[2], points[10]]) {
      if (!point) throw new Error("missing point");
      expect(point.cells).toEqual(
        (await caller.statistic.summary({ level: "all", asOf: point.asOf })).cells,
      );
    }
  });

  it("covers a chosen range of months with the same scope", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const { points } = await caller.statistic.trend({
      level: "all",
      fromMonth: "2024-01",
      toMonth: "2024-04",
    });
    expect(points.map((point) => point.asOf)).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
    ]);
    expect(points[0]?.cells.total).toBe(0);
    expect(points[2]?.cells).toEqual(MARCH_2024);
    const langson = await agencyId(db, "UBND-20");
    const scoped = await caller.statistic.trend({
      level: "all",
      agencyId: langson,
      fromMonth: "2024-03",
      toMonth: "2024-03",
    });
    expect(scoped.points[0]?.cells).toMatchObject({ total: 2, overdue: 1, dueSoon: 1 });
    // Ending at a past day: the month of that day stops at it.
    const past = await caller.statistic.trend({ level: "all", asOf: "2024-03-15" });
    expect(past.points).toHaveLength(12);
    expect(past.points[11]?.asOf).toBe("2024-03-15");
    // Lào Cai and Cao Bằng had not yet reported done: 5 overdue, 4 at the end of March.
    expect(past.points[11]?.cells.overdue).toBe(5);
  });

  it("refuses months in the wrong order or too many", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const reversed = await rejection(
      caller.statistic.trend({ level: "all", fromMonth: "2024-05", toMonth: "2024-04" }),
    );
    expect(issuePaths(reversed)).toEqual([["toMonth"]]);
    const tooMany = await rejection(
      caller.statistic.trend({ level: "all", fromMonth: "2020-01", toMonth: "2025-01" }),
    );
    expect(issuePaths(tooMany)).toEqual([["toMonth"]]);
    const badMonth = await rejection(
      caller.statistic.trend({ level: "all", fromMonth: "2024-13" }),
    );
    expect(issuePaths(badMonth)).toEqual([["fromMonth"]]);
  });
});

describe("statistic.overdue", () => {
  const label = (item: { directive: { number: string }; clause: string }) =>
    `${item.directive.number} ${item.clause}`;

  it("lists every overdue task, most days overdue first, with who leads and what they last said", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const list = await caller.statistic.overdue({ level: "all" });
    expect(list.today).toBe(TODAY);
    expect(list.total).toBe(9);
    expect(list.items.map((item) => [label(item), item.daysOverdue])).toEqual([
      ["06/CT-TTg Mục 6.1", 990],
      ["06/CT-TTg Mục 6.4", 990],
      ["06/CT-TTg Mục 6.6", 990],
      ["06/CT-TTg Mục 6", 969],
      ["06/CT-TTg Mục 2.1", 710],
      ["06/CT-TTg Mục 2", 695],
      ["06/CT-TTg Mục 6.5", 14],
      ["12/CT-BCT Mục 4", 10],
      ["12/CT-BCT Mục 1", 6],
    ]);
    const fromTaskList = await caller.task.list({ timeliness: ["overdue"], pageSize: 500 });
    expect(list.items.map((item) => item.id).sort()).toEqual(
      fromTaskList.items.map((item) => item.id).sort(),
    );

    const byLabel = new Map(list.items.map((item) => [label(item), item]));
    expect(byLabel.get("06/CT-TTg Mục 6.6")).toMatchObject({
      leadAgency: { code: "UBND-20", name: "UBND tỉnh Lạng Sơn" },
      coordinators: [],
      deadline: "2024-03-10",
      dueOn: "2024-03-11",
      isKey: true,
      lastProgressAt: "2024-02-23T09:30:00.000Z",
      staleReport: true,
    });
    expect(byLabel.get("06/CT-TTg Mục 6.6")?.lastProgressNote).toMatch(
      /^Theo tin báo chí \(Giám đốc Sở Công Thương Lạng Sơn\): xuất khẩu hàng hóa/,
    );
    // Hà Giang never reported.
    expect(byLabel.get("06/CT-TTg Mục 6.4")).toMatchObject({
      lastProgressAt: null,
      lastProgressNote: "",
      staleReport: true,
    });
    // Reported done late, awaiting confirmation: the lead has reported.
    expect(byLabel.get("06/CT-TTg Mục 6.5")).toMatchObject({
      status: "reported_done",
      doneOn: "2024-03-25",
      staleReport: false,
    });
    // PVN's last monthly report was for October, filed on 25/10: over 30 days ago.
    expect(byLabel.get("12/CT-BCT Mục 4")).toMatchObject({
      coordinators: [{ code: "EVN" }],
      lastProgressAt: "2026-10-25T08:00:00.000Z",
      staleReport: true,
    });
    expect(
      byLabel
        .get("06/CT-TTg Mục 6")
        ?.coordinators.map((agency) => agency.code)
        .sort(),
    ).toEqual(["BQP", "BTC"]);
  });

  it("filters by directive, agency, key tasks and days overdue, and pages", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const labels = async (input: Parameters<Caller["statistic"]["overdue"]>[0]) =>
      (await caller.statistic.overdue({ level: "all", ...input })).items.map(label);
    expect(await labels({ directiveId: await directiveIdBy(db, "12/CT-BCT") })).toEqual([
      "12/CT-BCT Mục 4",
      "12/CT-BCT Mục 1",
    ]);
    expect(await labels({ agencyId: await agencyId(db, "BCT") })).toEqual([
      "06/CT-TTg Mục 6",
      "06/CT-TTg Mục 2",
      "12/CT-BCT Mục 1",
    ]);
    expect(await labels({ keyOnly: true })).toEqual([
      "06/CT-TTg Mục 6.6",
      "06/CT-TTg Mục 6",
      "06/CT-TTg Mục 2.1",
      "06/CT-TTg Mục 2",
      "12/CT-BCT Mục 4",
      "12/CT-BCT Mục 1",
    ]);
    expect(await labels({ minDaysOverdue: 14 })).toHaveLength(7);
    expect(await labels({ minDaysOverdue: 15 })).toHaveLength(6);
    expect(await labels({ minDaysOverdue: 991 })).toEqual([]);
    const page = await caller.statistic.overdue({ level: "all", page: 2, pageSize: 3 });
    expect(page.total).toBe(9);
    expect(page.items.map(label)).toEqual([
      "06/CT-TTg Mục 6",
      "06/CT-TTg Mục 2.1",
      "06/CT-TTg Mục 2",
    ]);
    const langson = await signedInAs(db, "baocao.langson");
    expect((await langson.statistic.overdue({ level: "all" })).items.map(label)).toEqual([
      "06/CT-TTg Mục 6.6",
    ]);
  });

  it("says how many of a page's tasks may be urged, and reads in full only the first ones when asked", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const urgeable = (items: readonly { status: TaskStatus }[]) =>
      items.filter((item) => isUrgeable(item.status)).length;
    const list = await caller.statistic.overdue({ level: "all" });
    // One of the nine is reported done: it awaits confirmation, not an urge.
    expect(list.urgeable).toBe(8);
    expect(list.urgeable).toBe(urgeable(list.items));
    const second = await caller.statistic.overdue({ level: "all", page: 2, pageSize: 3 });
    expect(second.urgeable).toBe(urgeable(second.items));

    // The page a phone is sent (server/page-heading.ts): the first three tasks in full, the
    // counts of the whole page.
    const user = await userById(db, await userIdOf(db, "lanhdao.bct"));
    if (!user) throw new Error("no leader");
    const viewer = await viewerFor(db, user);
    const clock = fixedClock(new Date(TEST_NOW));
    const input = statisticOverdueInput.parse({ level: "all" });
    const first = await overduePage({ db, clock, viewer }, input, 3);
    expect(first.items).toEqual(list.items.slice(0, 3));
    expect({ ...first, items: [] }).toEqual({ ...list, items: [] });
  });

  it("agrees with the overdue count of the statistics", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const bct = await agencyId(db, "BCT");
    for (const input of [{}, { keyOnly: true }, { agencyId: bct }]) {
      const { cells } = await caller.statistic.summary({ level: "all", ...input });
      expect((await caller.statistic.overdue({ level: "all", ...input })).total).toBe(
        cells.overdue,
      );
    }
  });
});

describe("statistic.tasks", () => {
  type Scope = Omit<StatisticTasksInput, "cell" | "page" | "pageSize">;

  /** Every id of a figure's list, page after page. */
  async function listedIds(caller: Caller, input: StatisticTasksInput) {
    const ids: number[] = [];
    let total = 0;
    for (let page = 1; ; page += 1) {
      const result = await caller.statistic.tasks({ level: "all", ...input, page, pageSize: 7 });
      total = result.total;
      ids.push(...result.items.map((item) => item.id));
      if (result.items.length < 7) break;
    }
    expect(ids).toHaveLength(total);
    return { total, ids: [...ids].sort((a, b) => a - b) };
  }

  /**
   * The tasks a figure counts, chosen task by task: each visible task's latest task_state row
   * before the end of the day, the scope applied in plain code, the pure timeliness function.
   */
  async function pureIds(db: Db, caller: Caller, input: StatisticTasksInput): Promise<number[]> {
    const asOf = input.asOf ?? TODAY;
    const basis = input.basis ?? "in_force";
    const visible = new Set(
      (await caller.task.list({ pageSize: 500 })).items.map((item) => item.id),
    );
    const rows = await db
      .selectFrom("taskState")
      .innerJoin("directive", "directive.id", "taskState.directiveId")
      .select([
        "taskState.taskId",
        "taskState.leadAgencyId",
        "taskState.isKey",
        "taskState.status",
        "taskState.dueOn",
        "taskState.originalDueOn",
        "taskState.doneOn",
        "taskState.deadlineKind",
        "taskState.directiveId",
        "directive.type",
        "directive.issuedOn",
      ])
      .where("taskState.validFrom", "<", endOfVnDay(asOf))
      .orderBy("taskState.validFrom")
      .orderBy("taskState.id")
      .execute();
    const latest = new Map(rows.map((row) => [row.taskId, row]));
    const agencies = await db
      .selectFrom("agency")
      .select(["agency.id", "agency.parentId", "agency.successorId", "agency.validTo"])
      .execute();
    const byId = new Map(agencies.map((agency) => [agency.id, agency]));
    // A task counts under its lead of the time while it exists on the day, then its successor.
    const counted = (id: number): number => {
      const agency = byId.get(id);
      return agency?.validTo != null && agency.validTo < asOf && agency.successorId !== null
        ? counted(agency.successorId)
        : id;
    };
    // The agency, those it succeeded, and everything under them.
    const subtree = new Set(input.agencyId === undefined ? [] : [input.agencyId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const agency of agencies) {
        const linked =
          (agency.parentId !== null && subtree.has(agency.parentId)) ||
          (agency.successorId !== null && subtree.has(agency.successorId));
        if (linked && !subtree.has(agency.id)) {
          subtree.add(agency.id);
          grew = true;
        }
      }
    }
    const ids: number[] = [];
    for (const [taskId, state] of latest) {
      const dueOn = basis === "original" ? state.originalDueOn : state.dueOn;
      const period = input.periodBy === "due" ? dueOn : state.issuedOn;
      const inScope =
        visible.has(taskId) &&
        (input.directiveId === undefined || state.directiveId === input.directiveId) &&
        (input.directiveType === undefined || state.type === input.directiveType) &&
        (!input.keyOnly || state.isKey === 1) &&
        (input.agencyId === undefined || subtree.has(counted(state.leadAgencyId))) &&
        (input.leadAgencyId === undefined ||
          input.leadAgencyId === null ||
          counted(state.leadAgencyId) === input.leadAgencyId) &&
        (input.from === undefined || (period !== null && period >= input.from)) &&
        (input.to === undefined || (period !== null && period <= input.to));
      const category = timeliness({ status: state.status, dueOn, doneOn: state.doneOn }, asOf);
      if (
        inScope &&
        inStatisticCell(input.cell, {
          timeliness: category,
          isKey: state.isKey === 1,
          status: state.status,
          deadlineKind: state.deadlineKind,
        })
      ) {
        ids.push(taskId);
      }
    }
    return ids.sort((a, b) => a - b);
  }

  /** For every cell: the list has as many tasks as the figure, and exactly the pure ones. */
  async function expectListsMatch(
    db: Db,
    caller: Caller,
    scope: Scope,
    cells: StatisticCells,
    leadAgencyId?: number,
  ) {
    for (const cell of STATISTIC_CELLS) {
      const input = { ...scope, cell, leadAgencyId };
      const listed = await listedIds(caller, input);
      const where = `${cell} of ${JSON.stringify(input)}`;
      expect(listed.total, where).toBe(cellValue(cells, cell));
      expect(listed.ids, where).toEqual(await pureIds(db, caller, input));
    }
  }

  it("lists exactly the tasks each figure of the summary counts, today and on past days", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const bct = await agencyId(db, "BCT");
    const scopes: Scope[] = [
      {},
      { asOf: "2024-03-31" },
      { asOf: "2024-03-15", keyOnly: true },
      { asOf: "2024-12-31", agencyId: bct },
      { directiveId: await directiveIdBy(db, "06/CT-TTg"), asOf: "2025-06-30" },
      { directiveType: "chi_thi", periodBy: "due", from: "2024-03-01", to: "2024-03-31" },
      { periodBy: "issued", from: "2026-01-01", asOf: "2026-11-20" },
    ];
    for (const scope of scopes) {
      const { cells } = await caller.statistic.summary({ level: "all", ...scope });
      expect(cells.total).toBeGreaterThan(0);
      await expectListsMatch(db, caller, scope, cells);
    }
    // A figure of nothing lists nothing.
    const empty = await caller.statistic.tasks({
      level: "all",
      cell: "total",
      directiveType: "nghi_quyet",
    });
    expect(empty).toMatchObject({ total: 0, items: [] });
  });

  it("lists against the original deadline when the figures count against it", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    // PVN's report was due on 16/11/2026; an extension to 15/12/2026 is granted today.
    const s4 = await taskIdBy(db, "12/CT-BCT", "Mục 4");
    await extendDeadline(db, s4, "2026-12-15");
    const november = { periodBy: "due", from: "2026-11-01", to: "2026-11-30" } as const;
    for (const scope of [
      { basis: "original" },
      { basis: "in_force" },
      { ...november, basis: "original" },
      { ...november, basis: "in_force" },
    ] as const) {
      const { cells } = await caller.statistic.summary({ level: "all", ...scope });
      await expectListsMatch(db, caller, scope, cells);
    }
    const overdue = async (basis: StatisticBasis) =>
      (await caller.statistic.tasks({ level: "all", cell: "overdue", basis, pageSize: 500 })).items;
    expect((await overdue("original")).find((item) => item.id === s4)).toMatchObject({
      dueOn: "2026-11-16",
      timeliness: "overdue",
      daysOverdue: 10,
    });
    expect((await overdue("in_force")).map((item) => item.id)).not.toContain(s4);
    const inDeadline = await caller.statistic.tasks({
      level: "all",
      cell: "inDeadline",
      pageSize: 500,
    });
    expect(inDeadline.items.find((item) => item.id === s4)).toMatchObject({
      deadline: "2026-12-15",
      dueOn: "2026-12-15",
      timeliness: "in_deadline",
      daysOverdue: 0,
    });
  });

  it("lists a row of the per-agency table: that lead agency of the time, not those under it", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    for (const scope of [
      { asOf: "2024-03-31" },
      {},
      { keyOnly: true, basis: "original" },
    ] as const) {
      const table = await caller.statistic.byAgency({ level: "all", ...scope });
      for (const row of table.rows) {
        await expectListsMatch(db, caller, scope, row, row.agency.id);
      }
      // The total row is the whole scope.
      await expectListsMatch(db, caller, scope, table.total);
    }
    // BCT's row counts the tasks BCT itself leads; the scope "BCT" takes in the bodies under it.
    const bct = await agencyId(db, "BCT");
    const row = (await caller.statistic.byAgency({ level: "all" })).rows.find(
      (r) => r.agency.id === bct,
    );
    const underBct = await caller.statistic.tasks({ level: "all", cell: "total", agencyId: bct });
    const ownRow = await caller.statistic.tasks({ level: "all", cell: "total", leadAgencyId: bct });
    expect(ownRow.total).toBe(row?.total);
    expect(ownRow.total).toBeLessThan(underBct.total);
    expect(ownRow.leadAgency).toMatchObject({ code: "BCT", name: "Bộ Công Thương" });
    expect(underBct.leadAgency).toBeNull();
  });

  it("gives each task as it stood on the day: the lead of the time, its deadline, status and days overdue", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const task = await taskIdBy(db, "06/CT-TTg", "Mục 6.4");
    const haGiang = await agencyId(db, "UBND-02");
    // Hà Giang merged into Tuyên Quang on 01/07/2025; the follow-up passes to Tuyên Quang today.
    const tuyenQuang = await agencyId(db, "UBND-08-2025");
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("task")
        .set({ leadAgencyId: tuyenQuang, updatedAt: TEST_NOW })
        .where("task.id", "=", task)
        .execute();
      await recordTaskState(trx, task, TEST_NOW);
    });
    const march = await caller.statistic.tasks({
      level: "all",
      asOf: "2024-03-31",
      cell: "overdue",
      leadAgencyId: haGiang,
    });
    expect(march).toMatchObject({
      asOf: "2024-03-31",
      basis: "in_force",
      cell: "overdue",
      total: 1,
      leadAgency: { code: "UBND-02" },
    });
    expect(march.items).toEqual([
      {
        id: task,
        directive: {
          id: await directiveIdBy(db, "06/CT-TTg"),
          type: "chi_thi",
          number: "06/CT-TTg",
          issuedOn: "2024-02-15",
        },
        clause: "Mục 6.4",
        title: expect.any(String),
        isKey: expect.any(Boolean),
        leadAgency: expect.objectContaining({ id: haGiang, code: "UBND-02" }),
        // Before the merger of 01/07/2025 it counts under Hà Giang.
        countedAgency: expect.objectContaining({ id: haGiang }),
        deadline: "2024-03-10",
        deadlineKind: "by_date",
        deadlineDays: null,
        dueOn: "2024-03-11",
        status: expect.stringMatching(/^(not_started|in_progress)$/),
        doneOn: null,
        timeliness: "overdue",
        daysOverdue: 20,
      },
    ]);
    // Today the task is Tuyên Quang's, and Hà Giang's row is gone.
    const today = await caller.statistic.tasks({
      level: "all",
      cell: "overdue",
      leadAgencyId: haGiang,
    });
    expect(today.total).toBe(0);
  });

  it("puts the overdue first, most days first, and pages through the same order", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const all = await caller.statistic.tasks({ level: "all", cell: "total", pageSize: 500 });
    expect(all.total).toBe(TODAY_CELLS.total);
    const overdue = all.items.slice(0, TODAY_CELLS.overdue);
    expect(overdue.every((item) => item.timeliness === "overdue")).toBe(true);
    const days = overdue.map((item) => item.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days[0]).toBe(990);
    const paged = [];
    for (let page = 1; page <= 6; page += 1) {
      paged.push(
        ...(await caller.statistic.tasks({ level: "all", cell: "total", page, pageSize: 5 })).items,
      );
    }
    expect(paged.map((item) => item.id)).toEqual(all.items.map((item) => item.id));
  });

  it("refuses a cell it does not know, a day still to come and an unknown agency; needs a session", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    const badCell = await rejection(
      // @ts-expect-error: a rate lists no tasks, as a hand-made request could ask
      caller.statistic.tasks({ level: "all", cell: "completionRate" }),
    );
    expect(badCell.code).toBe("BAD_REQUEST");
    expect(issuePaths(badCell)).toEqual([["cell"]]);
    const future = await rejection(
      caller.statistic.tasks({ level: "all", cell: "total", asOf: "2026-11-27" }),
    );
    expect(future.code).toBe("BAD_REQUEST");
    const reversed = await rejection(
      caller.statistic.tasks({ level: "all", cell: "total", from: "2024-06-30", to: "2024-01-01" }),
    );
    expect(issuePaths(reversed)).toEqual([["to"]]);
    const unknown = await rejection(
      caller.statistic.tasks({ level: "all", cell: "total", leadAgencyId: 999_999 }),
    );
    expect(unknown).toMatchObject({
      code: "NOT_FOUND",
      message: 'error.agencyNotFound|{"id":999999}',
    });
    // A reporter sees only its own agency's tasks, whatever it asks for.
    const langson = await signedInAs(db, "baocao.langson");
    expect((await langson.statistic.tasks({ level: "all", cell: "total" })).total).toBe(6);
    expect(
      (
        await langson.statistic.tasks({
          level: "all",
          cell: "total",
          leadAgencyId: await agencyId(db, "BCT"),
        })
      ).total,
    ).toBe(0);
    const anonymous = anonymousCaller(db);
    expect((await rejection(anonymous.statistic.tasks({ level: "all", cell: "total" }))).code).toBe(
      "UNAUTHORIZED",
    );
  });
});

// ── The SQL figures against the pure timeliness function ─────────────────────────────────

const BASE = "2026-01-01";
const LEADS = ["BCT", "PVN", "UBND-20"] as const;

type RandomState = {
  day: number;
  minute: number;
  status: TaskStatus;
  due: number | null;
  originalDue: number | null;
  done: number;
  lead: number;
  isKey: boolean;
};

const randomState: fc.Arbitrary<RandomState> = fc.record({
  day: fc.integer({ min: 0, max: 70 }),
  // Around midnight in Vietnam, to test the end of the day.
  minute: fc.constantFrom(-1, 0, 1, 420, 1_439),
  status: fc.constantFrom(...TASK_STATUSES),
  due: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
  originalDue: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
  done: fc.integer({ min: 0, max: 70 }),
  lead: fc.integer({ min: 0, max: LEADS.length - 1 }),
  isKey: fc.boolean(),
});

type Fact = {
  validFrom: string;
  status: TaskStatus;
  dueOn: string | null;
  originalDueOn: string | null;
  doneOn: string | null;
  lead: string;
  isKey: boolean;
};

function toFacts(states: RandomState[]): Fact[] {
  return states
    .map((state) => ({
      validFrom: new Date(
        Date.parse(`${addDays(BASE, state.day)}T00:00:00+07:00`) + state.minute * 60_000,
      ).toISOString(),
      status: state.status,
      dueOn: state.due === null ? null : addDays(BASE, state.due),
      originalDueOn: state.originalDue === null ? null : addDays(BASE, state.originalDue),
      doneOn:
        state.status === "reported_done" || state.status === "completed"
          ? addDays(BASE, state.done)
          : null,
      lead: LEADS[state.lead] ?? "BCT",
      isKey: state.isKey,
    }))
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

async function insertHistory(
  db: Db,
  tasks: Fact[][],
  run: number,
): Promise<{ directiveId: number; taskIds: number[] }> {
  const bct = await agencyId(db, "BCT");
  const leads = new Map<string, number>();
  for (const code of LEADS) leads.set(code, await agencyId(db, code));
  const lead = (code: string) => leads.get(code) ?? bct;
  const { id: directiveId } = await db
    .insertInto("directive")
    .values({
      type: "chi_thi",
      number: `${run}/CT-KT`,
      issuer: "Bộ Công Thương",
      issuedOn: BASE,
      issueYear: 2026,
      title: "Kiểm thử thống kê",
      summary: "",
      fullText: "",
      trackingAgencyId: bct,
      searchText: "kiem thu thong ke",
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
    })
    .returning("directive.id")
    .executeTakeFirstOrThrow();
  const taskIds: number[] = [];
  for (const states of tasks) {
    const last = states[states.length - 1];
    const first = states[0];
    if (!last || !first) continue;
    const { id: taskId } = await db
      .insertInto("task")
      .values({
        directiveId,
        parentId: null,
        clause: "",
        title: "Nhiệm vụ kiểm thử",
        description: "",
        leadAgencyId: lead(last.lead),
        assignerAgencyId: bct,
        deadline: last.dueOn,
        deadlineKind: last.dueOn === null ? "none" : "by_date",
        dueOn: last.dueOn,
        originalDeadline: last.originalDueOn,
        originalDueOn: last.originalDueOn,
        isKey: last.isKey ? 1 : 0,
        status: last.status,
        doneOn: last.doneOn,
        searchText: "nhiem vu kiem thu",
        createdAt: first.validFrom,
        updatedAt: last.validFrom,
      })
      .returning("task.id")
      .executeTakeFirstOrThrow();
    taskIds.push(taskId);
    await db
      .insertInto("taskState")
      .values(
        states.map((state, index) => ({
          taskId,
          validFrom: state.validFrom,
          validTo: states[index + 1]?.validFrom ?? null,
          directiveId,
          parentId: null,
          leadAgencyId: lead(state.lead),
          assignerAgencyId: bct,
          isKey: state.isKey ? 1 : 0,
          status: state.status,
          deadline: state.dueOn,
          deadlineKind: state.dueOn === null ? ("none" as const) : ("by_date" as const),
          dueOn: state.dueOn,
          originalDueOn: state.originalDueOn,
          doneOn: state.doneOn,
          progress: 0,
        })),
      )
      .execute();
  }
  return { directiveId, taskIds };
}

/** The figures computed task by task with the pure function, from the state in force. */
function pureCounts(
  tasks: Fact[][],
  asOf: string,
  basis: StatisticBasis,
  keyOnly: boolean,
): Map<string, StatisticCounts> {
  const cutoff = endOfVnDay(asOf);
  const result = new Map<string, StatisticCounts>();
  for (const states of tasks) {
    const state = states.filter((s) => s.validFrom < cutoff).at(-1);
    if (!state || (keyOnly && !state.isKey)) continue;
    const facts = {
      status: state.status,
      dueOn: basis === "original" ? state.originalDueOn : state.dueOn,
      doneOn: state.doneOn,
    };
    const category = timeliness(facts, asOf);
    if (category === null) {
      const cancelled = { ...emptyCounts(), cancelled: 1 };
      result.set(state.lead, addCounts(result.get(state.lead) ?? emptyCounts(), cancelled));
      continue;
    }
    const one = {
      ...emptyCounts(),
      [category]: 1,
      keyTasks: state.isKey ? 1 : 0,
      awaitingConfirmation: state.status === "reported_done" ? 1 : 0,
    };
    if (category === "overdue") one.overdueDays = daysOverdue(facts, asOf);
    result.set(state.lead, addCounts(result.get(state.lead) ?? emptyCounts(), one));
  }
  return result;
}

/** The tasks a figure lists, chosen task by task with the pure function (indexes into `tasks`). */
function pureSelection(
  tasks: Fact[][],
  options: {
    asOf: string;
    basis: StatisticBasis;
    keyOnly: boolean;
    cell: StatisticCell;
    lead: string | null;
  },
): number[] {
  const cutoff = endOfVnDay(options.asOf);
  return tasks.flatMap((states, index) => {
    const state = states.filter((s) => s.validFrom < cutoff).at(-1);
    if (!state || (options.keyOnly && !state.isKey)) return [];
    if (options.lead !== null && state.lead !== options.lead) return [];
    const dueOn = options.basis === "original" ? state.originalDueOn : state.dueOn;
    const category = timeliness(
      { status: state.status, dueOn, doneOn: state.doneOn },
      options.asOf,
    );
    return inStatisticCell(options.cell, {
      timeliness: category,
      isKey: state.isKey,
      status: state.status,
    })
      ? [index]
      : [];
  });
}

describe("the SQL figures agree with the pure timeliness function", () => {
  it("on random tasks, histories, as-of days and bases", async () => {
    const db = await freshDb();
    const caller = await leader(db);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(randomState, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: -2, max: 75 }),
        fc.constantFrom<StatisticBasis>("in_force", "original"),
        fc.boolean(),
        fc.constantFrom(...STATISTIC_CELLS),
        fc.option(fc.constantFrom(...LEADS), { nil: null }),
        async (randomTasks, asOfDay, basis, keyOnly, cell, lead) => {
          run += 1;
          const tasks = randomTasks.map(toFacts);
          const { directiveId, taskIds } = await insertHistory(db, tasks, run);
          const asOf = addDays(BASE, asOfDay);
          const table = await caller.statistic.byAgency({
            level: "all",
            directiveId,
            asOf,
            basis,
            keyOnly,
            sort: "name",
          });
          const expected = pureCounts(tasks, asOf, basis, keyOnly);
          const fromSql = new Map(
            table.rows.map(({ agency, formerAgencies: _, ...cells }) => [agency.code, cells]),
          );
          const fromPure = new Map(
            [...expected].map(([code, counts]) => [code, cellsFromCounts(counts)]),
          );
          expect(fromSql).toEqual(fromPure);
          const total = [...expected.values()].reduce(addCounts, emptyCounts());
          expect(table.total).toEqual(cellsFromCounts(total));
          const summary = await caller.statistic.summary({
            level: "all",
            directiveId,
            asOf,
            basis,
            keyOnly,
          });
          expect(summary.cells).toEqual(cellsFromCounts(total));
          // The list behind one figure (of the whole scope, or of one lead agency's row).
          const leadAgencyId = lead === null ? null : await agencyId(db, lead);
          const listed = await caller.statistic.tasks({
            level: "all",
            directiveId,
            asOf,
            basis,
            keyOnly,
            cell,
            leadAgencyId,
            pageSize: 500,
          });
          const expectedIds = pureSelection(tasks, { asOf, basis, keyOnly, cell, lead }).flatMap(
            (index) => taskIds[index] ?? [],
          );
          const byId = (a: number, b: number) => a - b;
          expect(listed.items.map((item) => item.id).sort(byId)).toEqual(expectedIds.sort(byId));
          const row = lead === null ? table.total : fromSql.get(lead);
          expect(listed.total).toBe(row === undefined ? 0 : cellValue(row, cell));
          for (const item of listed.items) {
            const states = tasks[taskIds.indexOf(item.id)] ?? [];
            const state = states.filter((s) => s.validFrom < endOfVnDay(asOf)).at(-1);
            if (!state) throw new Error(`task ${item.id} listed before it existed`);
            const facts = {
              status: state.status,
              dueOn: basis === "original" ? state.originalDueOn : state.dueOn,
              doneOn: state.doneOn,
            };
            expect(item).toMatchObject({
              ...facts,
              leadAgency: { code: state.lead },
              isKey: state.isKey,
              timeliness: timeliness(facts, asOf),
              daysOverdue: daysOverdue(facts, asOf),
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
