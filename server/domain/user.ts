import type { z } from "zod";
import { agencyById } from "../../db/agency.ts";
import { appendAudit } from "../../db/audit.ts";
import { deleteSession, insertSession } from "../../db/session.ts";
import {
  credentialsByUsername,
  insertUser,
  type User,
  userById,
  usernameExists,
} from "../../db/user.ts";
import type { loginInput, userCreateInput } from "../../shared/user.ts";
import type { Actor, Context, CookieJar } from "../context.ts";
import { fail } from "../errors.ts";
import { forgetLoginAttempt, reserveLoginAttempt } from "../login-throttle.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../password.ts";
import { newSessionToken, SESSION_HOURS, sessionIdFromToken } from "../session.ts";

/** An administrator creates an account; the username is unique, the agency must exist. */
export async function createUser(
  actor: Actor,
  input: z.output<typeof userCreateInput>,
): Promise<User | undefined> {
  const { db } = actor;
  const agency = await agencyById(db, input.agencyId);
  if (!agency) fail("BAD_REQUEST", "error.agencyNotFound", { id: input.agencyId }, "agencyId");
  if (await usernameExists(db, input.username)) {
    fail("CONFLICT", "error.usernameTaken", { username: input.username }, "username");
  }
  const passwordHash = await hashPassword(input.password);
  const now = actor.clock.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, {
      username: input.username,
      passwordHash,
      fullName: input.fullName,
      agencyId: input.agencyId,
      role: input.role,
      createdAt: now,
    });
    await appendAudit(trx, {
      actorId: actor.user.id,
      at: now,
      action: "create",
      entity: "user",
      entityId: userId,
      detail: { username: input.username, role: input.role, agencyId: input.agencyId },
    });
    return userId;
  });
  return userById(db, id);
}

/**
 * Signs in with a username and password: a new session (stored by the hash of its token) and
 * its cookie. The throttle (server/login-throttle.ts) runs first, before any hashing. Unknown and
 * inactive users cost the same time as wrong passwords; every attempt is in the audit log.
 */
export async function logIn(
  ctx: Pick<Context, "db" | "clock" | "cookies" | "address">,
  input: z.output<typeof loginInput>,
): Promise<User | undefined> {
  const { db, address } = ctx;
  const username = input.username.toLowerCase();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const attempt = await reserveLoginAttempt(db, { address, username, now });
  const credentials = await credentialsByUsername(db, username);
  const audit = { at, entity: "user", entityId: credentials?.id ?? null, address };
  const agencyId = credentials?.agencyId ?? null;
  if (!attempt.ok) {
    await appendAudit(db, {
      ...audit,
      actorId: null,
      agencyId,
      action: "login_throttled",
      detail: { username },
    });
    fail("TOO_MANY_REQUESTS", "error.tooManyLogins", {
      minutes: Math.ceil(attempt.retryAfterMs / 60_000),
    });
  }
  const valid =
    credentials?.isActive === true
      ? await verifyPassword(credentials.passwordHash, input.password)
      : await verifyPassword(await decoyPasswordHash(), input.password).then(() => false);
  if (!valid || !credentials) {
    await appendAudit(db, {
      ...audit,
      actorId: null,
      agencyId,
      action: "login_failed",
      detail: { username },
    });
    fail("UNAUTHORIZED", "error.badCredentials");
  }
  const token = newSessionToken();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await forgetLoginAttempt(trx, attempt.id);
    await insertSession(trx, {
      id: sessionIdFromToken(token),
      userId: credentials.id,
      createdAt: at,
      expiresAt: expires.toISOString(),
    });
    await appendAudit(trx, { ...audit, actorId: credentials.id, agencyId, action: "login" });
  });
  ctx.cookies.setSession(token, expires.getTime() - now.getTime());
  return userById(db, credentials.id);
}

/** Ends the actor's session and clears its cookie. */
export async function logOut(
  actor: Actor & { sessionId: string; cookies: CookieJar },
): Promise<{ ok: true }> {
  await actor.db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await appendAudit(trx, {
      actorId: actor.user.id,
      at: actor.clock.now().toISOString(),
      action: "logout",
      entity: "user",
      entityId: actor.user.id,
    });
  });
  actor.cookies.clearSession();
  return { ok: true };
}
