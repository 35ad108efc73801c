import { inboxMarkSeenInput } from "../../shared/inbox-input.ts";
import { markInboxSeen, viewInbox } from "../domain/inbox.ts";
import { authedProcedure, router } from "../trpc.ts";

export const inboxRouter = router({
  /** "Việc cần làm": what the signed-in user owes today, by role, with the count to show. */
  view: authedProcedure.query(({ ctx }) => viewInbox(ctx)),

  /** Marks items (reports received, answers, mentions, accounts, agencies) as seen. */
  markSeen: authedProcedure
    .input(inboxMarkSeenInput)
    .mutation(({ ctx, input }) => markInboxSeen(ctx, input)),
});
