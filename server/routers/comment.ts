import { agenciesByIds } from "../../db/agency.ts";
import { commentsOfTask, insertComment } from "../../db/comment.ts";
import { attachEvidence } from "../../db/evidence.ts";
import type { Db } from "../../db/open.ts";
import type { AgencyRef, TaskFacts } from "../../db/task.ts";
import { commentCreateInput, commentListInput } from "../../shared/comment.ts";
import { canComment } from "../../shared/reporting-permission.ts";
import { compareVi } from "../../shared/text.ts";
import { fail } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";
import { checkPendingFiles } from "./report.ts";
import { visibleTask } from "./task.ts";

/** The agencies a comment on the task may mention: those it concerns. */
async function mentionable(db: Db, facts: TaskFacts): Promise<AgencyRef[]> {
  const ids = [
    facts.assignerAgencyId,
    facts.trackingAgencyId,
    facts.leadAgencyId,
    ...facts.coordinatorAgencyIds,
  ];
  const agencies = await agenciesByIds(db, [...new Set(ids)]);
  return agencies
    .map(({ id, code, name, shortName }) => ({ id, code, name, shortName }))
    .sort((a, b) => compareVi(a.name, b.name));
}

export const commentRouter = router({
  /** The task's conversation, oldest first, and the agencies one may mention in it. */
  list: authedProcedure.input(commentListInput).query(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    return {
      items: await commentsOfTask(ctx.db, input.taskId),
      mentionable: await mentionable(ctx.db, facts),
      canComment: canComment(ctx.viewer, facts),
    };
  }),

  /** A comment by anyone who may see the task, with mentions of agencies it concerns and files. */
  create: authedProcedure.input(commentCreateInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    if (!canComment(ctx.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
    const allowed = new Set((await mentionable(ctx.db, facts)).map((agency) => agency.id));
    const outsider = input.mentionAgencyIds.find((id) => !allowed.has(id));
    if (outsider !== undefined) {
      fail("BAD_REQUEST", "error.mentionNotConcerned", { id: outsider }, "mentionAgencyIds");
    }
    const fileIds = await checkPendingFiles(ctx.db, input.fileIds, ctx.user.id);
    const at = ctx.clock.now().toISOString();
    return ctx.db.transaction().execute(async (trx) => {
      const id = await insertComment(
        trx,
        {
          taskId: input.taskId,
          authorId: ctx.user.id,
          agencyId: ctx.user.agencyId,
          body: input.body,
          createdAt: at,
        },
        input.mentionAgencyIds,
      );
      const attached = await attachEvidence(
        trx,
        fileIds,
        ctx.user.id,
        { taskId: input.taskId, commentId: id },
        at,
      );
      if (attached !== fileIds.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
      return { id, taskId: input.taskId };
    });
  }),
});
