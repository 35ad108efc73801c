import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { addDays, daysBetween, type IsoDate } from "../shared/date.ts";
import { DUE_SOON_DAYS, type Timeliness } from "../shared/timeliness.ts";

/**
 * The SQL twin of shared/timeliness.ts: a condition for one timeliness category, with `today`
 * (Vietnam's date) as a parameter. `table` names the table or alias holding `status`, `due_on`
 * and `done_on`: "task" for the current state, or a task_state alias for a past day. Plain
 * comparisons of ISO date text and COALESCE, so it runs unchanged on PostgreSQL.
 * tests/api/timeliness-sql.test.ts checks that it agrees with the pure function on random tasks.
 */
export function timelinessCondition(
  category: Timeliness,
  today: IsoDate,
  table = "task",
): Expression<SqlBool> {
  const status = sql.ref(`${table}.status`);
  const dueOn = sql.ref(`${table}.dueOn`);
  const doneOn = sql.ref(`${table}.doneOn`);
  const soon = addDays(today, DUE_SOON_DAYS);
  const open = sql`${status} IN ('not_started', 'in_progress', 'reported_done')`;
  switch (category) {
    case "completed_on_time":
      return sql<SqlBool>`(${status} = 'completed' AND (${dueOn} IS NULL OR ${doneOn} <= ${dueOn}))`;
    case "completed_late":
      return sql<SqlBool>`(${status} = 'completed' AND ${dueOn} IS NOT NULL AND ${doneOn} > ${dueOn})`;
    case "no_deadline":
      return sql<SqlBool>`(${open} AND ${dueOn} IS NULL)`;
    case "overdue":
      return sql<SqlBool>`(${overdueHalf("open", today, table)} OR ${overdueHalf(
        "reported",
        today,
        table,
      )})`;
    case "due_soon":
      return sql<SqlBool>`(${open} AND ${doneOn} IS NULL AND ${dueOn} >= ${today} AND ${dueOn} <= ${soon})`;
    case "in_deadline":
      return sql<SqlBool>`(${open} AND ${dueOn} >= COALESCE(${doneOn}, ${today})
        AND (${doneOn} IS NOT NULL OR ${dueOn} > ${soon}))`;
  }
}

/**
 * The two halves of "overdue": open tasks not reported done whose deadline is before today (late
 * by today − due_on), and tasks reported done after their deadline (late by done_on − due_on).
 * Together the same as `open AND due_on < COALESCE(done_on, today)`, since done_on is set exactly
 * when a task is reported done or completed (a CHECK of task and task_state); written so that
 * each half can be read from its partial index (migration 0007), the open half in the order of
 * most days overdue, instead of computing a comparison on every row.
 */
export const OVERDUE_HALVES = ["open", "reported"] as const;
export type OverdueHalf = (typeof OVERDUE_HALVES)[number];

/**
 * The latest deadline a task reported done can have and still join the first `wanted` overdue
 * tasks, when the open half (late by today − due_on, most first) gave `first` of them: it must be
 * at least as late as the last, and done − due ≥ late implies due ≤ today − late, a range of the
 * reported half's index. Undefined when the open half gave fewer: any reported task may join.
 */
export function reportedDueBound(
  first: readonly { late: number }[],
  wanted: number,
  today: IsoDate,
): IsoDate | undefined {
  const last = first.length === wanted ? first.at(-1) : undefined;
  return last === undefined ? undefined : addDays(today, -last.late);
}

export function overdueHalf(
  half: OverdueHalf,
  today: IsoDate,
  table = "task",
): Expression<SqlBool> {
  const status = sql.ref(`${table}.status`);
  const dueOn = sql.ref(`${table}.dueOn`);
  return half === "open"
    ? sql<SqlBool>`(${status} IN ('not_started', 'in_progress') AND ${dueOn} < ${today})`
    : sql<SqlBool>`(${status} = 'reported_done' AND ${dueOn} < ${sql.ref(`${table}.doneOn`)})`;
}

/** Tasks in any of the given categories. */
export function timelinessIn(
  categories: readonly Timeliness[],
  today: IsoDate,
  table = "task",
): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    categories.map((category) => timelinessCondition(category, today, table)),
    sql` OR `,
  )})`;
}

const EPOCH_DAY_NUMBER = 719_528;

/**
 * Days since 1970-01-01 of an ISO date column, in portable SQL (SUBSTR, CAST, integer division):
 * 365 days a year, plus the 29ths of February already passed (years before this one, or this one
 * from March), plus the days of the months before. The SQL twin of `daysBetween("1970-01-01", d)`.
 */
export function dayNumber(date: Expression<string | null>): RawBuilder<number> {
  const year = sql`CAST(SUBSTR(${date}, 1, 4) AS INTEGER)`;
  const month = sql`CAST(SUBSTR(${date}, 6, 2) AS INTEGER)`;
  const day = sql`CAST(SUBSTR(${date}, 9, 2) AS INTEGER)`;
  const leapYears = sql`(${year} - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const leapDays = sql`(${leapYears} / 4 - ${leapYears} / 100 + ${leapYears} / 400)`;
  const daysBeforeMonth = sql`CASE ${month} WHEN 1 THEN 0 WHEN 2 THEN 31 WHEN 3 THEN 59
    WHEN 4 THEN 90 WHEN 5 THEN 120 WHEN 6 THEN 151 WHEN 7 THEN 181 WHEN 8 THEN 212
    WHEN 9 THEN 243 WHEN 10 THEN 273 WHEN 11 THEN 304 ELSE 334 END`;
  return sql<number>`(365 * ${year} + ${leapDays} + ${daysBeforeMonth} + ${day} - ${sql.lit(
    EPOCH_DAY_NUMBER,
  )})`;
}

/**
 * Days past the deadline in force: from due_on to the date reported done, or to today for a task
 * not yet reported; the same as daysOverdue() in shared/timeliness.ts for an overdue task.
 */
export function daysLate(today: IsoDate, table = "task"): RawBuilder<number> {
  const doneOn = sql.ref<string | null>(`${table}.doneOn`);
  const todayNumber = sql.lit(daysBetween("1970-01-01", today));
  return sql<number>`(CASE WHEN ${doneOn} IS NULL THEN ${todayNumber} ELSE ${dayNumber(
    doneOn,
  )} END - ${dayNumber(sql.ref(`${table}.dueOn`))})`;
}
