import { cellsFromCounts, emptyCounts, trendPoints } from "../../shared/statistic.ts";
import {
  statisticByAgencyInput,
  statisticOverdueInput,
  statisticScopeInput,
  statisticTasksInput,
  statisticTrendInput,
} from "../../shared/statistic-input.ts";
import { listFigureTasks, overduePage, resolveAsOf, statisticReport } from "../domain/statistic.ts";
import { readsOf } from "../reads.ts";
import { authedProcedure, router } from "../trpc.ts";

/**
 * The leaders' figures. Every procedure counts only the tasks the viewer may see (a province
 * reporter sees its own agency's figures; administrators see none).
 */
export const statisticRouter = router({
  /** The official cells for the scope, as they stood at the end of `asOf`. */
  summary: authedProcedure.input(statisticScopeInput).query(async ({ ctx, input }) => {
    const asOf = resolveAsOf(ctx.clock, input.asOf);
    const read = readsOf(ctx);
    const counts = await read("statisticCounts", ctx.viewer, input, input.basis, asOf);
    const due =
      input.reportFrom === undefined || input.reportFrom > asOf
        ? null
        : await read("statisticDueInPeriod", ctx.viewer, input, input.basis, {
            from: input.reportFrom,
            asOf,
          });
    // "Đã đôn đốc": the tasks of the scope urged at least once by the end of `asOf`.
    const urged =
      input.urged === "not_urged"
        ? 0
        : cellsFromCounts(
            await read(
              "statisticCounts",
              ctx.viewer,
              { ...input, urged: "urged" },
              input.basis,
              asOf,
            ),
          ).total;
    return { asOf, basis: input.basis, cells: cellsFromCounts(counts), due, urged };
  }),

  /** One row per lead agency of the time, sorted, with the total row. */
  byAgency: authedProcedure.input(statisticByAgencyInput).query(async ({ ctx, input }) => {
    const asOf = resolveAsOf(ctx.clock, input.asOf);
    const table = await readsOf(ctx)("statisticTable", ctx.viewer, input, {
      basis: input.basis,
      asOf,
      sort: input.sort,
      direction: input.direction,
    });
    return { asOf, basis: input.basis, ...table };
  }),

  /** Month by month: the figures at each month's end (or at `asOf` for its month). */
  trend: authedProcedure.input(statisticTrendInput).query(async ({ ctx, input }) => {
    const asOf = resolveAsOf(ctx.clock, input.asOf);
    const points = trendPoints(asOf, input.fromMonth, input.toMonth);
    const counts = await readsOf(ctx)(
      "statisticCountsOn",
      ctx.viewer,
      input,
      input.basis,
      points.map((point) => point.asOf),
    );
    return {
      asOf,
      basis: input.basis,
      points: points.map((point, index) => ({
        ...point,
        cells: cellsFromCounts(counts[index] ?? emptyCounts()),
      })),
    };
  }),

  /** The tasks behind one figure of summary or byAgency, as they stood at the end of `asOf`. */
  tasks: authedProcedure
    .input(statisticTasksInput)
    .query(({ ctx, input }) => listFigureTasks(ctx, input)),

  /**
   * The report a leader signs (.docx, Decree 30/2020/NĐ-CP): the figures of the scope as of
   * `asOf` in sentences, the per-agency table and the overdue tasks as appendices.
   */
  report: authedProcedure
    .input(statisticByAgencyInput)
    .query(({ ctx, input }) => statisticReport(ctx, input)),

  /** Today's overdue tasks, most days overdue first, a page at a time. */
  overdue: authedProcedure
    .input(statisticOverdueInput)
    .query(({ ctx, input }) => overduePage(ctx, input)),
});
