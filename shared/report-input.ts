/**
 * The inputs of the report procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from report.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { MAX_FILES_PER_REPORT } from "./evidence.ts";
import { encodeMessage } from "./message.ts";
import { PERIOD_KEY } from "./report.ts";
import { progressSchema } from "./task-input.ts";
import {
  idSchema,
  isoDateSchema,
  nameSchema,
  requiredTextSchema,
  textSchema,
} from "./validation.ts";

const daySchema = z.number().int().min(1).max(31);

/**
 * A report duty.
 * - monthly: the report for month M is due on day `day` of M (the last day when M is shorter),
 *   e.g. day 25: the March report by 25/03;
 * - quarterly: the report for quarter Q is due on day `day` of the month after Q ends, e.g.
 *   day 10: the first-quarter report by 10/04;
 * - once: one report by `dueDate`.
 * Periods that end, or fall due, before `startsOn` are not owed. Each due date moves to the next
 * working day (deadlineInForce), as deadlines do.
 */
export const reportDutySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("monthly"), day: daySchema, startsOn: isoDateSchema }),
  z.object({ kind: z.literal("quarterly"), day: daySchema, startsOn: isoDateSchema }),
  z.object({ kind: z.literal("once"), dueDate: isoDateSchema }),
]);
export type ReportDuty = z.infer<typeof reportDutySchema>;

/** Sets (or, with null, clears) a task's report duty. */
export const reportSetDutyInput = z.object({
  taskId: idSchema,
  duty: reportDutySchema.nullable(),
});
export type ReportSetDutyInput = z.input<typeof reportSetDutyInput>;

const versionSchema = z.number().int().min(1);
const fileIdsSchema = z.array(idSchema).max(MAX_FILES_PER_REPORT).default([]);

/**
 * A progress report for a period (null: an unscheduled report). A correction names the report
 * it corrects (`correctsId`) and is for the same period. `version` is the task's version: the
 * lead agency's report moves the task's progress, so a stale version gives CONFLICT.
 */
export const reportCreateInput = z.object({
  taskId: idSchema,
  version: versionSchema,
  periodKey: z
    .string()
    .regex(PERIOD_KEY, { error: encodeMessage("validation.periodKey") })
    .nullable()
    .default(null),
  /** What was done. */
  summary: requiredTextSchema(4_000),
  progress: progressSchema,
  /** Khó khăn, vướng mắc. */
  difficulties: textSchema(4_000).default(""),
  /** Kiến nghị, đề xuất. */
  proposals: textSchema(4_000).default(""),
  nextSteps: textSchema(4_000).default(""),
  fileIds: fileIdsSchema,
  correctsId: idSchema.nullable().default(null),
  /**
   * Why the progress is lower than the agency's last (the task's, for the lead agency): required
   * then, so that progress never moves down unless the reporter means it.
   */
  progressLoweredReason: textSchema(4_000).default(""),
});
export type ReportCreateInput = z.input<typeof reportCreateInput>;

/**
 * The lead agency reports the task done, with its evidence: the outgoing document's number and
 * date, and files. The task becomes "awaiting confirmation", done on the day of this report.
 */
export const reportCompleteInput = z.object({
  taskId: idSchema,
  version: versionSchema,
  documentNumber: nameSchema(100),
  documentDate: isoDateSchema,
  note: textSchema(4_000).default(""),
  fileIds: fileIdsSchema,
});
export type ReportCompleteInput = z.input<typeof reportCompleteInput>;

export const reportListInput = z.object({ taskId: idSchema });
export type ReportListInput = z.input<typeof reportListInput>;

export const reportMissingInput = z.object({ directiveId: idSchema.optional() });
export type ReportMissingInput = z.input<typeof reportMissingInput>;
