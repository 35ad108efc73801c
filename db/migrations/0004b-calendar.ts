import { type Kysely, sql } from "kysely";

/**
 * The civil servants' calendar as data (it was code, ending on 31/12/2026): a year has a calendar
 * once an administrator entered it (calendar_year); calendar_day holds its exceptions to "Monday
 * to Friday": weekdays off (holidays, Tết, swapped days) and weekend days worked (make-up
 * Saturdays). Task deadlines keep the written wording's kind beside the date it means.
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
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
