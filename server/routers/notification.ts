import { notificationListInput, notificationMarkReadInput } from "../../shared/urge-input.ts";
import { countUnread, listOwnNotifications, readNotifications } from "../domain/notification.ts";
import { authedProcedure, router } from "../trpc.ts";

export const notificationRouter = router({
  /** How many notifications the user has not read (the bell's number, polled). */
  count: authedProcedure.query(({ ctx }) => countUnread(ctx)),

  /** The latest notifications, unread first (loaded when the bell opens). */
  list: authedProcedure
    .input(notificationListInput)
    .query(({ ctx, input }) => listOwnNotifications(ctx, input)),

  markRead: authedProcedure
    .input(notificationMarkReadInput)
    .mutation(({ ctx, input }) => readNotifications(ctx, input)),
});
