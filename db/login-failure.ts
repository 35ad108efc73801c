import type { Db } from "./open.ts";

/**
 * The attempts that count against the login throttle (server/login-throttle.ts). One row per
 * attempt, written before the password is checked and deleted when the attempt succeeds.
 */

export type FailureCount = { count: number; latest: string | null };

/** How many attempts by `column` = `value` since `since`, and the latest one. */
export async function countFailures(
  db: Db,
  column: "address" | "username",
  value: string,
  since: string,
): Promise<FailureCount> {
  const row = await db
    .selectFrom("loginFailure")
    .select((eb) => [
      eb.fn.countAll<number>().as("count"),
      eb.fn.max("loginFailure.at").as("latest"),
    ])
    .where(`loginFailure.${column}`, "=", value)
    .where("loginFailure.at", ">", since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), latest: row.latest ?? null };
}

export async function insertLoginFailure(
  db: Db,
  failure: { at: string; address: string; username: string },
): Promise<number> {
  const row = await db
    .insertInto("loginFailure")
    .values(failure)
    .returning("loginFailure.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteLoginFailure(db: Db, id: number): Promise<void> {
  await db.deleteFrom("loginFailure").where("loginFailure.id", "=", id).execute();
}

/** Failures older than `before` no longer count anywhere. */
export async function deleteLoginFailuresBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom("loginFailure").where("loginFailure.at", "<=", before).execute();
}
