import type { z } from "zod";
import { listNotifications, markNotificationsRead, unreadCount } from "../../db/notification.ts";
import type { notificationListInput, notificationMarkReadInput } from "../../shared/urge-input.ts";
import type { Actor } from "../context.ts";

/** The bell's number: the user's unread notifications (cheap, polled). */
export async function countUnread(actor: Actor): Promise<{ unread: number }> {
  return { unread: await unreadCount(actor.db, actor.user.id) };
}

/** The bell's list, loaded when opened: the latest notifications, unread first. */
export async function listOwnNotifications(
  actor: Actor,
  input: z.output<typeof notificationListInput>,
) {
  return listNotifications(actor.db, actor.user.id, input.limit);
}

/** Marks the user's own notifications read (others' ids are ignored: they are not theirs). */
export async function readNotifications(
  actor: Actor,
  input: z.output<typeof notificationMarkReadInput>,
): Promise<{ count: number }> {
  const at = actor.clock.now().toISOString();
  const count = await actor.db
    .transaction()
    .execute((trx) => markNotificationsRead(trx, actor.user.id, input.ids, at));
  return { count };
}
