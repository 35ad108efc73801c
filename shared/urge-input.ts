/**
 * The inputs of the urge procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from urge.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { encodeMessage } from "./message.ts";
import { DIGEST_MODES, URGE_TASKS_MAX } from "./urge.ts";
import { idSchema, isoDateSchema, pageFields, requiredTextSchema } from "./validation.ts";

/** Urges the chosen tasks: one letter per lead agency, a notification to its users. */
export const urgeSendInput = z.object({
  ids: z
    .array(idSchema)
    .min(1)
    .max(URGE_TASKS_MAX)
    .transform((ids) => [...new Set(ids)]),
  message: requiredTextSchema(4_000),
  /** The day the lead agencies are asked to report by. */
  replyBy: isoDateSchema,
});
export type UrgeSendInput = z.input<typeof urgeSendInput>;

export const urgeLetterInput = z.object({ id: idSchema });

export const notificationListInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
});

export const notificationMarkReadInput = z.object({
  /** The notifications to mark; all the user's unread ones when absent. */
  ids: z.array(idSchema).min(1).max(200).optional(),
});
export type NotificationMarkReadInput = z.input<typeof notificationMarkReadInput>;

/** A user's own choices: e-mail address (empty: none), digest mode and hour. */
export const preferencesInput = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .refine((value) => value === "" || z.email().safeParse(value).success, {
      error: encodeMessage("validation.email"),
    }),
  digestMode: z.enum(DIGEST_MODES),
  digestHour: z.number().int().min(0).max(23),
});
export type PreferencesInput = z.input<typeof preferencesInput>;

export const outboxListInput = z.object({
  ...pageFields(100),
});

/** An officer sets the urging rules of their agency (the tasks whose directives it tracks). */
export const urgingRuleInput = z.object({
  beforeDeadline: z
    .array(z.number().int().min(1).max(30))
    .max(5)
    .transform((days) => [...new Set(days)].sort((a, b) => b - a)),
  overdueEvery: z.number().int().min(1).max(90),
  periodBefore: z.number().int().min(0).max(30),
  confirmationAfter: z.number().int().min(1).max(60),
  escalateLeadAfter: z.number().int().min(1).max(365),
  escalateTrackingAfter: z.number().int().min(1).max(365),
});
export type UrgingRuleInput = z.input<typeof urgingRuleInput>;
