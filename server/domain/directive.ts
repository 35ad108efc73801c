import type { z } from "zod";
import { appendAudit } from "../../db/audit.ts";
import {
  directiveById,
  directiveFacts,
  findDuplicateDirective,
  insertDirective,
  updateDirective,
} from "../../db/directive.ts";
import type { Db } from "../../db/open.ts";
import { directiveTasks, taskFactsByIds } from "../../db/task.ts";
import { vnDate } from "../../shared/date.ts";
import type { DirectiveType } from "../../shared/directive.ts";
import type { directiveCreateInput, directiveUpdateInput } from "../../shared/directive-input.ts";
import {
  canAddTask,
  canCreateDirective,
  canEditDirective,
  canUrge,
} from "../../shared/permission.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";

/** A document is identified by type, number, issuer and issue year: CONFLICT for a second one. */
async function refuseDuplicate(
  db: Db,
  values: { type: DirectiveType; number: string; issuer: string; issuedOn: string },
  exceptId?: number,
) {
  const issueYear = Number(values.issuedOn.slice(0, 4));
  const duplicate = await findDuplicateDirective(db, { ...values, issueYear }, exceptId);
  if (duplicate !== undefined) {
    fail(
      "CONFLICT",
      "error.directiveDuplicate",
      { type: values.type, number: values.number, issuer: values.issuer, year: issueYear },
      "number",
    );
  }
}

/** The directive, the tasks of it the viewer may see (a flat list with parent ids), and rights. */
export async function viewDirective(actor: Actor, id: number) {
  const directive = await directiveById(actor.db, actor.viewer, id);
  if (!directive) fail("NOT_FOUND", "error.directiveNotFound", { id });
  const today = vnDate(actor.clock.now());
  const tasks = await directiveTasks(actor.db, actor.viewer, id, today);
  const facts = { trackingAgencyId: directive.trackingAgency.id };
  // The tasks being worked on that the viewer may urge (urge.send makes the same check).
  const working = tasks.filter(
    (task) => task.status === "not_started" || task.status === "in_progress",
  );
  const taskFacts = await taskFactsByIds(
    actor.db,
    working.map((task) => task.id),
  );
  const urgeTaskIds = working.flatMap((task) => {
    const fact = taskFacts.get(task.id);
    return fact && canUrge(actor.viewer, fact) ? [task.id] : [];
  });
  return {
    directive,
    tasks,
    permissions: {
      canEdit: canEditDirective(actor.viewer, facts),
      canAddTask: canAddTask(actor.viewer, facts),
      urgeTaskIds,
    },
  };
}

/** An officer enters a directive, which their agency then tracks. */
export async function createDirective(
  actor: Actor,
  input: z.output<typeof directiveCreateInput>,
): Promise<{ id: number }> {
  const { db, user } = actor;
  if (!canCreateDirective(actor.viewer)) fail("FORBIDDEN", "error.forbidden");
  await refuseDuplicate(db, input);
  const now = actor.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertDirective(trx, {
      ...input,
      trackingAgencyId: user.agencyId,
      createdBy: user.id,
      createdAt: now,
    });
    await appendAudit(trx, {
      actorId: user.id,
      at: now,
      action: "create",
      entity: "directive",
      entityId: id,
      agencyId: user.agencyId,
      address: actor.address,
      detail: { number: input.number, type: input.type },
    });
    return { id };
  });
}

/** An officer of the tracking agency corrects the directive; a stale version gives CONFLICT. */
export async function editDirective(
  actor: Actor,
  input: z.output<typeof directiveUpdateInput>,
): Promise<{ id: number; version: number }> {
  const { db, user } = actor;
  const { id, version, ...values } = input;
  const facts = await directiveFacts(db, id);
  const visible = facts && (await directiveById(db, actor.viewer, id));
  if (!facts || !visible) fail("NOT_FOUND", "error.directiveNotFound", { id });
  if (!canEditDirective(actor.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
  await refuseDuplicate(db, values, id);
  const now = actor.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await updateDirective(trx, id, version, values, now))) {
      fail("CONFLICT", "error.staleDirective", { id });
    }
    await appendAudit(trx, {
      actorId: user.id,
      at: now,
      action: "update",
      entity: "directive",
      entityId: id,
      agencyId: user.agencyId,
      address: actor.address,
      detail: { before: visible, after: values },
    });
    return { id, version: version + 1 };
  });
}
