import { inboxMarkSeenInput } from "../../shared/inbox-input.ts";
import { markInboxSeen } from "../domain/inbox.ts";
import { readsOf } from "../reads.ts";
import { authedProcedure, router } from "../trpc.ts";

export const inboxRouter = router({
  /** "Việc cần làm": what the signed-in user owes today, by role, with the count to show. */
  view: authedProcedure.query(({ ctx }) =>
    readsOf(ctx)("inboxView", ctx.user, ctx.viewer, ctx.clock.now()),
  ),

  /** How many things the signed-in user has to do (the menu's badge on every page). */
  count: authedProcedure.query(({ ctx }) =>
    readsOf(ctx)("inboxCount", ctx.user, ctx.viewer, ctx.clock.now()),
  ),

  /** Marks items (reports received, answers, mentions, accounts, agencies) as seen. */
  markSeen: authedProcedure
    .input(inboxMarkSeenInput)
    .mutation(({ ctx, input }) => markInboxSeen(ctx, input)),
});
