import { vnDate } from "../../shared/date.ts";
import { exportStartInput, exportStatusInput } from "../../shared/export.ts";
import { fail } from "../errors.ts";
import { exportStatus, startExport } from "../export.ts";
import { authedProcedure, router } from "../trpc.ts";
import { resolveAsOf } from "./statistic.ts";

/** Excel exports as background jobs; the file downloads from GET /exports/:id. */
export const exportRouter = router({
  start: authedProcedure.input(exportStartInput).mutation(async ({ ctx, input }) => {
    const asOf =
      input.kind === "statistics"
        ? resolveAsOf(ctx.clock, input.filters.asOf)
        : vnDate(ctx.clock.now());
    const job = await startExport(
      {
        db: ctx.db,
        viewer: ctx.viewer,
        userId: ctx.user.id,
        now: ctx.clock.now(),
        language: ctx.language,
        dataDir: ctx.dataDir,
      },
      input,
      asOf,
    );
    return { id: job.id };
  }),

  status: authedProcedure.input(exportStatusInput).query(({ ctx, input }) => {
    const status = exportStatus(ctx.db, ctx.user.id, input.id, ctx.clock.now());
    if (!status) fail("NOT_FOUND", "error.exportNotFound", { id: input.id });
    return status;
  }),
});
