import type { Language } from "./i18n/language.ts";
import { formatNumber } from "./number.ts";
import type { TaskStatus } from "./task-status.ts";
import type { Timeliness } from "./timeliness.ts";

/**
 * A task's badges: its status, where it stands against its deadline, and "key task". The app
 * draws them (client/ui/badges.tsx) and the server paints them at the top of a task's page before
 * the app's scripts arrive (server/page-heading.ts), in the theme's light colours, which the build
 * writes into the page for each of these colours (client/ui/theme-variables.ts).
 */
export const BADGE_COLORS = [
  "gray",
  "blue",
  "violet",
  "green",
  "dark",
  "red",
  "orange",
  "grape",
  "yellow",
] as const;
export type BadgeColor = (typeof BADGE_COLORS)[number];

export const STATUS_COLORS: Record<TaskStatus, BadgeColor> = {
  not_started: "gray",
  in_progress: "blue",
  reported_done: "violet",
  completed: "green",
  cancelled: "dark",
};

export const TIMELINESS_COLORS: Record<Timeliness, BadgeColor> = {
  overdue: "red",
  due_soon: "orange",
  in_deadline: "blue",
  completed_on_time: "green",
  completed_late: "grape",
  no_deadline: "gray",
};

export const KEY_TASK_COLOR: BadgeColor = "yellow";

/** A text of shared/i18n with its values. */
export type TextOf = { key: string; values?: { count: number; days: string } };

/** The timeliness badge's text: an overdue task says by how many days. */
export function timelinessText(
  timeliness: Timeliness,
  daysOverdue: number,
  language: Language,
): TextOf {
  return timeliness === "overdue" && daysOverdue > 0
    ? {
        key: "task.overdueDays",
        values: { count: daysOverdue, days: formatNumber(daysOverdue, language, { max: 3 }) },
      }
    : { key: `timeliness.${timeliness}` };
}
