import { exportStartInput, exportStatusInput } from "../../shared/export-input.ts";
import { exportJobStatus, startExport } from "../domain/export.ts";
import { authedProcedure, router } from "../trpc.ts";

/** Excel exports as background jobs; the file downloads from GET /exports/:id. */
export const exportRouter = router({
  start: authedProcedure
    .input(exportStartInput)
    .mutation(({ ctx, input }) => startExport(ctx, input)),

  status: authedProcedure
    .input(exportStatusInput)
    .query(({ ctx, input }) => exportJobStatus(ctx, input.id)),
});
