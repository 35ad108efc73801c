/** The life of a task. The database has a CHECK on the same list. */
export const TASK_STATUSES = [
  "not_started",
  "in_progress",
  "reported_done",
  "completed",
  "cancelled",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which the task is still to be done (counted as open in the statistics). */
export const OPEN_STATUSES = [
  "not_started",
  "in_progress",
  "reported_done",
] as const satisfies readonly TaskStatus[];

export function isOpenStatus(status: TaskStatus): boolean {
  return (OPEN_STATUSES as readonly TaskStatus[]).includes(status);
}

/**
 * How a user stands towards a task, as far as status changes go:
 * - assigner_officer / assigner_leader: an officer or leader of the agency that assigned the task
 *   (the directive's tracking agency, or the agency that broke a task down into this sub-task);
 * - tracking_leader: a leader of the directive's tracking agency (above every assigner);
 * - lead: any officer, leader or reporter of the lead agency (chủ trì) or an agency under it;
 * - done_reporter: the user who reported the task done (while it awaits confirmation).
 */
export const TASK_ACTORS = [
  "assigner_officer",
  "assigner_leader",
  "tracking_leader",
  "lead",
  "done_reporter",
] as const;
export type TaskActor = (typeof TASK_ACTORS)[number];

export type TransitionRule = {
  from: TaskStatus;
  to: TaskStatus;
  actors: readonly TaskActor[];
  /** A reason must be written (returning a reported-done task, cancelling, restoring). */
  noteRequired: boolean;
  /** Only through the completion report with its document (report.complete), never setStatus. */
  byCompletionReport?: true;
  /** Four eyes: reviewing what another reported (see `mayReview`). */
  review?: true;
};

/** The one list of allowed status changes and who may make each. */
export const TRANSITIONS: readonly TransitionRule[] = [
  {
    from: "not_started",
    to: "in_progress",
    actors: ["lead", "assigner_officer"],
    noteRequired: false,
  },
  {
    from: "not_started",
    to: "reported_done",
    actors: ["lead"],
    noteRequired: false,
    byCompletionReport: true,
  },
  {
    from: "in_progress",
    to: "reported_done",
    actors: ["lead"],
    noteRequired: false,
    byCompletionReport: true,
  },
  {
    from: "reported_done",
    to: "completed",
    actors: ["assigner_officer", "assigner_leader", "tracking_leader"],
    noteRequired: false,
    review: true,
  },
  {
    from: "reported_done",
    to: "in_progress",
    actors: ["assigner_officer", "tracking_leader"],
    noteRequired: true,
    review: true,
  },
  { from: "not_started", to: "cancelled", actors: ["assigner_officer"], noteRequired: true },
  { from: "in_progress", to: "cancelled", actors: ["assigner_officer"], noteRequired: true },
  { from: "reported_done", to: "cancelled", actors: ["assigner_officer"], noteRequired: true },
  { from: "cancelled", to: "not_started", actors: ["assigner_officer"], noteRequired: true },
];

/**
 * Four eyes on completion: whoever reported the task done never confirms or returns it, and
 * nobody acting for the lead agency reviews its own work, except a leader of the tracking agency
 * (a ministry's leader may confirm what the ministry itself led, never what they reported).
 */
export function mayReview(actors: ReadonlySet<TaskActor>): boolean {
  if (actors.has("done_reporter")) return false;
  return !actors.has("lead") || actors.has("tracking_leader");
}

function permits(rule: TransitionRule, actors: ReadonlySet<TaskActor>): boolean {
  return rule.actors.some((actor) => actors.has(actor)) && (!rule.review || mayReview(actors));
}

export function findTransition(from: TaskStatus, to: TaskStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

/**
 * The statuses a user with these standings may move the task to from `from` ("reported_done"
 * included: the browser offers it as the completion report).
 */
export function allowedTargets(from: TaskStatus, actors: ReadonlySet<TaskActor>): TaskStatus[] {
  return TRANSITIONS.filter((rule) => rule.from === from && permits(rule, actors)).map(
    (rule) => rule.to,
  );
}

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | {
      ok: false;
      reason:
        | "same_status"
        | "not_allowed"
        | "forbidden"
        | "four_eyes"
        | "note_required"
        | "completion_report_required";
    };

/**
 * Decides one status change: is it a move the workflow has, may these actors make it (four eyes
 * included), is a note there, does it come through the completion report when it must.
 */
export function checkTransition(
  from: TaskStatus,
  to: TaskStatus,
  actors: ReadonlySet<TaskActor>,
  note: string,
  through: "status" | "completion_report" = "status",
): TransitionCheck {
  if (from === to) return { ok: false, reason: "same_status" };
  const rule = findTransition(from, to);
  if (!rule) return { ok: false, reason: "not_allowed" };
  if (rule.byCompletionReport && through !== "completion_report") {
    return { ok: false, reason: "completion_report_required" };
  }
  if (!rule.actors.some((actor) => actors.has(actor))) return { ok: false, reason: "forbidden" };
  if (rule.review && !mayReview(actors)) return { ok: false, reason: "four_eyes" };
  if (rule.noteRequired && note.trim() === "") return { ok: false, reason: "note_required" };
  return { ok: true, rule };
}
