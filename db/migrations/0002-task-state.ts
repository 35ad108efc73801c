import { type Kysely, sql } from "kysely";

/**
 * The timeliness-relevant state of every task over time, for statistics "as of" a past day
 * (rebuilt from history, so a report for 30/06/2024 gives the same figures a year later), and the
 * original deadline beside the deadline in force (extensions change only the latter).
 * task_state gets a row, copied from task, in the same transaction as every change of a task.
 */
const statements = [
  "ALTER TABLE task ADD COLUMN original_deadline TEXT",
  "ALTER TABLE task ADD COLUMN original_due_on TEXT",
  "UPDATE task SET original_deadline = deadline, original_due_on = due_on",
  `CREATE TABLE task_state (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id),
    valid_from TEXT NOT NULL,
    directive_id INTEGER NOT NULL REFERENCES directive (id),
    parent_id INTEGER REFERENCES task (id),
    lead_agency_id INTEGER NOT NULL REFERENCES agency (id),
    is_key INTEGER NOT NULL CHECK (is_key IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'reported_done',
      'completed', 'cancelled')),
    deadline TEXT,
    due_on TEXT,
    original_due_on TEXT,
    done_on TEXT,
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    CHECK ((status IN ('reported_done', 'completed')) = (done_on IS NOT NULL))
  )`,
  "CREATE INDEX task_state_task ON task_state (task_id, valid_from, id)",
  `CREATE TRIGGER task_state_no_update BEFORE UPDATE ON task_state
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only'); END`,
  `CREATE TRIGGER task_state_no_delete BEFORE DELETE ON task_state
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only'); END`,
  // Tasks that exist already: their present state, from their creation (no earlier history).
  `INSERT INTO task_state (task_id, valid_from, directive_id, parent_id, lead_agency_id, is_key,
      status, deadline, due_on, original_due_on, done_on, progress)
    SELECT id, created_at, directive_id, parent_id, lead_agency_id, is_key, status, deadline,
      due_on, original_due_on, done_on, progress FROM task ORDER BY id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
