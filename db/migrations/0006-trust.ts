import { type Kysely, sql } from "kysely";

/**
 * Trust: sign-in that resists guessing, accounts, second factor, audit "from where".
 * - login_failure: the attempts that count against the login throttle (server/login-throttle.ts).
 *   A row is written before the password is hashed and deleted when the attempt succeeds, so only
 *   failures stay; rows older than the longest window are purged by the hourly jobs. Not an
 *   audit table (audit_log records every login, failed or not).
 * - app_user: a one-time password must be changed at the next sign-in; the TOTP second factor
 *   (secret while being set up, then enabled; the last time step used, against replays);
 * - recovery_code: one-time codes for a lost authenticator, stored by their SHA-256;
 * - audit_log: the address a request came from, and the agency it concerns (the leaders of that
 *   agency read it).
 */
const statements = [
  `CREATE TABLE login_failure (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    address TEXT NOT NULL,
    username TEXT NOT NULL
  )`,
  "CREATE INDEX login_failure_address ON login_failure (address, at)",
  "CREATE INDEX login_failure_username ON login_failure (username, at)",
  `ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1))`,
  "ALTER TABLE app_user ADD COLUMN totp_secret TEXT",
  "ALTER TABLE app_user ADD COLUMN totp_pending_secret TEXT",
  "ALTER TABLE app_user ADD COLUMN totp_last_step INTEGER",
  `CREATE TABLE recovery_code (
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    code_hash TEXT NOT NULL,
    used_at TEXT,
    PRIMARY KEY (user_id, code_hash)
  )`,
  "ALTER TABLE audit_log ADD COLUMN address TEXT",
  "ALTER TABLE audit_log ADD COLUMN agency_id INTEGER REFERENCES agency (id)",
  "CREATE INDEX audit_log_at ON audit_log (at)",
  "CREATE INDEX audit_log_agency ON audit_log (agency_id, at)",
  "CREATE INDEX audit_log_actor ON audit_log (actor_id, at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
