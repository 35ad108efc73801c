/**
 * The inputs of the export procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from export.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { overdueFiltersInput, statisticByAgencyInput } from "./statistic-input.ts";

export const exportStartInput = z.discriminatedUnion("kind", [
  /** The per-agency statistics table (the filters of `statistic.byAgency`). */
  z.object({ kind: z.literal("statistics"), filters: statisticByAgencyInput }),
  /** Today's overdue list (the filters of `statistic.overdue`, without paging). */
  z.object({ kind: z.literal("overdue"), filters: overdueFiltersInput }),
]);
export type ExportStartInput = z.input<typeof exportStartInput>;
export type ExportRequest = z.output<typeof exportStartInput>;

export const exportStatusInput = z.object({ id: z.uuid() });
export type ExportStatusInput = z.input<typeof exportStatusInput>;
