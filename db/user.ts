import type { ExpressionBuilder } from "kysely";
import { foldText } from "../shared/text.ts";
import type { DigestMode } from "../shared/urge.ts";
import type { Role } from "../shared/user.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import { preparedQuery } from "./prepared.ts";
import type { Database } from "./schema.ts";

export type User = {
  id: number;
  username: string;
  fullName: string;
  agencyId: number;
  agencyName: string;
  agencyShortName: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
  /** A one-time password is in force: to be changed before anything else. */
  mustChangePassword: boolean;
  /** The TOTP second factor is on (the secret itself never leaves the database module). */
  secondFactor: boolean;
};

function userQuery(db: Db) {
  return db
    .selectFrom("appUser")
    .innerJoin("agency", "agency.id", "appUser.agencyId")
    .select((eb) => [
      "appUser.id",
      "appUser.username",
      "appUser.fullName",
      "appUser.agencyId",
      "agency.name as agencyName",
      "agency.shortName as agencyShortName",
      "appUser.role",
      "appUser.isActive",
      "appUser.createdAt",
      "appUser.mustChangePassword",
      eb.case().when("appUser.totpSecret", "is", null).then(0).else(1).end().as("secondFactor"),
    ]);
}

type UserRow = Omit<User, "isActive" | "mustChangePassword" | "secondFactor"> & {
  isActive: 0 | 1;
  mustChangePassword: 0 | 1;
  secondFactor: number;
};

function toUser(row: UserRow): User {
  return {
    ...row,
    isActive: row.isActive === 1,
    mustChangePassword: row.mustChangePassword === 1,
    secondFactor: row.secondFactor === 1,
  };
}

export async function userById(db: Db, id: number): Promise<User | undefined> {
  const row = await userQuery(db).where("appUser.id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

/**
 * The active user of the session stored under `sessionId` (db/session.ts), if it has not expired
 * at `now`: one query, as it runs for every request.
 */
export async function userOfSession(
  db: Db,
  sessionId: string,
  now: string,
): Promise<User | undefined> {
  const [row] = (await sessionUser(db, { sessionId, now })).rows;
  return row && toUser(row);
}

// Built once (db/prepared.ts): every signed-in request runs it.
const sessionUser = preparedQuery((db, p: { sessionId: string; now: string }) =>
  userQuery(db)
    .innerJoin("session", "session.userId", "appUser.id")
    .where("session.id", "=", p.sessionId)
    .where("session.expiresAt", ">", p.now)
    .where("appUser.isActive", "=", 1),
);

export type Credentials = {
  id: number;
  username: string;
  passwordHash: string;
  isActive: boolean;
  agencyId: number;
  totpSecret: string | null;
  totpLastStep: number | null;
};

export async function credentialsByUsername(
  db: Db,
  username: string,
): Promise<Credentials | undefined> {
  return credentials(db)
    .where("appUser.username", "=", username)
    .executeTakeFirst()
    .then(toCredentials);
}

export async function credentialsById(db: Db, id: number): Promise<Credentials | undefined> {
  return credentials(db).where("appUser.id", "=", id).executeTakeFirst().then(toCredentials);
}

function credentials(db: Db) {
  return db
    .selectFrom("appUser")
    .select([
      "appUser.id",
      "appUser.username",
      "appUser.passwordHash",
      "appUser.isActive",
      "appUser.agencyId",
      "appUser.totpSecret",
      "appUser.totpLastStep",
    ]);
}

function toCredentials<T extends { isActive: 0 | 1 }>(
  row: T | undefined,
): (Omit<T, "isActive"> & { isActive: boolean }) | undefined {
  return row && { ...row, isActive: row.isActive === 1 };
}

/**
 * Accounts by username, filtered. Words of `query` must each occur in the username or the full
 * name, folded (diacritics and case ignored: "nguyen an" finds "Nguyễn Văn An"). A ministry has
 * hundreds to a few thousand accounts, so the folded match runs here rather than in SQL.
 */
export async function listUsers(
  db: Db,
  input: {
    query: string;
    role?: Role | undefined;
    agencyId?: number | undefined;
    state?: "active" | "inactive" | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: User[]; total: number }> {
  let query = userQuery(db);
  if (input.role !== undefined) query = query.where("appUser.role", "=", input.role);
  if (input.agencyId !== undefined) query = query.where("appUser.agencyId", "=", input.agencyId);
  if (input.state !== undefined) {
    query = query.where("appUser.isActive", "=", input.state === "active" ? 1 : 0);
  }
  const rows = await query.orderBy("appUser.username").execute();
  const words = foldText(input.query).split(" ").filter(Boolean);
  const matching = rows.filter((row) => {
    const text = foldText(`${row.username} ${row.fullName}`);
    return words.every((word) => text.includes(word));
  });
  const start = (input.page - 1) * input.pageSize;
  return {
    items: matching.slice(start, start + input.pageSize).map(toUser),
    total: matching.length,
  };
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom("appUser")
    .select("appUser.id")
    .where("appUser.username", "=", username)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    passwordHash: string;
    fullName: string;
    agencyId: number;
    role: Role;
    createdAt: string;
    mustChangePassword: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto("appUser")
    .values({ ...user, isActive: 1, mustChangePassword: user.mustChangePassword ? 1 : 0 })
    .returning("appUser.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserProfile(
  db: Db,
  id: number,
  profile: { fullName: string; agencyId: number; role: Role },
): Promise<void> {
  await db.updateTable("appUser").set(profile).where("appUser.id", "=", id).execute();
}

export async function setUserActive(db: Db, id: number, active: boolean): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ isActive: active ? 1 : 0 })
    .where("appUser.id", "=", id)
    .execute();
}

/** A new password hash; `mustChange` when it is a one-time password. */
export async function setUserPassword(
  db: Db,
  id: number,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ passwordHash, mustChangePassword: mustChange ? 1 : 0 })
    .where("appUser.id", "=", id)
    .execute();
}

