import type { DigestMode } from "../shared/urge.ts";
import type { Db } from "./open.ts";
import type { OutboxTable } from "./schema.ts";

/** A user who wants digests by e-mail and has an address. */
export type DigestRecipient = {
  id: number;
  fullName: string;
  email: string;
  digestMode: DigestMode;
  digestHour: number;
};

export async function digestRecipients(db: Db): Promise<DigestRecipient[]> {
  const rows = await db
    .selectFrom("appUser")
    .select([
      "appUser.id",
      "appUser.fullName",
      "appUser.email",
      "appUser.digestMode",
      "appUser.digestHour",
    ])
    .where("appUser.isActive", "=", 1)
    .where("appUser.digestMode", "in", ["email", "both"])
    .where("appUser.email", "is not", null)
    .where("appUser.email", "<>", "")
    .orderBy("appUser.id")
    .execute();
  return rows.flatMap(({ email, ...row }) => (email ? [{ ...row, email }] : []));
}

/** A digest to queue: the outbox row without what sending adds (attempts, next try, result). */
export type NewMail = Pick<
  OutboxTable,
  "userId" | "digestDay" | "toAddress" | "subject" | "text" | "html" | "createdAt"
>;

/**
 * Queues a user's digest of a day, unless one is there already (another run or process made it):
 * then undefined, and the caller writes nothing else.
 */
export async function queueMail(db: Db, mail: NewMail): Promise<number | undefined> {
  const row = await db
    .insertInto("outbox")
    .values({ ...mail, nextAttemptAt: mail.createdAt })
    .onConflict((conflict) => conflict.columns(["userId", "digestDay"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** The notifications a digest carries; read too when the user hears by e-mail only. */
export async function attachToDigest(
  db: Db,
  notificationIds: readonly number[],
  outboxId: number,
  readAt: string | null,
): Promise<void> {
  if (notificationIds.length === 0) return;
  await db
    .updateTable("notification")
    .set({ outboxId })
    .where("notification.id", "in", notificationIds)
    .execute();
  if (readAt !== null) {
    await db
      .updateTable("notification")
      .set({ readAt })
      .where("notification.id", "in", notificationIds)
      .where("notification.readAt", "is", null)
      .execute();
  }
}

/** Mail waiting to be sent whose next attempt is due, oldest first. */
export async function mailDue(db: Db, now: string, maxAttempts: number, limit: number) {
  return db
    .selectFrom("outbox")
    .select([
      "outbox.id",
      "outbox.toAddress",
      "outbox.subject",
      "outbox.text",
      "outbox.html",
      "outbox.attempts",
    ])
    .where("outbox.sentAt", "is", null)
    .where("outbox.nextAttemptAt", "<=", now)
    .where("outbox.attempts", "<", maxAttempts)
    .orderBy("outbox.nextAttemptAt")
    .orderBy("outbox.id")
    .limit(limit)
    .execute();
}

/**
 * Takes one mail for an attempt: counts the attempt and moves its next attempt to `retryAt`
 * (the backoff), if it is still unsent and due. Only the caller whose update changed the row
 * sends it, so two processes never send the same mail at once.
 */
export async function claimMail(
  db: Db,
  id: number,
  attempts: number,
  now: string,
  retryAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ attempts: attempts + 1, nextAttemptAt: retryAt })
    .where("outbox.id", "=", id)
    .where("outbox.attempts", "=", attempts)
    .where("outbox.sentAt", "is", null)
    .where("outbox.nextAttemptAt", "<=", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMailSent(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable("outbox").set({ sentAt: at, error: null }).where("id", "=", id).execute();
}

export async function markMailFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ error: error.slice(0, 1_000) })
    .where("id", "=", id)
    .execute();
}

/** The outbox for administrators, newest first, a page at a time. */
export async function listOutbox(db: Db, page: number, pageSize: number) {
  const [items, count] = await Promise.all([
    db
      .selectFrom("outbox")
      .innerJoin("appUser", "appUser.id", "outbox.userId")
      .select([
        "outbox.id",
        "outbox.digestDay",
        "outbox.toAddress",
        "outbox.subject",
        "outbox.text",
        "outbox.createdAt",
        "outbox.attempts",
        "outbox.nextAttemptAt",
        "outbox.sentAt",
        "outbox.error",
        "appUser.fullName",
        "appUser.username",
      ])
      .orderBy("outbox.createdAt", "desc")
      .orderBy("outbox.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.count) };
}
