import { type Kysely, sql } from "kysely";

/**
 * The first schema. Constraints live here as well as in the zod schemas: the lists in CHECKs are
 * the `as const` arrays of shared/. Dates are ISO text ("YYYY-MM-DD"), instants ISO text in UTC.
 * The only SQLite-specific parts are the append-only triggers and INTEGER PRIMARY KEY ids;
 * a PostgreSQL migration set would express the same with rules or triggers and identity columns.
 */
const statements = [
  `CREATE TABLE agency (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('ministry', 'ministry_level_agency', 'government_agency',
      'state_group', 'ministry_unit', 'province', 'province_unit')),
    parent_id INTEGER REFERENCES agency (id),
    valid_from TEXT,
    valid_to TEXT,
    successor_id INTEGER REFERENCES agency (id),
    search_text TEXT NOT NULL,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
    CHECK (parent_id IS NULL OR parent_id <> id),
    CHECK (successor_id IS NULL OR successor_id <> id)
  )`,
  "CREATE INDEX agency_parent ON agency (parent_id)",
  "CREATE INDEX agency_successor ON agency (successor_id)",
  `CREATE TABLE agency_group (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL
  )`,
  `CREATE TABLE agency_group_member (
    group_id INTEGER NOT NULL REFERENCES agency_group (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (group_id, agency_id)
  )`,
  `CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    role TEXT NOT NULL CHECK (role IN ('officer', 'leader', 'reporter', 'admin')),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE session (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  "CREATE INDEX session_user ON session (user_id)",
  `CREATE TABLE directive (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('chi_thi', 'nghi_quyet', 'quyet_dinh', 'cong_dien',
      'thong_bao_ket_luan', 'cong_van')),
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    issue_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    full_text TEXT NOT NULL DEFAULT '',
    tracking_agency_id INTEGER NOT NULL REFERENCES agency (id),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (type, number, issuer, issue_year),
    CHECK (length(issued_on) = 10)
  )`,
  "CREATE INDEX directive_tracking ON directive (tracking_agency_id, issued_on)",
  `CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directive (id),
    parent_id INTEGER REFERENCES task (id),
    clause TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lead_agency_id INTEGER NOT NULL REFERENCES agency (id),
    assigner_agency_id INTEGER NOT NULL REFERENCES agency (id),
    deadline TEXT,
    due_on TEXT,
    is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress',
      'reported_done', 'completed', 'cancelled')),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    done_on TEXT,
    last_progress_at TEXT,
    last_progress_note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((deadline IS NULL) = (due_on IS NULL)),
    CHECK (due_on IS NULL OR due_on >= deadline),
    CHECK ((status IN ('reported_done', 'completed')) = (done_on IS NOT NULL)),
    CHECK (parent_id IS NULL OR parent_id <> id)
  )`,
  "CREATE INDEX task_directive ON task (directive_id, parent_id)",
  "CREATE INDEX task_parent ON task (parent_id)",
  "CREATE INDEX task_lead ON task (lead_agency_id, status, due_on)",
  "CREATE INDEX task_assigner ON task (assigner_agency_id, status, due_on)",
  "CREATE INDEX task_status_due ON task (status, due_on)",
  `CREATE TABLE task_coordinator (
    task_id INTEGER NOT NULL REFERENCES task (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    PRIMARY KEY (task_id, agency_id)
  )`,
  "CREATE INDEX task_coordinator_agency ON task_coordinator (agency_id, task_id)",
  `CREATE TABLE task_event (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task (id),
    actor_id INTEGER REFERENCES app_user (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'progress', 'deadline', 'assignment',
      'field', 'note')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    note TEXT NOT NULL DEFAULT ''
  )`,
  "CREATE INDEX task_event_task ON task_event (task_id, id)",
  `CREATE TRIGGER task_event_no_update BEFORE UPDATE ON task_event
    BEGIN SELECT RAISE(ABORT, 'task_event is append-only'); END`,
  `CREATE TRIGGER task_event_no_delete BEFORE DELETE ON task_event
    BEGIN SELECT RAISE(ABORT, 'task_event is append-only'); END`,
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER REFERENCES app_user (id),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
  )`,
  "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)",
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
