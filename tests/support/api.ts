import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { type KyselyPlugin, sql } from "kysely";
import { afterEach, inject } from "vitest";
import { ZodError } from "zod";
import { type Db, openDb } from "../../db/open.ts";
import type { Database } from "../../db/schema.ts";
import { seedDemo } from "../../db/seed-demo.ts";
import { type Clock, fixedClock } from "../../server/clock.ts";
import { type Context, type CookieJar, resolveSession } from "../../server/context.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import { appRouter } from "../../server/router.ts";
import { newSessionToken, SESSION_HOURS, sessionIdFromToken } from "../../server/session.ts";
import { createCallerFactory } from "../../server/trpc.ts";

import { TEST_NOW } from "./test-now.ts";

export { TEST_NOW };

const createCaller = createCallerFactory(appRouter);
const opened: { db: Db; dir: string }[] = [];
const dataDirs = new WeakMap<Db, string>();

/** The test database's own folder, which serves as its data folder (files, exports). */
export function dataDirOf(db: Db): string {
  const dir = dataDirs.get(db);
  if (!dir) throw new Error("not a database from freshDb()");
  return dir;
}

afterEach(async () => {
  for (const { db, dir } of opened.splice(0)) {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The same test database seen through a Kysely plugin (one that records the queries, say). */
export function withPlugin(db: Db, plugin: KyselyPlugin): Db {
  const seen = db.withPlugin(plugin);
  dataDirs.set(seen, dataDirOf(db));
  return seen;
}

/** The template files the API project's global set-up migrated and seeded (./global-setup.ts). */
function templates() {
  const provided = inject("dbTemplates");
  if (!provided) throw new Error("freshDb() needs tests/support/global-setup.ts as globalSetup");
  return provided;
}

/** The hash of the demo password, computed once per run. */
export function demoPasswordHash(): string {
  return templates().passwordHash;
}

/**
 * A new SQLite file for one test: migrated, with reference data and (by default) the demo data
 * seeded at TEST_NOW, or at `now`. A copy of the template file, so nothing is left to migrate.
 */
export async function freshDb(options: { demo?: boolean; now?: string } = {}): Promise<Db> {
  const { reference, demo } = templates();
  const dir = mkdtempSync(join(tmpdir(), "dondoc-test-"));
  const path = join(dir, "test.db");
  const now = options.now ?? TEST_NOW;
  const withDemo = options.demo !== false;
  // The demo's sample directive has deadlines relative to its "now": another now seeds anew.
  const seededAtNow = withDemo && now !== TEST_NOW;
  copyFileSync(withDemo && !seededAtNow ? demo : reference, path);
  const db = await openDb(path);
  opened.push({ db, dir });
  dataDirs.set(db, dir);
  if (seededAtNow) {
    await seedDemo(db, { now: new Date(now), passwordHash: demoPasswordHash() });
  }
  return db;
}

/** Records the session cookie a procedure sets, as a browser would. */
export function cookieRecorder() {
  const jar: { token: string | undefined; cleared: boolean } = { token: undefined, cleared: false };
  return {
    jar,
    cookies: {
      setSession(token: string) {
        jar.token = token;
      },
      clearSession() {
        jar.cleared = true;
        jar.token = undefined;
      },
    },
  };
}

/** The address in-process callers come from (the login throttle and the audit log see it). */
export const TEST_ADDRESS = "192.0.2.10";

export function anonymousContext(
  db: Db,
  clock: Clock = fixedClock(TEST_NOW),
  language: "vi" | "en" = "vi",
): Context {
  return {
    db,
    clock,
    language,
    user: null,
    viewer: null,
    sessionId: null,
    cookies: cookieRecorder().cookies,
    address: TEST_ADDRESS,
    demo: false,
    dataDir: dataDirOf(db),
  };
}

export function anonymousCaller(db: Db, clock?: Clock) {
  return createCaller(anonymousContext(db, clock));
}

/** A caller without a session whose cookie jar is visible, to watch auth.login and auth.logout. */
export function anonymousSession(db: Db, language: "vi" | "en" = "vi") {
  const { jar, cookies } = cookieRecorder();
  const caller = createCaller({ ...anonymousContext(db, fixedClock(TEST_NOW), language), cookies });
  return { caller, jar };
}

/**
 * Signs in through auth.login (the real password check); returns a caller with that session and
 * the session token the browser would hold.
 */
export async function signIn(
  db: Db,
  username: string,
  options: { clock?: Clock; password?: string; code?: string; language?: "vi" | "en" } = {},
) {
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const { jar, cookies } = cookieRecorder();
  await createCaller({ ...anonymousContext(db, clock), cookies }).auth.login({
    username,
    password: options.password ?? DEMO_PASSWORD,
    ...(options.code === undefined ? {} : { code: options.code }),
  });
  const token = jar.token;
  if (!token) throw new Error(`login as ${username} gave no session`);
  const caller = await sessionCaller(db, token, { ...options, clock, cookies });
  return { caller, token, jar };
}

/** A caller carrying the session of `token`, as the browser holding that cookie would be. */
export async function sessionCaller(
  db: Db,
  token: string,
  options: {
    clock?: Clock;
    language?: "vi" | "en";
    cookies?: CookieJar;
    /** The server's group commit (server/durability.ts); none by default. */
    durable?: Context["durable"];
  } = {},
) {
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const session = await resolveSession(db, clock, token);
  if (!session.user) throw new Error("the token opens no session");
  return createCaller({
    ...anonymousContext(db, clock, options.language),
    ...session,
    cookies: options.cookies ?? cookieRecorder().cookies,
    ...(options.durable ? { durable: options.durable } : {}),
  });
}

/** A caller on a new session of the user, opened without the password check. */
export async function openSession(
  db: Db,
  userId: number,
  options: { clock?: Clock; language?: "vi" | "en"; durable?: Context["durable"] } = {},
) {
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const now = clock.now();
  const token = newSessionToken();
  await db
    .insertInto("session")
    .values({
      id: sessionIdFromToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  return sessionCaller(db, token, { ...options, clock });
}

/**
 * Signed in as a user (a demo account, say) for a test about something other than signing in:
 * a new session without the password check, which costs an Argon2 hash each time. auth.login
 * has its own tests; `callerAs` goes through it.
 */
export async function signedInAs(
  db: Db,
  username: string,
  options: { clock?: Clock; language?: "vi" | "en"; durable?: Context["durable"] } = {},
) {
  const id = await userIdOf(db, username);
  // Administrators must have the second factor before anything else: the demo's has not.
  const { role } = await db
    .selectFrom("appUser")
    .select("appUser.role")
    .where("appUser.id", "=", id)
    .executeTakeFirstOrThrow();
  if (role === "admin") await withSecondFactor(db, id);
  return openSession(db, id, options);
}

/** Signs in through auth.login (the real password check) and returns a caller with that session. */
export async function callerAs(
  db: Db,
  username: string,
  options: { clock?: Clock; password?: string; language?: "vi" | "en" } = {},
) {
  return (await signIn(db, username, options)).caller;
}

/** Id of an agency by its code (codes are stable; ids are not). */
export async function agencyId(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom("agency")
    .select("agency.id")
    .where("agency.code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A seeded task found by its directive's number and its clause ("06/CT-TTg", "Mục 6.6"). */
export async function taskIdBy(db: Db, directiveNumber: string, clause: string): Promise<number> {
  const row = await db
    .selectFrom("task")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select("task.id")
    .where("directive.number", "=", directiveNumber)
    .where("task.clause", "=", clause)
    .orderBy("task.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type Caller = Awaited<ReturnType<typeof callerAs>>;

/** The TOTP secret of test administrators (required for them) and of tests about the factor. */
export const TEST_SECOND_FACTOR_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Turns the second factor on for a user, as if they had set it up (no recovery codes). */
export async function withSecondFactor(db: Db, userId: number): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ totpSecret: TEST_SECOND_FACTOR_SECRET })
    .where("appUser.id", "=", userId)
    .execute();
}

/** Id of a user by username. */
export async function userIdOf(db: Db, username: string): Promise<number> {
  const row = await db
    .selectFrom("appUser")
    .select("appUser.id")
    .where("appUser.username", "=", username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Number of rows in a table, to show that a refused call wrote nothing. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? Number.NaN);
}

/** What a refused change must leave as it was: the task's row and the number of its events. */
export async function taskState(db: Db, id: number) {
  const task = await db
    .selectFrom("task")
    .select([
      "task.status",
      "task.version",
      "task.progress",
      "task.doneOn",
      "task.title",
      "task.deadline",
      "task.dueOn",
      "task.leadAgencyId",
      "task.updatedAt",
    ])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom("taskEvent")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("taskEvent.taskId", "=", id)
    .executeTakeFirstOrThrow();
  return { ...task, eventCount: Number(events.n) };
}

/** The history rows of a task in the order they were written. */
export async function eventRows(db: Db, taskId: number) {
  return db
    .selectFrom("taskEvent")
    .select([
      "taskEvent.kind",
      "taskEvent.field",
      "taskEvent.oldValue",
      "taskEvent.newValue",
      "taskEvent.note",
      "taskEvent.actorId",
      "taskEvent.at",
    ])
    .where("taskEvent.taskId", "=", taskId)
    .orderBy("taskEvent.id")
    .execute();
}

/** The TRPCError a call is rejected with (fails the test if it succeeds or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome === undefined) throw new Error("expected the call to be refused, but it succeeded");
  if (!(outcome instanceof TRPCError)) throw outcome;
  return outcome;
}

/** The paths of the zod issues behind a BAD_REQUEST, e.g. [["issuedOn"]]. */
export function issuePaths(error: TRPCError): PropertyKey[][] {
  if (!(error.cause instanceof ZodError)) return [];
  return error.cause.issues.map((issue) => issue.path);
}

/** The full input of task.update for a task as it is now, to change a field or two of. */
export async function taskUpdateInput(caller: Caller, id: number) {
  const { task } = await caller.task.byId({ id });
  return {
    id,
    version: task.version,
    clause: task.clause,
    title: task.title,
    description: task.description,
    leadAgencyId: task.leadAgency.id,
    coordinatorAgencyIds: task.coordinators.map((agency) => agency.id),
    deadline: task.deadline,
    isKey: task.isKey,
  };
}

/** "06/CT-TTg Mục 6.6" for each listed task, to compare lists by what a reader would see. */
export function labels(items: readonly { directiveNumber: string; clause: string }[]): string[] {
  return items.map((item) => `${item.directiveNumber} ${item.clause}`);
}

/** Id of a seeded directive by its number. */
export async function directiveIdBy(db: Db, number: string): Promise<number> {
  const row = await db
    .selectFrom("directive")
    .select("directive.id")
    .where("directive.number", "=", number)
    .executeTakeFirstOrThrow();
  return row.id;
}
