import { appendAudit } from "../../db/audit.ts";
import {
  extensionFacts,
  extensionsOfTask,
  hasPendingExtension,
  insertExtension,
  pendingExtensionsAssignedBy,
  saveDecision,
} from "../../db/extension.ts";
import { appendTaskEvents, taskFacts, updateTask } from "../../db/task.ts";
import { deadlineInForce, formatDate, type IsoDate } from "../../shared/date.ts";
import {
  extensionDecideInput,
  extensionListInput,
  extensionRequestInput,
} from "../../shared/extension.ts";
import { canSeeTask, taskActors } from "../../shared/permission.ts";
import { canDecideExtension, canRequestExtension } from "../../shared/reporting-permission.ts";
import { fail } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";
import { visibleTask } from "./task.ts";

/** SQLite's answer when a UNIQUE index refuses a row (here: a second pending request). */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

export const extensionRouter = router({
  /** The lead agency asks for a later deadline, with a reason; one pending request per task. */
  request: authedProcedure.input(extensionRequestInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    if (!taskActors(ctx.viewer, facts).has("lead")) fail("FORBIDDEN", "error.extensionLeadOnly");
    const current = facts.deadline;
    if (current === null) fail("BAD_REQUEST", "error.extensionNoDeadline");
    if (!canRequestExtension(ctx.viewer, facts)) {
      fail("BAD_REQUEST", "error.extensionClosed", { status: facts.status });
    }
    if (input.deadline <= current) {
      fail("BAD_REQUEST", "error.extensionNotLater", { date: formatDate(current) }, "deadline");
    }
    if (await hasPendingExtension(ctx.db, input.taskId)) {
      fail("CONFLICT", "error.extensionPending", { id: input.taskId });
    }
    const at = ctx.clock.now().toISOString();
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const id = await insertExtension(trx, {
          taskId: input.taskId,
          requestedBy: ctx.user.id,
          requestedAt: at,
          agencyId: facts.leadAgencyId,
          currentDeadline: current,
          requestedDeadline: input.deadline,
          reason: input.reason,
        });
        await appendAudit(trx, {
          actorId: ctx.user.id,
          at,
          action: "extension_request",
          entity: "task_extension",
          entityId: id,
          detail: { taskId: input.taskId, from: current, to: input.deadline },
        });
        return { id, taskId: input.taskId, status: "pending" as const };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        fail("CONFLICT", "error.extensionPending", { id: input.taskId });
      throw error;
    }
  }),

  /**
   * Officers of the assigning agency approve a pending request (with the requested date or
   * another) or reject it with a reason. Approval moves the deadline in force; the original
   * deadline stays. The person who asked can never decide.
   */
  decide: authedProcedure.input(extensionDecideInput).mutation(async ({ ctx, input }) => {
    const request = await extensionFacts(ctx.db, input.id);
    const facts = request && (await taskFacts(ctx.db, request.taskId));
    if (!request || !facts || !canSeeTask(ctx.viewer, facts)) {
      fail("NOT_FOUND", "error.extensionNotFound", { id: input.id });
    }
    if (request.requestedBy === ctx.user.id) fail("FORBIDDEN", "error.extensionOwnRequest");
    if (!taskActors(ctx.viewer, facts).has("assigner_officer"))
      fail("FORBIDDEN", "error.forbidden");
    if (request.status !== "pending") fail("CONFLICT", "error.extensionDecided", { id: input.id });
    if (!canDecideExtension(ctx.viewer, facts, request)) {
      fail("BAD_REQUEST", "error.extensionClosed", { status: facts.status });
    }
    const at = ctx.clock.now().toISOString();
    let deadline: IsoDate | null = null;
    if (input.decision === "approve") {
      deadline = input.deadline ?? request.requestedDeadline;
      const current = facts.deadline;
      if (current === null) fail("BAD_REQUEST", "error.extensionNoDeadline");
      if (deadline <= current) {
        fail("BAD_REQUEST", "error.extensionNotLater", { date: formatDate(current) }, "deadline");
      }
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    return ctx.db.transaction().execute(async (trx) => {
      const saved = await saveDecision(trx, input.id, {
        status,
        decidedBy: ctx.user.id,
        decidedAt: at,
        note: input.note,
        approvedDeadline: deadline,
      });
      if (!saved) fail("CONFLICT", "error.extensionDecided", { id: input.id });
      let version = facts.version;
      if (deadline !== null) {
        const dueOn = deadlineInForce(deadline);
        if (!(await updateTask(trx, facts.id, facts.version, { deadline, dueOn }, at))) {
          fail("CONFLICT", "error.staleVersion", { id: facts.id });
        }
        version = facts.version + 1;
        await appendTaskEvents(trx, [
          {
            taskId: facts.id,
            actorId: ctx.user.id,
            at,
            kind: "deadline",
            field: "deadline",
            oldValue: facts.deadline,
            newValue: deadline,
            note: input.note === "" ? request.reason : input.note,
          },
        ]);
      }
      await appendAudit(trx, {
        actorId: ctx.user.id,
        at,
        action: `extension_${input.decision}`,
        entity: "task_extension",
        entityId: input.id,
        detail: { taskId: facts.id, deadline, note: input.note },
      });
      return { id: input.id, taskId: facts.id, status, deadline, version };
    });
  }),

  /** A task's requests, newest first, and what the viewer may do with them. */
  list: authedProcedure.input(extensionListInput).query(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    const items = await extensionsOfTask(ctx.db, input.taskId);
    const hasPending = items.some((item) => item.status === "pending");
    return {
      items: items.map((item) => ({
        ...item,
        canDecide: canDecideExtension(ctx.viewer, facts, {
          requestedBy: item.requestedBy.id,
          status: item.status,
        }),
      })),
      canRequest: canRequestExtension(ctx.viewer, facts) && !hasPending,
    };
  }),

  /** Pending requests on tasks the viewer's agency assigned: the officers' to-decide list. */
  pending: authedProcedure.query(async ({ ctx }) => {
    const items = await pendingExtensionsAssignedBy(ctx.db, ctx.viewer);
    const result = [];
    for (const item of items) {
      const facts = await taskFacts(ctx.db, item.taskId);
      if (!facts) continue;
      const request = { requestedBy: item.requestedBy.id, status: item.status };
      result.push({ ...item, canDecide: canDecideExtension(ctx.viewer, facts, request) });
    }
    return result;
  }),
});