/** The secret being set up (not yet in force) and the one in force. */
export async function secondFactorSecrets(
  db: Db,
  id: number,
): Promise<{ pending: string | null; active: string | null } | undefined> {
  const row = await db
    .selectFrom("appUser")
    .select(["appUser.totpPendingSecret", "appUser.totpSecret"])
    .where("appUser.id", "=", id)
    .executeTakeFirst();
  return row && { pending: row.totpPendingSecret, active: row.totpSecret };
}

export async function setPendingSecondFactor(db: Db, id: number, secret: string): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ totpPendingSecret: secret })
    .where("appUser.id", "=", id)
    .execute();
}

/** Puts the pending secret in force with its first accepted time step and new recovery codes. */
export async function enableSecondFactor(
  db: Db,
  id: number,
  secret: string,
  step: number,
  recoveryCodeHashes: readonly string[],
): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step })
    .where("appUser.id", "=", id)
    .execute();
  await db.deleteFrom("recoveryCode").where("recoveryCode.userId", "=", id).execute();
  await db
    .insertInto("recoveryCode")
    .values(recoveryCodeHashes.map((codeHash) => ({ userId: id, codeHash, usedAt: null })))
    .execute();
}

export async function disableSecondFactor(db: Db, id: number): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null })
    .where("appUser.id", "=", id)
    .execute();
  await db.deleteFrom("recoveryCode").where("recoveryCode.userId", "=", id).execute();
}

/**
 * Records the time step of an accepted code, only if it is later than the last one (two sign-ins
 * racing with the same code: one wins). Returns whether it was recorded.
 */
export async function advanceSecondFactorStep(db: Db, id: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable("appUser")
    .set({ totpLastStep: step })
    .where("appUser.id", "=", id)
    .where((eb) =>
      eb.or([eb("appUser.totpLastStep", "is", null), eb("appUser.totpLastStep", "<", step)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up a recovery code; returns whether it was there and unused. */
export async function spendRecoveryCode(
  db: Db,
  id: number,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("recoveryCode")
    .set({ usedAt: at })
    .where("recoveryCode.userId", "=", id)
    .where("recoveryCode.codeHash", "=", codeHash)
    .where("recoveryCode.usedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type AccountToReview = {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  agencyShortName: string;
  isActive: boolean;
  /** Never signed in (no successful login in the audit log). */
  neverUsed: boolean;
  createdAt: string;
};

/** No successful login of the user in the audit log. */
function neverLoggedIn(eb: ExpressionBuilder<Database, "appUser">) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("auditLog")
        .select("auditLog.id")
        .where("auditLog.action", "=", "login")
        .where("auditLog.entity", "=", "user")
        .whereRef("auditLog.entityId", "=", "appUser.id"),
    ),
  );
}

/**
 * Accounts an administrator should look at: locked (inactive) or never used, other than the
 * administrator's own, that `userId` has not marked as seen; oldest first.
 */
export async function accountsToReview(db: Db, userId: number): Promise<AccountToReview[]> {
  const rows = await userQuery(db)
    .select((eb) => neverLoggedIn(eb).as("neverUsed"))
    .where((eb) => eb.or([eb("appUser.isActive", "=", 0), neverLoggedIn(eb)]))
    .where("appUser.id", "<>", userId)
    .where(notSeenBy(userId, "account", "appUser.id"))
    .orderBy("appUser.createdAt")
    .orderBy("appUser.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    agencyShortName: row.agencyShortName,
    isActive: row.isActive === 1,
    neverUsed: Boolean(row.neverUsed),
    createdAt: row.createdAt,
  }));
}

/** How the user wants to hear of notifications. */
export async function preferencesOf(db: Db, id: number) {
  const row = await db
    .selectFrom("appUser")
    .select(["appUser.email", "appUser.digestMode", "appUser.digestHour"])
    .where("appUser.id", "=", id)
    .executeTakeFirstOrThrow();
  return { ...row, email: row.email ?? "" };
}

export async function savePreferences(
  db: Db,
  id: number,
  preferences: { email: string; digestMode: DigestMode; digestHour: number },
): Promise<void> {
  await db
    .updateTable("appUser")
    .set({ ...preferences, email: preferences.email === "" ? null : preferences.email })
    .where("appUser.id", "=", id)
    .execute();
}
