import type { z } from "zod";
import { appendAudit } from "../../db/audit.ts";
import {
  extensionFacts,
  extensionsOfTask,
  hasPendingExtension,
  insertExtension,
  pendingExtensionsAssignedBy,
  saveDecision,
} from "../../db/extension.ts";
import { taskFacts } from "../../db/task.ts";
import { formatDate, type IsoDate } from "../../shared/date.ts";
import type { ExtensionStatus } from "../../shared/extension.ts";
import type { extensionDecideInput, extensionRequestInput } from "../../shared/extension-input.ts";
import { canSeeTask, type TaskAccessFacts, taskActors } from "../../shared/permission.ts";
import { canDecideExtension, canRequestExtension } from "../../shared/reporting-permission.ts";
import type { Actor, Reader } from "../context.ts";
import { fail } from "../errors.ts";
import { findVisibleTask, writeTaskChange } from "./task.ts";
import { deadlineExtension } from "./task-change.ts";

/** SQLite's answer when a UNIQUE index refuses a row (here: a second pending request). */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** The new deadline must be later than the one in force; BAD_REQUEST otherwise. */
function checkLater(current: IsoDate | null, deadline: IsoDate): void {
  if (current === null) fail("BAD_REQUEST", "error.extensionNoDeadline");
  if (deadline <= current) {
    fail("BAD_REQUEST", "error.extensionNotLater", { date: formatDate(current) }, "deadline");
  }
}

/** The lead agency asks for a later deadline, with a reason; one pending request per task. */
export async function requestExtension(
  actor: Actor,
  input: z.output<typeof extensionRequestInput>,
): Promise<{ id: number; taskId: number; status: "pending" }> {
  const facts = await findVisibleTask(actor, input.taskId);
  if (!taskActors(actor.viewer, facts).has("lead")) fail("FORBIDDEN", "error.extensionLeadOnly");
  const current = facts.deadline;
  if (current === null) fail("BAD_REQUEST", "error.extensionNoDeadline");
  if (!canRequestExtension(actor.viewer, facts)) {
    fail("BAD_REQUEST", "error.extensionClosed", { status: facts.status });
  }
  checkLater(current, input.deadline);
  if (await hasPendingExtension(actor.db, input.taskId)) {
    fail("CONFLICT", "error.extensionPending", { id: input.taskId });
  }
  const at = actor.clock.now().toISOString();
  try {
    return await actor.db.transaction().execute(async (trx) => {
      const id = await insertExtension(trx, {
        taskId: input.taskId,
        requestedBy: actor.user.id,
        requestedAt: at,
        agencyId: facts.leadAgencyId,
        currentDeadline: current,
        requestedDeadline: input.deadline,
        reason: input.reason,
      });
      await appendAudit(trx, {
        actorId: actor.user.id,
        at,
        action: "extension_request",
        entity: "task_extension",
        entityId: id,
        agencyId: actor.user.agencyId,
        address: actor.address,
        detail: { taskId: input.taskId, from: current, to: input.deadline },
      });
      return { id, taskId: input.taskId, status: "pending" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) fail("CONFLICT", "error.extensionPending", { id: input.taskId });
    throw error;
  }
}

/**
 * Officers of the assigning agency approve a pending request (with the requested date or
 * another) or reject it with a reason. Approval moves the deadline in force; the original
 * deadline stays. The person who asked can never decide.
 */
export async function decideExtension(
  actor: Actor,
  input: z.output<typeof extensionDecideInput>,
): Promise<{
  id: number;
  taskId: number;
  status: "approved" | "rejected";
  deadline: IsoDate | null;
  version: number;
}> {
  const { viewer, user } = actor;
  const request = await extensionFacts(actor.db, input.id);
  const facts = request && (await taskFacts(actor.db, request.taskId));
  if (!request || !facts || !canSeeTask(viewer, facts)) {
    fail("NOT_FOUND", "error.extensionNotFound", { id: input.id });
  }
  if (request.requestedBy === user.id) fail("FORBIDDEN", "error.extensionOwnRequest");
  if (!taskActors(viewer, facts).has("assigner_officer")) fail("FORBIDDEN", "error.forbidden");
  if (request.status !== "pending") fail("CONFLICT", "error.extensionDecided", { id: input.id });
  if (!canDecideExtension(viewer, facts, request)) {
    fail("BAD_REQUEST", "error.extensionClosed", { status: facts.status });
  }
  const deadline =
    input.decision === "approve" ? (input.deadline ?? request.requestedDeadline) : null;
  if (deadline !== null) checkLater(facts.deadline, deadline);
  const now = actor.clock.now();
  const at = now.toISOString();
  const status = input.decision === "approve" ? "approved" : "rejected";
  return actor.db.transaction().execute(async (trx) => {
    const saved = await saveDecision(trx, input.id, {
      status,
      decidedBy: user.id,
      decidedAt: at,
      note: input.note,
      approvedDeadline: deadline,
    });
    if (!saved) fail("CONFLICT", "error.extensionDecided", { id: input.id });
    let version = facts.version;
    if (deadline !== null) {
      const note = input.note === "" ? request.reason : input.note;
      const change = deadlineExtension(facts, deadline, note, { actorId: user.id, now });
      version = await writeTaskChange(trx, facts.id, facts.version, change, at);
    }
    await appendAudit(trx, {
      actorId: user.id,
      at,
      action: `extension_${input.decision}`,
      entity: "task_extension",
      entityId: input.id,
      agencyId: user.agencyId,
      address: actor.address,
      detail: { taskId: facts.id, deadline, note: input.note },
    });
    return { id: input.id, taskId: facts.id, status, deadline, version };
  });
}

/** Whether the viewer may decide a request on this task. */
function canDecide(
  actor: Pick<Actor, "viewer">,
  facts: TaskAccessFacts,
  item: { requestedBy: { id: number }; status: ExtensionStatus },
): boolean {
  const request = { requestedBy: item.requestedBy.id, status: item.status };
  return canDecideExtension(actor.viewer, facts, request);
}

/** A task's requests, newest first, and what the viewer may do with them. */
export async function listExtensions(actor: Actor, taskId: number) {
  const facts = await findVisibleTask(actor, taskId);
  const items = await extensionsOfTask(actor.db, taskId);
  const hasPending = items.some((item) => item.status === "pending");
  return {
    items: items.map((item) => ({ ...item, canDecide: canDecide(actor, facts, item) })),
    canRequest: canRequestExtension(actor.viewer, facts) && !hasPending,
  };
}

/** Pending requests on tasks the viewer's agency assigned: the officers' to-decide list. */
export async function listPendingExtensions(actor: Reader) {
  const items = await pendingExtensionsAssignedBy(actor.db, actor.viewer);
  const result = [];
  for (const item of items) {
    const facts = await taskFacts(actor.db, item.taskId);
    if (!facts) continue;
    result.push({ ...item, canDecide: canDecide(actor, facts, item) });
  }
  return result;
}
