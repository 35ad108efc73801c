import type { TaskStatus } from "./task-status.ts";

/**
 * The system urges (issue 10): an officer's urge with its letters, reminders and escalations
 * sent by the reminder job, and the notifications (the bell) that carry them.
 */

/** Only tasks still being carried out are urged (not those reported done, finished or withdrawn). */
export const URGEABLE_STATUSES = ["not_started", "in_progress"] as const satisfies TaskStatus[];

export function isUrgeable(status: TaskStatus): boolean {
  return (URGEABLE_STATUSES as readonly TaskStatus[]).includes(status);
}

/** The most tasks one urge covers at once (a page of the overdue list). */
export const URGE_TASKS_MAX = 500;

/** The reply date an urge asks for by default: this many working days after the urge. */
export const URGE_REPLY_WORKING_DAYS = 5;

/**
 * What a notification says. The database has a CHECK on the same list.
 * - deadline_soon: the task's deadline is `days` working days away (lead agency);
 * - overdue: `days` days overdue (lead agency; the first working day, then every 7 days);
 * - report_due / report_late: a report period closes within `days` working days / is late;
 * - awaiting_confirmation: a completion has waited `days` working days (the assigning officers);
 * - escalation_lead / escalation_tracking: `days` days overdue, to the lead agency's leaders and
 *   to the tracking agency's leaders;
 * - urged: an officer urged the task (the lead agency's users);
 * - urge_unanswered: the reply date `onDay` of an urge passed without a report (the officer).
 */
export const NOTIFICATION_KINDS = [
  "deadline_soon",
  "overdue",
  "report_due",
  "report_late",
  "awaiting_confirmation",
  "escalation_lead",
  "escalation_tracking",
  "urged",
  "urge_unanswered",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** When the reminder job reminds and escalates, per tracking agency. */
export type UrgingRule = {
  /** Working days before the deadline in force when the lead agency is reminded. */
  beforeDeadline: readonly number[];
  /** The first working day overdue, then every this many days. */
  overdueEvery: number;
  /** Working days before a report period closes (and again the day it is late). */
  periodBefore: number;
  /** Working days a completion may await confirmation before the officer is told. */
  confirmationAfter: number;
  /** Days overdue after which the lead agency's leaders are told. */
  escalateLeadAfter: number;
  /** Days overdue after which the tracking agency's leaders are told. */
  escalateTrackingAfter: number;
};

export const DEFAULT_URGING_RULE: UrgingRule = {
  beforeDeadline: [7, 3, 1],
  overdueEvery: 7,
  periodBefore: 3,
  confirmationAfter: 5,
  escalateLeadAfter: 14,
  escalateTrackingAfter: 30,
};

/** "đã đôn đốc N lần, lần gần nhất dd/mm/yyyy": how often a task was urged. */
export type UrgeSummary = { count: number; lastAt: string | null };

/**
 * How a user hears of notifications: a daily digest by e-mail (the bell's items are marked read
 * once mailed), in the app only, or both. The database has a CHECK on the same list.
 */
export const DIGEST_MODES = ["email", "in_app", "both"] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** The hour (Vietnam time) a digest goes by default. */
export const DEFAULT_DIGEST_HOUR = 7;

/** The most attempts at sending one mail before it is left in the outbox as failed. */
export const MAIL_MAX_ATTEMPTS = 8;
