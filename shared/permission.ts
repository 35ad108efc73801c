import { allowedTargets, isOpenStatus, type TaskActor, type TaskStatus } from "./task-status.ts";
import type { Role } from "./user.ts";

/**
 * Who is asking, as far as permissions go.
 * - ownAgencyIds: the user's agency and the agencies it succeeded (a task assigned to Hà Giang in
 *   2024 is followed up by Tuyên Quang after the merger);
 * - scopeAgencyIds: those and every agency under them (an agency sees what its units are assigned).
 */
export type Viewer = {
  userId: number;
  role: Role;
  agencyId: number;
  ownAgencyIds: readonly number[];
  scopeAgencyIds: readonly number[];
};

export type TaskAccessFacts = {
  assignerAgencyId: number;
  leadAgencyId: number;
  trackingAgencyId: number;
  coordinatorAgencyIds: readonly number[];
  status: TaskStatus;
  /** Who reported the task done, while it awaits confirmation (four eyes). */
  reportedBy?: number | null;
};

/** Whether the viewer may see the task at all; anyone else gets "not found". */
export function canSeeTask(viewer: Viewer, task: TaskAccessFacts): boolean {
  if (viewer.role === "admin") return false;
  const own = new Set(viewer.ownAgencyIds);
  const scope = new Set(viewer.scopeAgencyIds);
  return (
    own.has(task.assignerAgencyId) ||
    own.has(task.trackingAgencyId) ||
    scope.has(task.leadAgencyId) ||
    task.coordinatorAgencyIds.some((id) => scope.has(id))
  );
}

/** The viewer's standings towards the task, which decide the status changes they may make. */
export function taskActors(viewer: Viewer, task: TaskAccessFacts): Set<TaskActor> {
  const actors = new Set<TaskActor>();
  const own = new Set(viewer.ownAgencyIds);
  if (own.has(task.assignerAgencyId)) {
    if (viewer.role === "officer") actors.add("assigner_officer");
    if (viewer.role === "leader") actors.add("assigner_leader");
  }
  if (own.has(task.trackingAgencyId) && viewer.role === "leader") actors.add("tracking_leader");
  if (own.has(task.leadAgencyId) && viewer.role !== "admin") actors.add("lead");
  if (task.status === "reported_done" && task.reportedBy === viewer.userId) {
    actors.add("done_reporter");
  }
  return actors;
}

export type TaskPermissions = {
  /** Edit title, description, deadline, lead and coordinating agencies. */
  canEdit: boolean;
  /** Break the task down into sub-tasks. */
  canBreakDown: boolean;
  canUpdateProgress: boolean;
  canAddNote: boolean;
  /** Statuses the viewer may move the task to now. */
  statusTargets: TaskStatus[];
};

export function taskPermissions(viewer: Viewer, task: TaskAccessFacts): TaskPermissions {
  if (!canSeeTask(viewer, task)) {
    return {
      canEdit: false,
      canBreakDown: false,
      canUpdateProgress: false,
      canAddNote: false,
      statusTargets: [],
    };
  }
  const actors = taskActors(viewer, task);
  const open = isOpenStatus(task.status);
  const assignerOfficer = actors.has("assigner_officer");
  const leadOfficer = actors.has("lead") && viewer.role === "officer";
  return {
    canEdit: assignerOfficer && open,
    canBreakDown: (assignerOfficer || leadOfficer) && open,
    canUpdateProgress:
      actors.has("lead") && (task.status === "not_started" || task.status === "in_progress"),
    canAddNote: true,
    statusTargets: allowedTargets(task.status, actors),
  };
}

/**
 * Urging a task's lead agency (urge.send): the officers and leaders of the agency that assigned
 * it or of the agency that tracks its directive.
 */
export function canUrge(
  viewer: Viewer,
  task: { assignerAgencyId: number; trackingAgencyId: number },
): boolean {
  if (viewer.role !== "officer" && viewer.role !== "leader") return false;
  const own = new Set(viewer.ownAgencyIds);
  return own.has(task.assignerAgencyId) || own.has(task.trackingAgencyId);
}

/** Officers create directives for their own agency to track. */
export function canCreateDirective(viewer: Viewer): boolean {
  return viewer.role === "officer";
}

export function canEditDirective(viewer: Viewer, directive: { trackingAgencyId: number }): boolean {
  return viewer.role === "officer" && viewer.ownAgencyIds.includes(directive.trackingAgencyId);
}

/** Adding a top-level task to a directive: its tracking agency's officers. */
export function canAddTask(viewer: Viewer, directive: { trackingAgencyId: number }): boolean {
  return canEditDirective(viewer, directive);
}
