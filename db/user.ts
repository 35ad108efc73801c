import type { ExpressionBuilder } from "kysely";
import type { Role } from "../shared/user.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import type { Database } from "./schema.ts";
import { matchesSearch } from "./search.ts";

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
};

function userQuery(db: Db) {
  return db
    .selectFrom("appUser")
    .innerJoin("agency", "agency.id", "appUser.agencyId")
    .select([
      "appUser.id",
      "appUser.username",
      "appUser.fullName",
      "appUser.agencyId",
      "agency.name as agencyName",
      "agency.shortName as agencyShortName",
      "appUser.role",
      "appUser.isActive",
      "appUser.createdAt",
    ]);
}

function toUser<T extends { isActive: 0 | 1 }>(
  row: T,
): Omit<T, "isActive"> & { isActive: boolean } {
  return { ...row, isActive: row.isActive === 1 };
}

export async function userById(db: Db, id: number): Promise<User | undefined> {
  const row = await userQuery(db).where("appUser.id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function credentialsByUsername(
  db: Db,
  username: string,
): Promise<{ id: number; passwordHash: string; isActive: boolean } | undefined> {
  const row = await db
    .selectFrom("appUser")
    .select(["appUser.id", "appUser.passwordHash", "appUser.isActive"])
    .where("appUser.username", "=", username)
    .executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(
  db: Db,
  input: { query: string; page: number; pageSize: number },
): Promise<{ items: User[]; total: number }> {
  const match = matchesSearch("appUser.username", input.query);
  const base = userQuery(db).$call((qb) => (match ? qb.where(match) : qb));
  const [rows, count] = await Promise.all([
    base
      .orderBy("appUser.username")
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    db
      .selectFrom("appUser")
      .$call((qb) => (match ? qb.where(match) : qb))
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.total) };
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
  },
): Promise<number> {
  const row = await db
    .insertInto("appUser")
    .values({ ...user, isActive: 1 })
    .returning("appUser.id")
    .executeTakeFirstOrThrow();
  return row.id;
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
