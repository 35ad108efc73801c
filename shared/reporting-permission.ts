import type { IsoDate } from "./date.ts";
import type { ExtensionStatus } from "./extension.ts";
import { canSeeTask, type TaskAccessFacts, taskActors, type Viewer } from "./permission.ts";
import type { ReportAgencyRole } from "./report.ts";
import { allowedTargets, type TaskStatus } from "./task-status.ts";

/**
 * Who may do what in the reporting loop. Pure, like shared/permission.ts: the server checks
 * every procedure with these and the browser shows or hides actions with the same answers.
 * Everything here assumes the viewer may see the task (the server answers NOT_FOUND otherwise).
 */

/** Statuses in which the task's agencies still report progress and may ask for more time. */
const WORKING: readonly TaskStatus[] = ["not_started", "in_progress"];

export type ReportingAgency = { agencyId: number; role: ReportAgencyRole };

/**
 * The agency the viewer reports for on this task: the lead agency when the viewer acts for it
 * (its own agency or one it succeeded), else a coordinating agency it acts for, else null.
 * Reports are recorded under the task's agency, so a successor's report counts for the task.
 */
export function reportingAgency(viewer: Viewer, task: TaskAccessFacts): ReportingAgency | null {
  if (viewer.role === "admin" || !canSeeTask(viewer, task)) return null;
  const own = new Set(viewer.ownAgencyIds);
  if (own.has(task.leadAgencyId)) return { agencyId: task.leadAgencyId, role: "lead" };
  const coordinator = task.coordinatorAgencyIds.find((id) => own.has(id));
  return coordinator === undefined ? null : { agencyId: coordinator, role: "coordinator" };
}

/** Filing a progress report: the lead or a coordinating agency, while the task is being worked on. */
export function canFileReport(viewer: Viewer, task: TaskAccessFacts): boolean {
  return reportingAgency(viewer, task) !== null && WORKING.includes(task.status);
}

/** Reporting the task done with evidence: the lead agency only, where the workflow allows it. */
export function canReportCompletion(viewer: Viewer, task: TaskAccessFacts): boolean {
  if (!canSeeTask(viewer, task)) return false;
  return allowedTargets(task.status, taskActors(viewer, task)).includes("reported_done");
}

/** Setting or clearing the report duty: officers of the assigning agency, on an open task. */
export function canSetReportDuty(viewer: Viewer, task: TaskAccessFacts): boolean {
  if (!canSeeTask(viewer, task)) return false;
  return taskActors(viewer, task).has("assigner_officer") && WORKING.includes(task.status);
}

/** Asking for a later deadline: the lead agency, on a task with a deadline still being worked on. */
export function canRequestExtension(
  viewer: Viewer,
  task: TaskAccessFacts & { deadline: IsoDate | null },
): boolean {
  if (!canSeeTask(viewer, task)) return false;
  return (
    taskActors(viewer, task).has("lead") && task.deadline !== null && WORKING.includes(task.status)
  );
}

/**
 * Deciding a pending extension request: officers of the assigning agency, never the person who
 * asked (even when they belong to the assigning agency too), while the task is still open.
 */
export function canDecideExtension(
  viewer: Viewer,
  task: TaskAccessFacts,
  request: { requestedBy: number; status: ExtensionStatus },
): boolean {
  if (!canSeeTask(viewer, task)) return false;
  return (
    request.status === "pending" &&
    request.requestedBy !== viewer.userId &&
    taskActors(viewer, task).has("assigner_officer") &&
    (WORKING.includes(task.status) || task.status === "reported_done")
  );
}

/**
 * The missing-reports overview: officers and leaders for the tasks their agency follows up,
 * reporters for their own agency's part (issue 8); administrators see no tasks.
 */
export function canSeeMissingReports(viewer: Viewer): boolean {
  return viewer.role !== "admin";
}

/** Commenting: everyone who may see the task. */
export function canComment(viewer: Viewer, task: TaskAccessFacts): boolean {
  return canSeeTask(viewer, task);
}

/**
 * Downloading an evidence file: a file not yet attached only by the person who uploaded it;
 * an attached one by everyone who may see its task (`task` is that task, or null when pending).
 */
export function canDownloadEvidence(
  viewer: Viewer,
  file: { uploadedBy: number },
  task: TaskAccessFacts | null,
): boolean {
  if (task === null) return file.uploadedBy === viewer.userId && viewer.role !== "admin";
  return canSeeTask(viewer, task);
}
