import type { Role } from "../shared/user.ts";
import type { Db } from "./open.ts";
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
): Promise<{ id: number; passwordHash: string; isActive: boolean; agencyId: number } | undefined> {
  const row = await db
    .selectFrom("appUser")
    .select(["appUser.id", "appUser.passwordHash", "appUser.isActive", "appUser.agencyId"])
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
