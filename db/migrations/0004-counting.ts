import { type Kysely, sql } from "kysely";

/**
 * Counting right across levels, mergers and years (issue 9):
 * - task_state becomes a table of intervals: each row is valid from `valid_from` to `valid_to`
 *   (NULL while it is the task's present state), so "as of D" is a range condition, not a
 *   latest-row lookup. A row changes once only, when the next state closes it; everything else
 *   stays append-only. It also keeps the assigning agency and (task_state_coordinator) the
 *   coordinating agencies of the time, so that as-of figures judge visibility on the state of
 *   the day, and the successor chosen for the task when its lead agency had several;
 * - agency_succession lists every successor of an agency that was split (agency.successor_id
 *   stays the default one); task.successor_agency_id is a task's choice among them;
 * - agency_name keeps earlier names with their validity (agency.name is the present name);
 * - agency_group_member gets validity dates (a group's members change with mergers).
 */
const statements = [
  "DROP TRIGGER task_state_no_update",
  "ALTER TABLE task_state ADD COLUMN valid_to TEXT",
  "ALTER TABLE task_state ADD COLUMN assigner_agency_id INTEGER REFERENCES agency (id)",
  "ALTER TABLE task_state ADD COLUMN successor_agency_id INTEGER REFERENCES agency (id)",
  "ALTER TABLE task ADD COLUMN successor_agency_id INTEGER REFERENCES agency (id)",
  `UPDATE task_state SET assigner_agency_id = (SELECT t.assigner_agency_id FROM task t
    WHERE t.id = task_state.task_id)`,
  `UPDATE task_state SET valid_to = (SELECT n.valid_from FROM task_state n
    WHERE n.task_id = task_state.task_id AND (n.valid_from > task_state.valid_from
      OR (n.valid_from = task_state.valid_from AND n.id > task_state.id))
    ORDER BY n.valid_from, n.id LIMIT 1)`,
  "CREATE INDEX task_state_open ON task_state (task_id) WHERE valid_to IS NULL",
  "CREATE INDEX task_state_interval ON task_state (valid_from, valid_to)",
  // Closing the present state is the one change allowed: valid_to, once, from NULL.
  `CREATE TRIGGER task_state_close_once BEFORE UPDATE ON task_state
    WHEN OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL OR NEW.valid_to < OLD.valid_from
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only (a state is closed once)'); END`,
  `CREATE TRIGGER task_state_no_update BEFORE UPDATE OF id, task_id, valid_from, directive_id,
    parent_id, lead_agency_id, is_key, status, deadline, due_on, original_due_on, done_on,
    progress, assigner_agency_id, successor_agency_id ON task_state
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only'); END`,
  `CREATE TABLE task_state_coordinator (
    state_id INTEGER NOT NULL REFERENCES task_state (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (state_id, agency_id)
  )`,
  "CREATE INDEX task_state_coordinator_agency ON task_state_coordinator (agency_id, state_id)",
  `CREATE TRIGGER task_state_coordinator_no_update BEFORE UPDATE ON task_state_coordinator
    BEGIN SELECT RAISE(ABORT, 'task_state_coordinator is append-only'); END`,
  `CREATE TRIGGER task_state_coordinator_no_delete BEFORE DELETE ON task_state_coordinator
    BEGIN SELECT RAISE(ABORT, 'task_state_coordinator is append-only'); END`,
  // Existing states: today's coordinators (no earlier history of them was kept).
  `INSERT INTO task_state_coordinator (state_id, agency_id)
    SELECT s.id, c.agency_id FROM task_state s JOIN task_coordinator c ON c.task_id = s.task_id`,
  `CREATE TABLE agency_succession (
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    successor_id INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (agency_id, successor_id),
    CHECK (agency_id <> successor_id)
  )`,
  `INSERT INTO agency_succession (agency_id, successor_id)
    SELECT id, successor_id FROM agency WHERE successor_id IS NOT NULL`,
  `CREATE TABLE agency_name (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_to TEXT NOT NULL,
    CHECK (valid_from IS NULL OR valid_from <= valid_to)
  )`,
  "CREATE INDEX agency_name_agency ON agency_name (agency_id, valid_to)",
  "ALTER TABLE agency_group_member ADD COLUMN valid_from TEXT",
  "ALTER TABLE agency_group_member ADD COLUMN valid_to TEXT",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
