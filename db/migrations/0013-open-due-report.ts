import { type Kysely, sql } from "kysely";

/**
 * The officer's inbox at a national scale (issue 12): "overdue without a report for 30 days"
 * counts the open overdue tasks the agency follows whose last report (or assignment) is older
 * than 30 days: 150,000 of a million, each read from its row for those two dates (0.9 s). It is
 * now the open overdue tasks (from task_open_due alone, as the overdue list counts them) less
 * those reported or assigned within the 30 days, which this index finds as a short range. A
 * status change does not write it (neither date changes); a report does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX task_last_report ON task (COALESCE(last_progress_at, created_at))`.execute(
    db,
  );
}
