/**
 * The inputs of the task procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from task.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { DEADLINE_KINDS, type DeadlineKind, hasDate } from "./deadline.ts";
import { encodeMessage } from "./message.ts";
import { TASK_SCOPES, TASK_SORTS } from "./task.ts";
import { TASK_STATUSES } from "./task-status.ts";
import { TIMELINESS } from "./timeliness.ts";
import {
  idSchema,
  isoDateSchema,
  nameSchema,
  pageFields,
  requiredTextSchema,
  textSchema,
} from "./validation.ts";

const versionSchema = z.number().int().min(1);
export const progressSchema = z.number().int().min(0).max(100);

const taskFields = z.object({
  clause: textSchema(60).default(""),
  title: nameSchema(1_000),
  description: textSchema(10_000).default(""),
  /** The one agency accountable for the task (chủ trì). */
  leadAgencyId: idSchema,
  /** Agencies that contribute (phối hợp). */
  coordinatorAgencyIds: z.array(idSchema).max(200).default([]),
  /**
   * The deadline as the directive writes it: a date (any day of the month or quarter for
   * "trong tháng", "trong Quý"); null without one. For "N ngày làm việc kể từ ngày ký" the server
   * counts it from the directive's issue date.
   */
  deadline: isoDateSchema.nullable(),
  /** How the directive words it (shared/deadline.ts); "by_date" with no date means none. */
  deadlineKind: z.enum(DEADLINE_KINDS).default("by_date"),
  /** For "working_days": how many. */
  deadlineDays: z.number().int().min(1).max(365).nullable().default(null),
  /** Key task (nhiệm vụ trọng tâm). */
  isKey: z.boolean().default(false),
});

function coordinatorsExcludeLead<
  S extends z.ZodType<{
    leadAgencyId: number;
    coordinatorAgencyIds: number[];
    deadline: string | null;
    deadlineKind: DeadlineKind;
    deadlineDays: number | null;
  }>,
>(schema: S) {
  return schema
    .refine((task) => !task.coordinatorAgencyIds.includes(task.leadAgencyId), {
      error: encodeMessage("validation.coordinatorIsLead"),
      path: ["coordinatorAgencyIds"],
    })
    .refine((task) => task.deadlineKind !== "working_days" || task.deadlineDays !== null, {
      error: encodeMessage("validation.required"),
      path: ["deadlineDays"],
    })
    .refine(
      (task) =>
        task.deadlineKind === "by_date" ||
        task.deadlineKind === "working_days" ||
        hasDate(task.deadlineKind) === (task.deadline !== null),
      { error: encodeMessage("validation.required"), path: ["deadline"] },
    );
}

export const taskCreateInput = coordinatorsExcludeLead(
  taskFields.extend({
    directiveId: idSchema,
    /** Set when breaking a task down into a sub-task. */
    parentId: idSchema.nullable().default(null),
  }),
);
export type TaskCreateInput = z.input<typeof taskCreateInput>;

export const taskUpdateInput = coordinatorsExcludeLead(
  taskFields.extend({ id: idSchema, version: versionSchema }),
);
export type TaskUpdateInput = z.input<typeof taskUpdateInput>;

export const taskSetStatusInput = z.object({
  id: idSchema,
  status: z.enum(TASK_STATUSES),
  note: textSchema(4_000).default(""),
  version: versionSchema,
});
export type TaskSetStatusInput = z.input<typeof taskSetStatusInput>;

/**
 * Which successor follows the task up when its lead agency ended and had several (a ministry
 * split in 2025); null: the agency's default successor.
 */
export const taskSetSuccessorInput = z.object({
  id: idSchema,
  successorAgencyId: idSchema.nullable(),
  version: versionSchema,
});
export type TaskSetSuccessorInput = z.input<typeof taskSetSuccessorInput>;

export const taskSetProgressInput = z.object({
  id: idSchema,
  progress: progressSchema,
  note: textSchema(4_000).default(""),
  version: versionSchema,
});
export type TaskSetProgressInput = z.input<typeof taskSetProgressInput>;

export const taskAddNoteInput = z.object({
  id: idSchema,
  note: requiredTextSchema(4_000),
});
export type TaskAddNoteInput = z.input<typeof taskAddNoteInput>;

export const taskListInput = z.object({
  scope: z.enum(TASK_SCOPES).default("visible"),
  directiveId: idSchema.optional(),
  leadAgencyId: idSchema.optional(),
  status: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).optional(),
  timeliness: z.array(z.enum(TIMELINESS)).max(TIMELINESS.length).optional(),
  isKey: z.boolean().optional(),
  query: z.string().trim().max(200).default(""),
  minDaysOverdue: z.number().int().min(0).max(10_000).optional(),
  sort: z.enum(TASK_SORTS).default("urgency"),
  ...pageFields(500),
});
export type TaskListInput = z.input<typeof taskListInput>;
