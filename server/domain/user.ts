import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { agencyById } from "../../db/agency.ts";
import { type AuditEntry, appendAudit } from "../../db/audit.ts";
import type { Db } from "../../db/open.ts";
import { deleteSession, deleteSessionsOfUser, insertSession } from "../../db/session.ts";
import {
  advanceSecondFactorStep,
  type Credentials,
  credentialsById,
  credentialsByUsername,
  disableSecondFactor,
  enableSecondFactor,
  insertUser,
  preferencesOf,
  savePreferences,
  secondFactorSecrets,
  setPendingSecondFactor,
  setUserActive,
  setUserPassword,
  spendRecoveryCode,
  type User,
  updateUserProfile,
  userById,
  usernameExists,
} from "../../db/user.ts";
import type { preferencesInput } from "../../shared/urge-input.ts";
import type {
  loginInput,
  passwordChangeInput,
  secondFactorDisableInput,
  secondFactorEnableInput,
  userCreateInput,
  userSetActiveInput,
  userUpdateInput,
} from "../../shared/user-input.ts";
import type { Actor, Context, CookieJar } from "../context.ts";
import { fail } from "../errors.ts";
import { forgetLoginAttempt, type LoginAttempt, reserveLoginAttempt } from "../login-throttle.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../password.ts";
import { passwordProblem } from "../password-policy.ts";
import {
  enrolment,
  newRecoveryCodes,
  newSecondFactorSecret,
  recoveryCodeHash,
  verifyCode,
} from "../second-factor.ts";
import { newSessionToken, SESSION_HOURS, sessionIdFromToken } from "../session.ts";

/** An account action's audit row: who, when, from where, about which account (and agency). */
function accountAudit(
  actor: { user: { id: number } | null; clock: Actor["clock"]; address: string },
  action: string,
  account: { id: number; agencyId: number },
  detail: Record<string, unknown> = {},
): AuditEntry {
  return {
    actorId: actor.user?.id ?? null,
    at: actor.clock.now().toISOString(),
    action,
    entity: "user",
    entityId: account.id,
    agencyId: account.agencyId,
    address: actor.address,
    detail,
  };
}

/** A one-time password: 16 random characters, shown once to the administrator. */
function oneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Refuses a new password that is too common, the username, or one character over and over. */
async function checkNewPassword(password: string, username: string, field: string) {
  const problem = await passwordProblem(password, username);
  if (problem) fail("BAD_REQUEST", `trust.password.${problem}`, {}, field);
}

async function accountOf(actor: Actor, id: number): Promise<User> {
  const user = await userById(actor.db, id);
  if (!user) fail("NOT_FOUND", "trust.userNotFound", { id });
  return user;
}

/** Administrators manage other accounts; their own they change through their account page. */
function refuseOwnAccount(actor: Actor, id: number): void {
  if (id === actor.user.id) fail("FORBIDDEN", "trust.ownAccount");
}

/**
 * An administrator creates an account; the username is unique, the agency must exist. The
 * password is a one-time password made here and shown once, to be changed at the first sign-in:
 * the administrator never knows a working password. Audited under the account's agency, so its
 * leaders see it.
 */
export async function createUser(
  actor: Actor,
  input: z.output<typeof userCreateInput>,
): Promise<{ user: User; oneTimePassword: string }> {
  const { db } = actor;
  const agency = await agencyById(db, input.agencyId);
  if (!agency) fail("BAD_REQUEST", "error.agencyNotFound", { id: input.agencyId }, "agencyId");
  if (await usernameExists(db, input.username)) {
    fail("CONFLICT", "error.usernameTaken", { username: input.username }, "username");
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = actor.clock.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, {
      ...input,
      passwordHash,
      createdAt: now,
      mustChangePassword: true,
    });
    await appendAudit(
      trx,
      accountAudit(
        actor,
        "create",
        { id: userId, agencyId: input.agencyId },
        {
          username: input.username,
          role: input.role,
          agencyId: input.agencyId,
        },
      ),
    );
    return userId;
  });
  return { user: await accountOf(actor, id), oneTimePassword: password };
}

