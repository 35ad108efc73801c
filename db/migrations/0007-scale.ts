import { type Kysely, sql } from "kysely";

/**
 * Leaders' views at national scale (issue 12). The overdue list reads open tasks by deadline:
 * - task_open_due: the open tasks not reported done, by deadline in force, with the columns the
 *   visibility rule and the scope filters read (directive, lead, assigner, level, key, chosen
 *   successor), so that the first page of the most overdue and the total come from the index
 *   alone, in order, without reading the task rows;
 * - task_reported_due: tasks awaiting confirmation (judged by the day they were reported done).
 * db/timeliness.ts writes "overdue" so that the planner can use them (tests/api/query-plan.test.ts).
 * Partial indexes: PostgreSQL has them too.
 */
const statements = [
  `CREATE INDEX task_open_due ON task (due_on, id, status, done_on, directive_id, lead_agency_id,
    assigner_agency_id, parent_id, is_key, successor_agency_id)
    WHERE status IN ('not_started', 'in_progress')`,
  `CREATE INDEX task_reported_due ON task (due_on, done_on, status, directive_id, lead_agency_id,
    assigner_agency_id, parent_id, is_key, successor_agency_id) WHERE status = 'reported_done'`,
  // The planner's statistics, once, from every row: which index serves which query depends on
  // them (a few seconds on a million tasks). openDb refreshes them when the tables grow.
  "ANALYZE",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
