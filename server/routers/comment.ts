import { commentCreateInput, commentListInput } from "../../shared/comment-input.ts";
import { createComment, listComments } from "../domain/comment.ts";
import { authedProcedure, router } from "../trpc.ts";

export const commentRouter = router({
  /** The task's conversation, oldest first, and the agencies one may mention in it. */
  list: authedProcedure
    .input(commentListInput)
    .query(({ ctx, input }) => listComments(ctx, input.taskId)),

  /** A comment by anyone who may see the task, with mentions of agencies it concerns and files. */
  create: authedProcedure
    .input(commentCreateInput)
    .mutation(({ ctx, input }) => createComment(ctx, input)),
});
