import type { Db } from "./open.ts";

/** Sessions are stored by the SHA-256 of their token, so a leaked database gives no live cookie. */
export async function insertSession(
  db: Db,
  session: { id: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto("session").values(session).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("session").where("session.id", "=", id).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom("session").where("session.expiresAt", "<=", now).execute();
}

/** Ends every session of a user, but the one kept (`keep`), if any; returns how many ended. */
export async function deleteSessionsOfUser(db: Db, userId: number, keep?: string): Promise<number> {
  let query = db.deleteFrom("session").where("session.userId", "=", userId);
  if (keep !== undefined) query = query.where("session.id", "<>", keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
