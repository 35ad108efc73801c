import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { addDays, type IsoDate } from "../shared/date.ts";
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
      return sql<SqlBool>`(${open} AND ${dueOn} < COALESCE(${doneOn}, ${today}))`;
    case "due_soon":
      return sql<SqlBool>`(${open} AND ${doneOn} IS NULL AND ${dueOn} >= ${today} AND ${dueOn} <= ${soon})`;
    case "in_deadline":
      return sql<SqlBool>`(${open} AND ${dueOn} >= COALESCE(${doneOn}, ${today})
        AND (${doneOn} IS NOT NULL OR ${dueOn} > ${soon}))`;
  }
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

/**
 * Days past the deadline in force: from due_on to the date reported done, or to today for a task
 * not yet reported; the same as daysOverdue() in shared/timeliness.ts for overdue tasks. Integer
 * day numbers from calendar_day keep it free of dialect-specific date functions.
 */
export function daysLate(today: IsoDate, table = "task"): RawBuilder<number> {
  const dayNumber = (date: Expression<unknown>) =>
    sql`(SELECT ${sql.ref("calendarDay.n")} FROM ${sql.table("calendarDay")} WHERE ${sql.ref("calendarDay.day")} = ${date})`;
  return sql<number>`(${dayNumber(sql`COALESCE(${sql.ref(`${table}.doneOn`)}, ${today})`)} - ${dayNumber(sql.ref(`${table}.dueOn`))})`;
}
