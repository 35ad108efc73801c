import { type Kysely, sql } from "kysely";

/**
 * The reporting loop: report duties, progress and completion reports, evidence files, deadline
 * extension requests, comments with agency mentions. The lists in CHECKs are the `as const`
 * arrays of shared/report.ts and shared/extension.ts.
 * - task_report and task_comment are append-only (a correction is a new report pointing to the
 *   one it corrects), like task_event;
 * - evidence_file rows are written at upload (pending), then attached once to a report or a
 *   comment; an attached file can be neither changed nor deleted;
 * - task_extension rows change only once, from pending to approved or rejected; at most one
 *   request per task is pending (partial unique index).
 */
const statements = [
  `CREATE TABLE task_report_duty (
    task_id INTEGER PRIMARY KEY REFERENCES task (id),
    kind TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'once')),
    day INTEGER CHECK (day BETWEEN 1 AND 31),
    starts_on TEXT,
    due_date TEXT,
    set_by INTEGER REFERENCES app_user (id),
    set_at TEXT NOT NULL,
    CHECK ((kind = 'once') = (due_date IS NOT NULL)),
    CHECK ((kind = 'once') = (day IS NULL)),
    CHECK ((kind = 'once') = (starts_on IS NULL))
  )`,
  `CREATE TABLE task_report (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id),
    kind TEXT NOT NULL CHECK (kind IN ('progress', 'completion')),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    agency_role TEXT NOT NULL CHECK (agency_role IN ('lead', 'coordinator')),
    period_key TEXT,
    period_due_on TEXT,
    summary TEXT NOT NULL DEFAULT '',
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    difficulties TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    document_number TEXT,
    document_date TEXT,
    corrects_id INTEGER REFERENCES task_report (id),
    created_by INTEGER NOT NULL REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    CHECK ((period_key IS NULL) = (period_due_on IS NULL)),
    CHECK (kind = 'progress' OR (agency_role = 'lead' AND period_key IS NULL
      AND document_number IS NOT NULL AND document_date IS NOT NULL AND corrects_id IS NULL)),
    CHECK (corrects_id IS NULL OR corrects_id <> id)
  )`,
  "CREATE INDEX task_report_task ON task_report (task_id, id)",
  // A report is corrected at most once (a later correction corrects the correction).
  "CREATE UNIQUE INDEX task_report_corrects ON task_report (corrects_id)",
  // One original report per agency and period; further ones are corrections.
  `CREATE UNIQUE INDEX task_report_period ON task_report (task_id, agency_id, period_key)
    WHERE kind = 'progress' AND period_key IS NOT NULL AND corrects_id IS NULL`,
  `CREATE TRIGGER task_report_correction_matches BEFORE INSERT ON task_report
    WHEN NEW.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_report r
      WHERE r.id = NEW.corrects_id AND r.task_id = NEW.task_id AND r.agency_id = NEW.agency_id
        AND r.kind = 'progress' AND NEW.kind = 'progress' AND r.period_key IS NEW.period_key)
    BEGIN SELECT RAISE(ABORT, 'a correction is for the same task, agency and period'); END`,
  `CREATE TRIGGER task_report_no_update BEFORE UPDATE ON task_report
    BEGIN SELECT RAISE(ABORT, 'task_report is append-only'); END`,
  `CREATE TRIGGER task_report_no_delete BEFORE DELETE ON task_report
    BEGIN SELECT RAISE(ABORT, 'task_report is append-only'); END`,
  `CREATE TABLE task_comment (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id),
    author_id INTEGER NOT NULL REFERENCES app_user (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
  "CREATE INDEX task_comment_task ON task_comment (task_id, id)",
  `CREATE TRIGGER task_comment_no_update BEFORE UPDATE ON task_comment
    BEGIN SELECT RAISE(ABORT, 'task_comment is append-only'); END`,
  `CREATE TRIGGER task_comment_no_delete BEFORE DELETE ON task_comment
    BEGIN SELECT RAISE(ABORT, 'task_comment is append-only'); END`,
  `CREATE TABLE comment_mention (
    comment_id INTEGER NOT NULL REFERENCES task_comment (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (comment_id, agency_id)
  )`,
  "CREATE INDEX comment_mention_agency ON comment_mention (agency_id, comment_id)",
  `CREATE TRIGGER comment_mention_no_update BEFORE UPDATE ON comment_mention
    BEGIN SELECT RAISE(ABORT, 'comment_mention is append-only'); END`,
  `CREATE TRIGGER comment_mention_no_delete BEFORE DELETE ON comment_mention
    BEGIN SELECT RAISE(ABORT, 'comment_mention is append-only'); END`,
  `CREATE TABLE evidence_file (
    id INTEGER PRIMARY KEY,
    storage_key TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    uploaded_by INTEGER NOT NULL REFERENCES app_user (id),
    uploaded_at TEXT NOT NULL,
    task_id INTEGER REFERENCES task (id),
    report_id INTEGER REFERENCES task_report (id),
    comment_id INTEGER REFERENCES task_comment (id),
    attached_at TEXT,
    CHECK ((task_id IS NULL) = (attached_at IS NULL)),
    CHECK ((task_id IS NULL) = (report_id IS NULL AND comment_id IS NULL)),
    CHECK (report_id IS NULL OR comment_id IS NULL)
  )`,
  "CREATE INDEX evidence_file_report ON evidence_file (report_id)",
  "CREATE INDEX evidence_file_comment ON evidence_file (comment_id)",
  "CREATE INDEX evidence_file_pending ON evidence_file (uploaded_by, task_id, uploaded_at)",
  `CREATE TRIGGER evidence_file_attached_no_update BEFORE UPDATE ON evidence_file
    WHEN OLD.task_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'an attached evidence file cannot change'); END`,
  `CREATE TRIGGER evidence_file_attached_no_delete BEFORE DELETE ON evidence_file
    WHEN OLD.task_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'an attached evidence file cannot be deleted'); END`,
  `CREATE TABLE task_extension (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id),
    requested_by INTEGER NOT NULL REFERENCES app_user (id),
    requested_at TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    current_deadline TEXT NOT NULL,
    requested_deadline TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by INTEGER REFERENCES app_user (id),
    decided_at TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    approved_deadline TEXT,
    CHECK (requested_deadline > current_deadline),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'pending') = (decided_by IS NULL)),
    CHECK ((status = 'approved') = (approved_deadline IS NOT NULL)),
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
  )`,
  "CREATE INDEX task_extension_task ON task_extension (task_id, id)",
  "CREATE UNIQUE INDEX task_extension_one_pending ON task_extension (task_id) WHERE status = 'pending'",
  `CREATE TRIGGER task_extension_decided_no_update BEFORE UPDATE ON task_extension
    WHEN OLD.status <> 'pending'
    BEGIN SELECT RAISE(ABORT, 'a decided extension request cannot change'); END`,
  `CREATE TRIGGER task_extension_no_delete BEFORE DELETE ON task_extension
    BEGIN SELECT RAISE(ABORT, 'task_extension is append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
