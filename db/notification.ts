import type { NotificationKind } from "../shared/urge.ts";
import type { Db } from "./open.ts";
import { TASK_REF_COLUMNS, type TaskRef, taskRef } from "./task.ts";

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  taskId: number;
  urgeId?: number | null;
  days?: number | null;
  onDay?: string | null;
  createdAt: string;
};

export async function insertNotifications(
  db: Db,
  notifications: readonly NewNotification[],
): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto("notification")
    .values([...notifications])
    .execute();
}

/** What the bell shows: one notification, the task it opens. */
export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  task: TaskRef;
  days: number | null;
  onDay: string | null;
  createdAt: string;
  readAt: string | null;
};

/** A user's notifications with the task each is about. */
function notificationQuery(db: Db, userId: number) {
  return db
    .selectFrom("notification")
    .innerJoin("task", "task.id", "notification.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .where("notification.userId", "=", userId)
    .select([
      "notification.id",
      "notification.kind",
      "notification.days",
      "notification.onDay",
      "notification.createdAt",
      "notification.readAt",
      ...TASK_REF_COLUMNS,
    ]);
}

function toItem(row: {
  id: number;
  kind: NotificationKind;
  days: number | null;
  onDay: string | null;
  createdAt: string;
  readAt: string | null;
  taskId: number;
  directiveId: number;
  directiveNumber: string;
  clause: string;
  title: string;
}): NotificationItem {
  const { id, kind, days, onDay, createdAt, readAt } = row;
  return { id, kind, task: taskRef(row), days, onDay, createdAt, readAt };
}

/** The user's latest notifications, unread first (only those with `unreadOnly`). */
export async function listNotifications(
  db: Db,
  userId: number,
  limit: number,
  unreadOnly = false,
): Promise<NotificationItem[]> {
  let query = notificationQuery(db, userId);
  if (unreadOnly) query = query.where("notification.readAt", "is", null);
  const rows = await query
    .orderBy((eb) => eb.case().when("notification.readAt", "is", null).then(0).else(1).end())
    .orderBy("notification.createdAt", "desc")
    .orderBy("notification.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toItem);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("notification.userId", "=", userId)
    .where("notification.readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the user's notifications read (the ids given, or all unread); returns how many. */
export async function markNotificationsRead(
  db: Db,
  userId: number,
  ids: readonly number[] | undefined,
  at: string,
): Promise<number> {
  let query = db
    .updateTable("notification")
    .set({ readAt: at })
    .where("notification.userId", "=", userId)
    .where("notification.readAt", "is", null);
  if (ids !== undefined) query = query.where("notification.id", "in", ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The user's notifications no digest has carried yet, up to `until`, oldest first. */
export async function undigestedNotifications(
  db: Db,
  userId: number,
  until: string,
): Promise<NotificationItem[]> {
  const rows = await notificationQuery(db, userId)
    .where("notification.outboxId", "is", null)
    .where("notification.createdAt", "<=", until)
    .orderBy("notification.createdAt")
    .orderBy("notification.id")
    .execute();
  return rows.map(toItem);
}

/** The unread notifications, latest first, and how many there are (the inbox's section). */
export async function unreadNotifications(db: Db, userId: number, limit: number) {
  const [items, total] = await Promise.all([
    listNotifications(db, userId, limit, true),
    unreadCount(db, userId),
  ]);
  return { items, total };
}
