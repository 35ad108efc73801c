import type { Db } from "../db/open.ts";
import { agencyScope } from "../db/scope.ts";
import { type User, userOfSession } from "../db/user.ts";
import type { Language } from "../shared/i18n/language.ts";
import type { Viewer } from "../shared/permission.ts";
import type { Clock } from "./clock.ts";
import type { Reads } from "./reads.ts";
import { sessionIdFromToken } from "./session.ts";

/** How a procedure sets or clears the session cookie, whatever carries the request. */
export type CookieJar = {
  /** The browser keeps the cookie for `maxAgeMs` of real time; the server checks its own expiry. */
  setSession(token: string, maxAgeMs: number): void;
  clearSession(): void;
};

export type Context = {
  db: Db;
  clock: Clock;
  language: Language;
  user: User | null;
  viewer: Viewer | null;
  sessionId: string | null;
  cookies: CookieJar;
  /** The client's address (behind a proxy on loopback, the address it forwards). */
  address: string;
  /** Demo mode: the demo data and accounts (published password) are there; pages say so. */
  demo: boolean;
  /** The data folder: evidence files under `<dataDir>/files`, exports under `<dataDir>/exports`. */
  dataDir: string;
  /** Where the leaders' long reads run (server/reads.ts); absent: on `db`. */
  reads?: Reads;
  /** Resolves once the changes committed so far are on disk (server/durability.ts). */
  durable?: () => Promise<void>;
};

/**
 * Who acts, for the domain actions of server/domain/: the signed-in user, what they see through,
 * the database, the clock and the language of their messages. A signed-in procedure's context
 * is one, so a procedure passes its `ctx` as it is.
 */
export type Actor = {
  db: Db;
  user: User;
  viewer: Viewer;
  clock: Clock;
  language: Language;
  /** Where the request came from, for the audit log. */
  address: string;
};

/** What a read needs of the signed-in user's context (it may run on a reader thread). */
export type Reader = Pick<Actor, "db" | "user" | "viewer" | "clock">;

export type AppDeps = {
  db: Db;
  clock: Clock;
  secureCookies: boolean;
  /** The data folder: evidence files under `<dataDir>/files`, exports under `<dataDir>/exports`. */
  dataDir: string;
  /** The evidence one agency's users may store together (AGENCY_QUOTA_BYTES unless set). */
  agencyQuotaBytes?: number;
  /** Demo mode (server/main.ts decides): every page shows a "demo data" banner. */
  demo?: boolean;
  /** The reader threads of server/read-pool.ts; absent: reads run on `db`. */
  reads?: Reads;
  /** Group commit (server/durability.ts); absent: `db` commits with synchronous=FULL. */
  durable?: () => Promise<void>;
};

/** The signed-in user and what they see through, or nulls. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  token: string | undefined,
): Promise<{ user: User | null; viewer: Viewer | null; sessionId: string | null }> {
  if (!token) return { user: null, viewer: null, sessionId: null };
  const sessionId = sessionIdFromToken(token);
  const user = await userOfSession(db, sessionId, clock.now().toISOString());
  if (!user) return { user: null, viewer: null, sessionId: null };
  return { user, viewer: await viewerFor(db, user), sessionId };
}

export async function viewerFor(db: Db, user: User): Promise<Viewer> {
  const scope = await agencyScope(db, user.agencyId);
  return { userId: user.id, role: user.role, agencyId: user.agencyId, ...scope };
}
