import { appendAudit } from "../../db/audit.ts";
import {
  directiveById,
  directiveFacts,
  findDuplicateDirective,
  insertDirective,
  listDirectives,
  updateDirective,
} from "../../db/directive.ts";
import type { Db } from "../../db/open.ts";
import { directiveTasks } from "../../db/task.ts";
import { vnDate } from "../../shared/date.ts";
import {
  type DirectiveType,
  directiveCreateInput,
  directiveListInput,
  directiveUpdateInput,
} from "../../shared/directive.ts";
import { canAddTask, canCreateDirective, canEditDirective } from "../../shared/permission.ts";
import { foldText } from "../../shared/text.ts";
import { byIdInput } from "../../shared/validation.ts";
import { fail } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";

function searchTextOf(values: { number: string; title: string; summary: string; issuer: string }) {
  return foldText(`${values.number} ${values.title} ${values.summary} ${values.issuer}`);
}

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
      {
        type: values.type,
        number: values.number,
        issuer: values.issuer,
        year: issueYear,
      },
      "number",
    );
  }
}

export const directiveRouter = router({
  list: authedProcedure
    .input(directiveListInput)
    .query(({ ctx, input }) => listDirectives(ctx.db, ctx.viewer, input)),

  /** The directive, the tasks of it the user may see (a flat list with parent ids), and rights. */
  byId: authedProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    const directive = await directiveById(ctx.db, ctx.viewer, input.id);
    if (!directive) fail("NOT_FOUND", "error.directiveNotFound", { id: input.id });
    const today = vnDate(ctx.clock.now());
    const tasks = await directiveTasks(ctx.db, ctx.viewer, input.id, today);
    const facts = { trackingAgencyId: directive.trackingAgency.id };
    return {
      directive,
      tasks,
      permissions: {
        canEdit: canEditDirective(ctx.viewer, facts),
        canAddTask: canAddTask(ctx.viewer, facts),
      },
    };
  }),

  create: authedProcedure.input(directiveCreateInput).mutation(async ({ ctx, input }) => {
    if (!canCreateDirective(ctx.viewer)) fail("FORBIDDEN", "error.forbidden");
    await refuseDuplicate(ctx.db, input);
    const now = ctx.clock.now().toISOString();
    return ctx.db.transaction().execute(async (trx) => {
      const id = await insertDirective(trx, {
        ...input,
        searchText: searchTextOf(input),
        trackingAgencyId: ctx.user.agencyId,
        createdBy: ctx.user.id,
        createdAt: now,
      });
      await appendAudit(trx, {
        actorId: ctx.user.id,
        at: now,
        action: "create",
        entity: "directive",
        entityId: id,
        detail: { number: input.number, type: input.type },
      });
      return { id };
    });
  }),

  update: authedProcedure.input(directiveUpdateInput).mutation(async ({ ctx, input }) => {
    const { id, version, ...values } = input;
    const facts = await directiveFacts(ctx.db, id);
    const visible = facts && (await directiveById(ctx.db, ctx.viewer, id));
    if (!facts || !visible) fail("NOT_FOUND", "error.directiveNotFound", { id });
    if (!canEditDirective(ctx.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
    await refuseDuplicate(ctx.db, values, id);
    const now = ctx.clock.now().toISOString();
    return ctx.db.transaction().execute(async (trx) => {
      const updated = await updateDirective(
        trx,
        id,
        version,
        { ...values, searchText: searchTextOf(values) },
        now,
      );
      if (!updated) fail("CONFLICT", "error.staleDirective", { id });
      await appendAudit(trx, {
        actorId: ctx.user.id,
        at: now,
        action: "update",
        entity: "directive",
        entityId: id,
        detail: { before: visible, after: values },
      });
      return { id, version: version + 1 };
    });
  }),
});
