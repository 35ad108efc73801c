import { listDirectives } from "../../db/directive.ts";
import {
  directiveCreateInput,
  directiveListInput,
  directiveUpdateInput,
} from "../../shared/directive-input.ts";
import { byIdInput } from "../../shared/validation.ts";
import { createDirective, editDirective, viewDirective } from "../domain/directive.ts";
import { authedProcedure, router } from "../trpc.ts";

export const directiveRouter = router({
  list: authedProcedure
    .input(directiveListInput)
    .query(({ ctx, input }) => listDirectives(ctx.db, ctx.viewer, input)),

  /** The directive, the tasks of it the user may see (a flat list with parent ids), and rights. */
  byId: authedProcedure.input(byIdInput).query(({ ctx, input }) => viewDirective(ctx, input.id)),

  create: authedProcedure
    .input(directiveCreateInput)
    .mutation(({ ctx, input }) => createDirective(ctx, input)),

  update: authedProcedure
    .input(directiveUpdateInput)
    .mutation(({ ctx, input }) => editDirective(ctx, input)),
});