/**
 * An administrator changes an account's name, role or agency. A change of agency is audited
 * under both agencies: the leaders of each see the account come or go.
 */
export async function updateUser(
  actor: Actor,
  input: z.output<typeof userUpdateInput>,
): Promise<User> {
  const before = await accountOf(actor, input.id);
  if (input.id === actor.user.id && input.role !== before.role) {
    fail("FORBIDDEN", "trust.ownAccount");
  }
  if (input.agencyId !== before.agencyId && !(await agencyById(actor.db, input.agencyId))) {
    fail("BAD_REQUEST", "error.agencyNotFound", { id: input.agencyId }, "agencyId");
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ["fullName", "role", "agencyId"] as const) {
    if (before[field] !== input[field]) changes[field] = { from: before[field], to: input[field] };
  }
  if (Object.keys(changes).length === 0) return before;
  const { id, fullName, role, agencyId } = input;
  await actor.db.transaction().execute(async (trx) => {
    await updateUserProfile(trx, id, { fullName, role, agencyId });
    const agencies = new Set([agencyId, before.agencyId]);
    for (const agency of agencies) {
      await appendAudit(
        trx,
        accountAudit(
          actor,
          "update",
          { id, agencyId: agency },
          { username: before.username, changes },
        ),
      );
    }
  });
  return accountOf(actor, id);
}

/**
 * Deactivating ends every session of the account and refuses its sign-ins; reactivating lets it
 * sign in again, and no old session comes back (they were deleted).
 */
export async function setAccountActive(
  actor: Actor,
  input: z.output<typeof userSetActiveInput>,
): Promise<User> {
  refuseOwnAccount(actor, input.id);
  const account = await accountOf(actor, input.id);
  if (account.isActive === input.active) return account;
  await actor.db.transaction().execute(async (trx) => {
    await setUserActive(trx, account.id, input.active);
    const ended = input.active ? 0 : await deleteSessionsOfUser(trx, account.id);
    await appendAudit(
      trx,
      accountAudit(actor, input.active ? "reactivate" : "deactivate", account, {
        username: account.username,
        ...(input.active ? {} : { sessionsEnded: ended }),
      }),
    );
  });
  return accountOf(actor, account.id);
}

/**
 * An administrator resets a password: a new one-time password, shown once, to be changed at the
 * next sign-in; every session of the account ends.
 */
export async function resetPassword(
  actor: Actor,
  id: number,
): Promise<{ user: User; oneTimePassword: string }> {
  refuseOwnAccount(actor, id);
  const account = await accountOf(actor, id);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await actor.db.transaction().execute(async (trx) => {
    await setUserPassword(trx, id, passwordHash, true);
    const ended = await deleteSessionsOfUser(trx, id);
    await appendAudit(
      trx,
      accountAudit(actor, "password_reset", account, {
        username: account.username,
        sessionsEnded: ended,
      }),
    );
  });
  return { user: await accountOf(actor, id), oneTimePassword: password };
}

/**
 * An administrator turns off an account's second factor (a lost phone): the user sets it up
 * again (an administrator must, before anything else). Every session of the account ends.
 */
export async function resetSecondFactor(actor: Actor, id: number): Promise<User> {
  refuseOwnAccount(actor, id);
  const account = await accountOf(actor, id);
  await actor.db.transaction().execute(async (trx) => {
    await disableSecondFactor(trx, id);
    await deleteSessionsOfUser(trx, id);
    await appendAudit(
      trx,
      accountAudit(actor, "second_factor_reset", account, { username: account.username }),
    );
  });
  return accountOf(actor, id);
}

type SessionActor = Actor & { sessionId: string; cookies: CookieJar };

