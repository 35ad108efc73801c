/**
 * The inputs of the statistic procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from statistic.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { DIRECTIVE_TYPES } from "./directive.ts";
import { encodeMessage } from "./message.ts";
import {
  AGENCY_STATISTIC_SORTS,
  monthsBetween,
  PERIOD_KINDS,
  SORT_DIRECTIONS,
  STATISTIC_BASES,
  STATISTIC_CELLS,
  STATISTIC_LEVELS,
  type StatisticLevel,
  TREND_MAX_MONTHS,
  URGED_FILTERS,
} from "./statistic.ts";
import { idSchema, isoDateSchema, pageFields } from "./validation.ts";

/** The filters shared by every statistics view, flat so that they sit in the URL. */
const scopeFields = {
  directiveId: idSchema.optional(),
  directiveType: z.enum(DIRECTIVE_TYPES).optional(),
  keyOnly: z.boolean().default(false),
  level: z.enum(STATISTIC_LEVELS).default("directive"),
  /** With level "agency": the agency whose breakdowns are counted. */
  assignerAgencyId: idSchema.optional(),
  /**
   * Lead (chủ trì) agency, with the agencies under it (parent links) and those it succeeded
   * (successor links): a task counts under the agency of the day (db/statistic.ts).
   */
  agencyId: idSchema.optional(),
  periodBy: z.enum(PERIOD_KINDS).default("issued"),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  urged: z.enum(URGED_FILTERS).default("all"),
};

const asOfFields = {
  /** The day the figures stand at, at its end in Vietnam; default today. */
  asOf: isoDateSchema.optional(),
  basis: z.enum(STATISTIC_BASES).default("in_force"),
  /**
   * First day of the report period that ends on `asOf` (a preset of Decree 09/2019/NĐ-CP, or a
   * calendar period): the "nhiệm vụ đến hạn" are the tasks whose deadline falls in it.
   */
  reportFrom: isoDateSchema.optional(),
};

function periodInOrder(value: { from?: string | undefined; to?: string | undefined }): boolean {
  return value.from === undefined || value.to === undefined || value.from <= value.to;
}
const PERIOD_ORDER = { error: encodeMessage("validation.dateRange"), path: ["to"] };

/** Level "agency" names the assigning agency. */
function levelComplete(value: {
  level?: StatisticLevel | undefined;
  assignerAgencyId?: number | undefined;
}): boolean {
  return value.level !== "agency" || value.assignerAgencyId !== undefined;
}
const LEVEL_AGENCY = {
  error: encodeMessage("validation.assignerRequired"),
  path: ["assignerAgencyId"],
};

/** The checks of every statistics input: the period in order, level "agency" with its agency. */
function scopeChecked<
  S extends z.ZodType<Parameters<typeof periodInOrder>[0] & Parameters<typeof levelComplete>[0]>,
>(schema: S): S {
  return schema.refine(periodInOrder, PERIOD_ORDER).refine(levelComplete, LEVEL_AGENCY);
}

export const statisticScopeInput = scopeChecked(z.object({ ...scopeFields, ...asOfFields }));
export type StatisticScopeInput = z.input<typeof statisticScopeInput>;
export type StatisticScope = z.output<typeof statisticScopeInput>;

/**
 * The tasks behind one figure: the scope, the cell, and for a row of the per-agency table the
 * lead agency of the time (exactly that agency; absent or null: the whole scope), a page at a time.
 */
export const statisticTasksInput = scopeChecked(
  z.object({
    ...scopeFields,
    ...asOfFields,
    cell: z.enum(STATISTIC_CELLS),
    leadAgencyId: idSchema.nullish(),
    ...pageFields(500),
  }),
);
export type StatisticTasksInput = z.input<typeof statisticTasksInput>;

export const statisticByAgencyInput = scopeChecked(
  z.object({
    ...scopeFields,
    ...asOfFields,
    /** Leaders read the overdue column first. */
    sort: z.enum(AGENCY_STATISTIC_SORTS).default("overdue"),
    direction: z.enum(SORT_DIRECTIONS).default("desc"),
  }),
);
export type StatisticByAgencyInput = z.input<typeof statisticByAgencyInput>;
export type StatisticByAgency = z.output<typeof statisticByAgencyInput>;
const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: encodeMessage("validation.invalidMonth") });

export const statisticTrendInput = scopeChecked(
  z.object({
    ...scopeFields,
    ...asOfFields,
    /** First month; default 11 months before the month of `asOf`. */
    fromMonth: monthSchema.optional(),
    /** Last month; default the month of `asOf`. Points after `asOf` are left out. */
    toMonth: monthSchema.optional(),
  }),
).refine(
  (value) =>
    value.fromMonth === undefined ||
    value.toMonth === undefined ||
    (value.fromMonth <= value.toMonth &&
      monthsBetween(value.fromMonth, value.toMonth) < TREND_MAX_MONTHS),
  {
    error: encodeMessage("validation.monthRange", { max: TREND_MAX_MONTHS }),
    path: ["toMonth"],
  },
);
export type StatisticTrendInput = z.input<typeof statisticTrendInput>;
export type StatisticTrend = z.output<typeof statisticTrendInput>;

/**
 * Filters of the overdue list (today's overdue tasks), without paging. A work list: every
 * overdue task is someone's to urge, so its level is "all" unless asked otherwise.
 */
const overdueFields = {
  ...scopeFields,
  level: z.enum(STATISTIC_LEVELS).default("all"),
  /** Only tasks at least this many days past their deadline in force. */
  minDaysOverdue: z.number().int().min(0).max(10_000).default(0),
};

export const overdueFiltersInput = scopeChecked(z.object(overdueFields));
export type OverdueFiltersInput = z.input<typeof overdueFiltersInput>;
export type OverdueFilters = z.output<typeof overdueFiltersInput>;

export const statisticOverdueInput = scopeChecked(
  z.object({
    ...overdueFields,
    ...pageFields(500),
  }),
);
export type StatisticOverdueInput = z.input<typeof statisticOverdueInput>;
