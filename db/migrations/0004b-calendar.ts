import { type Kysely, sql } from "kysely";

/**
 * The civil servants' calendar as data (it was code, ending on 31/12/2026): a year has a calendar
 * once an administrator entered it (calendar_year); calendar_day holds its exceptions to "Monday
 * to Friday": weekdays off (holidays, Tết, swapped days) and weekend days worked (make-up
 * Saturdays). Task deadlines keep the written wording's kind beside the date it means, and
 * task_state the kind of the time.
 */
const statements = [
  `CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    entered_by INTEGER REFERENCES app_user (id),
    entered_at TEXT NOT NULL
  )`,
  `CREATE TABLE calendar_day (
    day TEXT PRIMARY KEY CHECK (length(day) = 10),
    year INTEGER NOT NULL REFERENCES calendar_year (year),
    kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    note TEXT NOT NULL DEFAULT '',
    CHECK (CAST(substr(day, 1, 4) AS INTEGER) = year)
  )`,
  "CREATE INDEX calendar_day_year ON calendar_day (year)",
  // The deadline's wording kind beside the date it means (shared/deadline.ts).
  `ALTER TABLE task ADD COLUMN deadline_kind TEXT NOT NULL DEFAULT 'by_date'
    CHECK (deadline_kind IN ('by_date', 'in_month', 'in_quarter', 'working_days', 'continuing',
      'none'))`,
  "ALTER TABLE task ADD COLUMN deadline_days INTEGER CHECK (deadline_days BETWEEN 1 AND 365)",
  "UPDATE task SET deadline_kind = 'none' WHERE deadline IS NULL",
  `CREATE TRIGGER task_deadline_kind_insert BEFORE INSERT ON task
    WHEN (NEW.deadline_kind IN ('continuing', 'none')) <> (NEW.deadline IS NULL)
      OR (NEW.deadline_kind = 'working_days') <> (NEW.deadline_days IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'deadline_kind does not match deadline'); END`,
  `CREATE TRIGGER task_deadline_kind_update BEFORE UPDATE OF deadline, deadline_kind,
    deadline_days ON task
    WHEN (NEW.deadline_kind IN ('continuing', 'none')) <> (NEW.deadline IS NULL)
      OR (NEW.deadline_kind = 'working_days') <> (NEW.deadline_days IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'deadline_kind does not match deadline'); END`,
  // task_state keeps the kind of the time ("thường xuyên" is counted apart).
  "DROP TRIGGER task_state_close_once",
  "DROP TRIGGER task_state_no_update",
  `ALTER TABLE task_state ADD COLUMN deadline_kind TEXT NOT NULL DEFAULT 'by_date'
    CHECK (deadline_kind IN ('by_date', 'in_month', 'in_quarter', 'working_days', 'continuing',
      'none'))`,
  "UPDATE task_state SET deadline_kind = 'none' WHERE deadline IS NULL",
  `CREATE TRIGGER task_state_close_once BEFORE UPDATE ON task_state
    WHEN OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL OR NEW.valid_to < OLD.valid_from
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only (a state is closed once)'); END`,
  `CREATE TRIGGER task_state_no_update BEFORE UPDATE OF id, task_id, valid_from, directive_id,
    parent_id, lead_agency_id, is_key, status, deadline, due_on, original_due_on, done_on,
    progress, assigner_agency_id, successor_agency_id, deadline_kind ON task_state
    BEGIN SELECT RAISE(ABORT, 'task_state is append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