/** Checks the signed-in user's password again, throttled like a sign-in. */
async function confirmPassword(actor: SessionActor, password: string, field: string) {
  const { db, user } = actor;
  const attempt = await reserveLoginAttempt(db, {
    address: actor.address,
    username: user.username,
    now: actor.clock.now(),
  });
  if (!attempt.ok) {
    fail("TOO_MANY_REQUESTS", "error.tooManyLogins", {
      minutes: Math.ceil(attempt.retryAfterMs / 60_000),
    });
  }
  const credentials = await credentialsById(db, user.id);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, password))) {
    await appendAudit(db, accountAudit(actor, "password_check_failed", user));
    fail("BAD_REQUEST", "trust.wrongPassword", {}, field);
  }
  await forgetLoginAttempt(db, attempt.id);
}

/**
 * The user changes their own password (and so ends a one-time password): the current one is
 * checked again; the new one must pass the policy; every other session of the user ends.
 */
export async function changeOwnPassword(
  actor: SessionActor,
  input: z.output<typeof passwordChangeInput>,
): Promise<User> {
  const { user } = actor;
  await confirmPassword(actor, input.currentPassword, "currentPassword");
  await checkNewPassword(input.newPassword, user.username, "newPassword");
  if (input.newPassword === input.currentPassword) {
    fail("BAD_REQUEST", "trust.password.same", {}, "newPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await actor.db.transaction().execute(async (trx) => {
    await setUserPassword(trx, user.id, passwordHash, false);
    const ended = await deleteSessionsOfUser(trx, user.id, actor.sessionId);
    await appendAudit(trx, accountAudit(actor, "password_change", user, { sessionsEnded: ended }));
  });
  return accountOf(actor, user.id);
}

/** Starts setting up the second factor: a new secret, not in force until a code proves it. */
export async function startSecondFactor(actor: Actor) {
  const secret = newSecondFactorSecret();
  await setPendingSecondFactor(actor.db, actor.user.id, secret);
  return enrolment(secret, actor.user.username);
}

/**
 * Puts the second factor in force once the app shows a valid code for the pending secret;
 * returns ten recovery codes, shown once.
 */
export async function turnOnSecondFactor(
  actor: Actor,
  input: z.output<typeof secondFactorEnableInput>,
): Promise<{ recoveryCodes: string[] }> {
  const secrets = await secondFactorSecrets(actor.db, actor.user.id);
  if (!secrets?.pending) fail("BAD_REQUEST", "trust.secondFactorNotStarted", {}, "code");
  const step = await verifyCode(secrets.pending, input.code, actor.clock.now(), null);
  if (step === null) fail("BAD_REQUEST", "trust.badCode", {}, "code");
  const recoveryCodes = newRecoveryCodes();
  const { pending } = secrets;
  await actor.db.transaction().execute(async (trx) => {
    await enableSecondFactor(
      trx,
      actor.user.id,
      pending,
      step,
      recoveryCodes.map(recoveryCodeHash),
    );
    await appendAudit(trx, accountAudit(actor, "second_factor_on", actor.user));
  });
  return { recoveryCodes };
}

/** A user turns their second factor off with their password; administrators must keep theirs. */
export async function turnOffSecondFactor(
  actor: SessionActor,
  input: z.output<typeof secondFactorDisableInput>,
): Promise<User> {
  if (actor.user.role === "admin") fail("FORBIDDEN", "trust.secondFactorRequired");
  await confirmPassword(actor, input.password, "password");
  await actor.db.transaction().execute(async (trx) => {
    await disableSecondFactor(trx, actor.user.id);
    await appendAudit(trx, accountAudit(actor, "second_factor_off", actor.user));
  });
  return accountOf(actor, actor.user.id);
}

/** A code of the authenticator app (used once) or an unused recovery code. */
async function secondFactorPasses(
  db: Db,
  credentials: Credentials & { totpSecret: string },
  code: string,
  now: Date,
): Promise<boolean> {
  const step = await verifyCode(credentials.totpSecret, code, now, credentials.totpLastStep);
  if (step !== null) return advanceSecondFactorStep(db, credentials.id, step);
  return spendRecoveryCode(db, credentials.id, recoveryCodeHash(code), now.toISOString());
}

type LoginContext = Pick<Context, "db" | "clock" | "cookies" | "address">;

function refuseThrottled(attempt: Extract<LoginAttempt, { ok: false }>): never {
  fail("TOO_MANY_REQUESTS", "error.tooManyLogins", {
    minutes: Math.ceil(attempt.retryAfterMs / 60_000),
  });
}

