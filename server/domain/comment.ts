import type { z } from "zod";
import { type AgencyRef, agenciesByIds, toAgencyRef } from "../../db/agency.ts";
import { commentsOfTask, insertComment } from "../../db/comment.ts";
import type { Db } from "../../db/open.ts";
import type { TaskFacts } from "../../db/task.ts";
import type { commentCreateInput } from "../../shared/comment-input.ts";
import { canComment } from "../../shared/reporting-permission.ts";
import { compareVi } from "../../shared/text.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";
import { attachFiles, checkPendingFiles } from "./evidence.ts";
import { findVisibleTask } from "./task.ts";

/** The agencies a comment on the task may mention: those it concerns. */
async function mentionable(db: Db, facts: TaskFacts): Promise<AgencyRef[]> {
  const ids = [
    facts.assignerAgencyId,
    facts.trackingAgencyId,
    facts.leadAgencyId,
    ...facts.coordinatorAgencyIds,
  ];
  const agencies = await agenciesByIds(db, [...new Set(ids)]);
  return agencies.map(toAgencyRef).sort((a, b) => compareVi(a.name, b.name));
}

/** The task's conversation, oldest first, and the agencies one may mention in it. */
export async function listComments(actor: Actor, taskId: number) {
  const facts = await findVisibleTask(actor, taskId);
  return {
    items: await commentsOfTask(actor.db, taskId),
    mentionable: await mentionable(actor.db, facts),
    canComment: canComment(actor.viewer, facts),
  };
}

/** A comment by anyone who may see the task, with mentions of agencies it concerns and files. */
export async function createComment(
  actor: Actor,
  input: z.output<typeof commentCreateInput>,
): Promise<{ id: number; taskId: number }> {
  const { db, user } = actor;
  const facts = await findVisibleTask(actor, input.taskId);
  if (!canComment(actor.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
  const allowed = new Set((await mentionable(db, facts)).map((agency) => agency.id));
  const outsider = input.mentionAgencyIds.find((id) => !allowed.has(id));
  if (outsider !== undefined) {
    fail("BAD_REQUEST", "error.mentionNotConcerned", { id: outsider }, "mentionAgencyIds");
  }
  const fileIds = await checkPendingFiles(db, input.fileIds, user.id);
  const at = actor.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertComment(
      trx,
      {
        taskId: input.taskId,
        authorId: user.id,
        agencyId: user.agencyId,
        body: input.body,
        createdAt: at,
      },
      input.mentionAgencyIds,
    );
    await attachFiles(trx, fileIds, user.id, { taskId: input.taskId, commentId: id }, at);
    return { id, taskId: input.taskId };
  });
}
