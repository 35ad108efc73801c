import { type Kysely, sql } from "kysely";

/**
 * A province's or a corporation's figures at a national scale: an as-of figure reads the task
 * states of that day that the viewer saw, and for a viewer that tracks no directive those are the
 * states it led (or whose lead was under it), assigned or coordinated. Without these indexes
 * every state of the database was tested (3.1 million at a million tasks: 0.7 s a figure, 8–9 s
 * the 12-month trend); with them the states are found through their agencies (db/statistic.ts,
 * statesAsOf). A status change writes one entry in each, for the new state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX task_state_lead ON task_state (lead_agency_id, valid_from)`.execute(db);
  await sql`CREATE INDEX task_state_assigner ON task_state (assigner_agency_id, valid_from)`.execute(
    db,
  );
}