/**
 * Signs in with a username and password, and the second factor's code when the account has one:
 * a new session (stored by the hash of its token) and its cookie. The throttle
 * (server/login-throttle.ts) runs first, before any hashing. Unknown and inactive users cost the
 * same time as wrong passwords; every attempt is in the audit log, with its address.
 */
export async function logIn(
  ctx: LoginContext,
  input: z.output<typeof loginInput>,
): Promise<User | undefined> {
  const { db, address } = ctx;
  const username = input.username.toLowerCase();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const attempt = await reserveLoginAttempt(db, { address, username, now });
  const credentials = await credentialsByUsername(db, username);
  const audit = (action: string, actorId: number | null, detail?: Record<string, unknown>) =>
    appendAudit(db, {
      actorId,
      at,
      action,
      entity: "user",
      entityId: credentials?.id ?? null,
      agencyId: credentials?.agencyId ?? null,
      address,
      ...(detail ? { detail } : {}),
    });
  if (!attempt.ok) {
    await audit("login_throttled", null, { username });
    refuseThrottled(attempt);
  }
  const valid =
    credentials?.isActive === true
      ? await verifyPassword(credentials.passwordHash, input.password)
      : await verifyPassword(await decoyPasswordHash(), input.password).then(() => false);
  if (!valid || !credentials) {
    await audit("login_failed", null, { username });
    fail("UNAUTHORIZED", "error.badCredentials");
  }
  const { totpSecret } = credentials;
  if (totpSecret !== null) {
    if (!input.code) {
      // The password was right: that attempt does not count; the code is asked for.
      await forgetLoginAttempt(db, attempt.id);
      fail("UNAUTHORIZED", "trust.codeRequired", {}, "code");
    }
    if (!(await secondFactorPasses(db, { ...credentials, totpSecret }, input.code, now))) {
      await audit("login_failed", null, { username, secondFactor: true });
      fail("UNAUTHORIZED", "trust.badCode", {}, "code");
    }
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
    await appendAudit(trx, {
      actorId: credentials.id,
      at,
      action: "login",
      entity: "user",
      entityId: credentials.id,
      agencyId: credentials.agencyId,
      address,
    });
  });
  ctx.cookies.setSession(token, expires.getTime() - now.getTime());
  return userById(db, credentials.id);
}

/** Ends the actor's session and clears its cookie. */
export async function logOut(actor: SessionActor): Promise<{ ok: true }> {
  await actor.db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await appendAudit(trx, accountAudit(actor, "logout", actor.user));
  });
  actor.cookies.clearSession();
  return { ok: true };
}

/** "Sign out everywhere": ends every session of the user, this one included. */
export async function logOutEverywhere(actor: SessionActor): Promise<{ ended: number }> {
  const ended = await actor.db.transaction().execute(async (trx) => {
    const count = await deleteSessionsOfUser(trx, actor.user.id);
    await appendAudit(
      trx,
      accountAudit(actor, "logout_everywhere", actor.user, { sessionsEnded: count }),
    );
    return count;
  });
  actor.cookies.clearSession();
  return { ended };
}

/** The user's own notification preferences (e-mail, digest or in-app, hour). */
export async function ownPreferences(actor: Actor) {
  return preferencesOf(actor.db, actor.user.id);
}

/** The user sets their own e-mail address and how and when they hear; audited. */
export async function setOwnPreferences(actor: Actor, input: z.output<typeof preferencesInput>) {
  const before = await preferencesOf(actor.db, actor.user.id);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ["email", "digestMode", "digestHour"] as const) {
    if (before[field] !== input[field]) changes[field] = { from: before[field], to: input[field] };
  }
  if (Object.keys(changes).length > 0) {
    await actor.db.transaction().execute(async (trx) => {
      await savePreferences(trx, actor.user.id, input);
      await appendAudit(trx, accountAudit(actor, "preferences", actor.user, { changes }));
    });
  }
  return preferencesOf(actor.db, actor.user.id);
}
