import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { addDays, type IsoDate } from "../shared/date.ts";
import { OPEN_STATUSES } from "../shared/task-status.ts";
import { DUE_SOON_DAYS, type Timeliness } from "../shared/timeliness.ts";
import type { Database } from "./schema.ts";

type TaskEb = ExpressionBuilder<Database, "task">;

/**
 * The SQL twin of shared/timeliness.ts: a WHERE condition for one timeliness category on the
 * `task` table, with `today` (Vietnam's date) as a parameter. Plain comparisons of ISO date text
 * and COALESCE, so that it runs unchanged on PostgreSQL. tests/api/timeliness-sql.test.ts checks
 * that it agrees with the pure function on random tasks.
 */
export function timelinessCondition(
  eb: TaskEb,
  category: Timeliness,
  today: IsoDate,
): Expression<SqlBool> {
  const soon = addDays(today, DUE_SOON_DAYS);
  const open = eb("task.status", "in", OPEN_STATUSES);
  const reference = eb.fn.coalesce("task.doneOn", eb.val(today));
  switch (category) {
    case "completed_on_time":
      return eb.and([
        eb("task.status", "=", "completed"),
        eb.or([eb("task.dueOn", "is", null), eb("task.doneOn", "<=", eb.ref("task.dueOn"))]),
      ]);
    case "completed_late":
      return eb.and([
        eb("task.status", "=", "completed"),
        eb("task.dueOn", "is not", null),
        eb("task.doneOn", ">", eb.ref("task.dueOn")),
      ]);
    case "no_deadline":
      return eb.and([open, eb("task.dueOn", "is", null)]);
    case "overdue":
      return eb.and([open, eb("task.dueOn", "<", reference)]);
    case "due_soon":
      return eb.and([
        open,
        eb("task.doneOn", "is", null),
        eb("task.dueOn", ">=", today),
        eb("task.dueOn", "<=", soon),
      ]);
    case "in_deadline":
      return eb.and([
        open,
        eb("task.dueOn", ">=", reference),
        eb.or([eb("task.doneOn", "is not", null), eb("task.dueOn", ">", soon)]),
      ]);
  }
}

/** Tasks in any of the given categories. */
export function timelinessIn(
  eb: TaskEb,
  categories: readonly Timeliness[],
  today: IsoDate,
): Expression<SqlBool> {
  return eb.or(categories.map((category) => timelinessCondition(eb, category, today)));
}
