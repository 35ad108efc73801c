import { type Kysely, sql } from "kysely";

/**
 * The system urges (issue 10).
 * - urging_rule: per tracking agency, when to remind and escalate (working days before a
 *   deadline, every N days overdue, escalation after 14 and 30 days…); no row means the
 *   defaults of shared/urge.ts;
 * - urge: an officer's urge (who, when, the message, the reply date asked for), with one letter
 *   per lead agency (urge_letter: the .docx, kept in the database so that it is written in the
 *   urge's transaction and copied by the online backup) and the tasks it concerned (urge_task);
 * - notification: what a user has been told (the bell), read or not; kinds in shared/urge.ts;
 * - send_log: what the reminder job has sent, one row per (rule, task, period, recipient, day):
 *   the job inserts with ON CONFLICT DO NOTHING inside its transaction and notifies only when its
 *   row was inserted, so that a second run or a second process never sends twice;
 * - app_user: an e-mail address and how the user wants to hear (a daily digest by e-mail, in the
 *   app only, or both) and at which hour;
 * - outbox: the mail to send (one digest per user and day), with its attempts, the next attempt
 *   (exponential backoff), when it went and the last error; without SMTP it stays there and
 *   administrators read it. A notification points to the digest that carried it.
 */
const statements = [
  `CREATE TABLE urging_rule (
    tracking_agency_id INTEGER PRIMARY KEY REFERENCES agency (id),
    before_deadline TEXT NOT NULL,
    overdue_every INTEGER NOT NULL CHECK (overdue_every BETWEEN 1 AND 90),
    period_before INTEGER NOT NULL CHECK (period_before BETWEEN 0 AND 30),
    confirmation_after INTEGER NOT NULL CHECK (confirmation_after BETWEEN 1 AND 60),
    escalate_lead_after INTEGER NOT NULL CHECK (escalate_lead_after BETWEEN 1 AND 365),
    escalate_tracking_after INTEGER NOT NULL CHECK (escalate_tracking_after BETWEEN 1 AND 365),
    updated_by INTEGER REFERENCES app_user (id),
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE urge (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES app_user (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    at TEXT NOT NULL,
    message TEXT NOT NULL,
    reply_by TEXT NOT NULL
  )`,
  `CREATE TABLE urge_letter (
    id INTEGER PRIMARY KEY,
    urge_id INTEGER NOT NULL REFERENCES urge (id),
    agency_id INTEGER NOT NULL REFERENCES agency (id),
    filename TEXT NOT NULL,
    content BLOB NOT NULL,
    UNIQUE (urge_id, agency_id)
  )`,
  `CREATE TABLE urge_task (
    urge_id INTEGER NOT NULL REFERENCES urge (id),
    task_id INTEGER NOT NULL REFERENCES task (id),
    letter_id INTEGER NOT NULL REFERENCES urge_letter (id),
    PRIMARY KEY (urge_id, task_id)
  )`,
  "CREATE INDEX urge_task_task ON urge_task (task_id)",
  "CREATE INDEX urge_at ON urge (at)",
  `CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    kind TEXT NOT NULL CHECK (kind IN ('deadline_soon', 'overdue', 'report_due', 'report_late', 'awaiting_confirmation', 'escalation_lead', 'escalation_tracking', 'urged', 'urge_unanswered')),
    task_id INTEGER NOT NULL REFERENCES task (id),
    urge_id INTEGER REFERENCES urge (id),
    days INTEGER,
    on_day TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT
  )`,
  "CREATE INDEX notification_user ON notification (user_id, read_at, created_at)",
  `CREATE TABLE send_log (
    rule TEXT NOT NULL,
    task_id INTEGER NOT NULL REFERENCES task (id),
    period TEXT NOT NULL,
    recipient_id INTEGER NOT NULL REFERENCES app_user (id),
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (rule, task_id, period, recipient_id, day)
  )`,
  "CREATE INDEX send_log_day ON send_log (day)",
  "ALTER TABLE app_user ADD COLUMN email TEXT",
  `ALTER TABLE app_user ADD COLUMN digest_mode TEXT NOT NULL DEFAULT 'both'
    CHECK (digest_mode IN ('email', 'in_app', 'both'))`,
  `ALTER TABLE app_user ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 7
    CHECK (digest_hour BETWEEN 0 AND 23)`,
  `CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    digest_day TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT,
    error TEXT,
    UNIQUE (user_id, digest_day)
  )`,
  "CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at)",
  "ALTER TABLE notification ADD COLUMN outbox_id INTEGER REFERENCES outbox (id)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
