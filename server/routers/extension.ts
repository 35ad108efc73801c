import {
  extensionDecideInput,
  extensionListInput,
  extensionRequestInput,
} from "../../shared/extension-input.ts";
import {
  decideExtension,
  listExtensions,
  listPendingExtensions,
  requestExtension,
} from "../domain/extension.ts";
import { authedProcedure, router } from "../trpc.ts";

export const extensionRouter = router({
  /** The lead agency asks for a later deadline, with a reason; one pending request per task. */
  request: authedProcedure
    .input(extensionRequestInput)
    .mutation(({ ctx, input }) => requestExtension(ctx, input)),

  /** Officers of the assigning agency approve or reject a pending request. */
  decide: authedProcedure
    .input(extensionDecideInput)
    .mutation(({ ctx, input }) => decideExtension(ctx, input)),

  /** A task's requests, newest first, and what the viewer may do with them. */
  list: authedProcedure
    .input(extensionListInput)
    .query(({ ctx, input }) => listExtensions(ctx, input.taskId)),

  /** Pending requests on tasks the viewer's agency assigned: the officers' to-decide list. */
  pending: authedProcedure.query(({ ctx }) => listPendingExtensions(ctx)),
});
