import type { Db } from "./open.ts";

/** Sessions are stored by the SHA-256 of their token, so a leaked database gives no live cookie. */
export async function insertSession(
  db: Db,
  session: { id: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto("session").values(session).execute();
}

export async function sessionUserId(db: Db, id: string, now: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("session")
    .innerJoin("appUser", "appUser.id", "session.userId")
    .select("session.userId")
    .where("session.id", "=", id)
    .where("session.expiresAt", ">", now)
    .where("appUser.isActive", "=", 1)
    .executeTakeFirst();
  return row?.userId;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("session").where("session.id", "=", id).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom("session").where("session.expiresAt", "<=", now).execute();
}
