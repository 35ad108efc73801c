import { type Kysely, sql } from "kysely";

/**
 * Inboxes and honest progress (issue 8).
 * - inbox_seen: what a user has marked as seen in their inbox (a report received, an extension
 *   answer, a comment mentioning their agency, an account or agency to look at), one row per
 *   user and item, append-only; the kinds are the `as const` list of shared/inbox.ts;
 * - task_report.progress_lowered_reason: why a report puts the progress below where it was
 *   (required then, so that progress never moves down by accident);
 * - task_event.report_id: the report a progress change came with, so that the history tells a
 *   reported change from one made without a report.
 */
const statements = [
  `CREATE TABLE inbox_seen (
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    kind TEXT NOT NULL CHECK (kind IN ('report', 'extension', 'comment', 'account', 'agency')),
    item_id INTEGER NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, item_id)
  )`,
  `CREATE TRIGGER inbox_seen_no_update BEFORE UPDATE ON inbox_seen
    BEGIN SELECT RAISE(ABORT, 'inbox_seen is append-only'); END`,
  `CREATE TRIGGER inbox_seen_no_delete BEFORE DELETE ON inbox_seen
    BEGIN SELECT RAISE(ABORT, 'inbox_seen is append-only'); END`,
  "ALTER TABLE task_report ADD COLUMN progress_lowered_reason TEXT NOT NULL DEFAULT ''",
  "ALTER TABLE task_event ADD COLUMN report_id INTEGER REFERENCES task_report (id)",
  "CREATE INDEX task_event_report ON task_event (report_id)",
  // The inboxes look reports, comments and decisions up by time and agency.
  "CREATE INDEX task_report_created ON task_report (created_at)",
  "CREATE INDEX task_comment_created ON task_comment (created_at)",
  "CREATE INDEX task_extension_agency ON task_extension (agency_id, status, decided_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
