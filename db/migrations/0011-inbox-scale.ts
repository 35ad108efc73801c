import { type Kysely, sql } from "kysely";

/**
 * The inbox at a national scale (issue 12): the notes of the last days (when an agency last
 * urged a task) are found by their time instead of reading every task's history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX task_event_note_at ON task_event (at) WHERE kind = 'note'`.execute(db);
}
