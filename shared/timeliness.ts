import { addDays, type IsoDate } from "./date.ts";
import type { TaskStatus } from "./task-status.ts";

/**
 * Where a task stands against its deadline. Derived, never stored. The four official cells are
 * completed_on_time, completed_late, within deadline (in_deadline + due_soon) and overdue;
 * no_deadline covers ongoing tasks (thường xuyên). Cancelled tasks have no timeliness.
 */
export const TIMELINESS = [
  "completed_on_time",
  "completed_late",
  "in_deadline",
  "due_soon",
  "overdue",
  "no_deadline",
] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** "Due soon" when this many days or fewer remain. */
export const DUE_SOON_DAYS = 3;

export type TimelinessInput = {
  status: TaskStatus;
  /** The deadline in force (after moving off weekends and holidays), or null for ongoing tasks. */
  dueOn: IsoDate | null;
  /** The date the lead agency reported the task done (reported_done and completed), else null. */
  doneOn: IsoDate | null;
};

/**
 * The one definition of timeliness. `today` is the calendar date in Asia/Ho_Chi_Minh.
 * A task due on 31/03 is overdue from 01/04. A task reported done is judged by the date it was
 * reported, since that becomes its completion date once confirmed.
 * The SQL in db/timeliness.ts must agree with this function; a property test checks that.
 */
export function timeliness(task: TimelinessInput, today: IsoDate): Timeliness | null {
  if (task.status === "cancelled") return null;
  if (task.status === "completed") {
    if (task.dueOn === null || task.doneOn === null || task.doneOn <= task.dueOn) {
      return "completed_on_time";
    }
    return "completed_late";
  }
  if (task.dueOn === null) return "no_deadline";
  const reference = task.doneOn ?? today;
  if (task.dueOn < reference) return "overdue";
  if (task.doneOn === null && task.dueOn <= addDays(today, DUE_SOON_DAYS)) return "due_soon";
  return "in_deadline";
}

/** Days past the deadline in force on `today` (0 when not overdue). */
export function daysOverdue(task: TimelinessInput, today: IsoDate): number {
  if (timeliness(task, today) !== "overdue" || task.dueOn === null) return 0;
  const reference = task.doneOn ?? today;
  return Math.round((Date.parse(reference) - Date.parse(task.dueOn)) / 86_400_000);
}
