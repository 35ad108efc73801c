import type { NewTaskEvent, TaskFacts, TaskPatch } from "../../db/task.ts";
import { type IsoDate, vnDate } from "../../shared/date.ts";
import type { DeadlineKind } from "../../shared/deadline.ts";
import type { TaskStatus } from "../../shared/task-status.ts";

/**
 * What a change does to a task, built without the database or the clock: the patch of its row
 * and the history rows that record it. The domain actions check permissions first, then write
 * a change with `writeTaskChange` (server/domain/task.ts) in one transaction.
 */
export type TaskChange = { patch: TaskPatch; events: NewTaskEvent[] };

/** Who changes the task and when. */
export type ChangeBy = { actorId: number; now: Date };

function eventBase(facts: TaskFacts, by: ChangeBy) {
  return { taskId: facts.id, actorId: by.actorId, at: by.now.toISOString() };
}

/**
 * The report a change comes with: its history rows point to it, and it becomes the task's last
 * report (`lastProgressAt`, `lastProgressNote`). Only reports do: a status note or a progress
 * change made without a report is history, not the agency's report (issue 8, bug 2).
 */
export type WithReport = { reportId: number; summary: string };

function reported(change: TaskChange, report: WithReport | null, at: string): TaskChange {
  if (report === null) return change;
  return {
    patch: { ...change.patch, lastProgressAt: at, lastProgressNote: report.summary },
    events: change.events.map((event) => ({ ...event, reportId: report.reportId })),
  };
}

/**
 * A checked status change: reporting done sets the done date to today in Vietnam (it decides on
 * time or late) and progress to 100; completing keeps the done date and sets progress to 100;
 * any other status clears the done date. The note stays in the history; `report` is the
 * completion report when the change comes with one.
 */
export function statusChange(
  facts: TaskFacts,
  to: TaskStatus,
  note: string,
  by: ChangeBy,
  report: WithReport | null = null,
): TaskChange {
  const base = eventBase(facts, by);
  const patch: TaskPatch = { status: to };
  if (to === "reported_done") {
    patch.doneOn = vnDate(by.now);
    patch.progress = 100;
  } else if (to !== "completed") {
    patch.doneOn = null;
  }
  if (to === "completed") patch.progress = 100;
  const events: NewTaskEvent[] = [
    { ...base, kind: "status", field: "status", oldValue: facts.status, newValue: to, note },
  ];
  if (patch.progress !== undefined && patch.progress !== facts.progress) {
    events.push({
      ...base,
      kind: "progress",
      field: "progress",
      oldValue: String(facts.progress),
      newValue: String(patch.progress),
    });
  }
  return reported({ patch, events }, report, base.at);
}

/**
 * A progress change, and not_started → in_progress when work is reported (progress above 0).
 * With `report`, the lead agency's progress report it comes with.
 */
export function progressChange(
  facts: TaskFacts,
  progress: number,
  note: string,
  by: ChangeBy,
  report: WithReport | null = null,
): TaskChange {
  const base = eventBase(facts, by);
  const patch: TaskPatch = { progress };
  const events: NewTaskEvent[] = [];
  if (facts.status === "not_started" && progress > 0) {
    patch.status = "in_progress";
    events.push({
      ...base,
      kind: "status",
      field: "status",
      oldValue: facts.status,
      newValue: "in_progress",
    });
  }
  events.push({
    ...base,
    kind: "progress",
    field: "progress",
    oldValue: String(facts.progress),
    newValue: String(progress),
    note,
  });
  return reported({ patch, events }, report, base.at);
}

/** What an officer's edit of a task may change. */
export type TaskEdit = {
  clause: string;
  title: string;
  description: string;
  isKey: boolean;
  /** The date the wording means (resolved by shared/deadline.ts). */
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  leadAgencyId: number;
  coordinatorAgencyIds: readonly number[];
};

function sortedIds(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((x, y) => x - y);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const left = sortedIds(a);
  const right = sortedIds(b);
  return left.length === right.length && left.every((id, i) => id === right[i]);
}

/**
 * An edit: only what differs from the task goes into the patch, with one history row each.
 * Editing corrects the assignment itself, so the original deadline follows the deadline;
 * extensions (deadlineExtension) change only the deadline in force.
 */
export function editChange(facts: TaskFacts, edit: TaskEdit, by: ChangeBy): TaskChange {
  const base = eventBase(facts, by);
  const patch: TaskPatch = {};
  const events: NewTaskEvent[] = [];
  for (const field of ["clause", "title", "description"] as const) {
    if (edit[field] !== facts[field]) {
      patch[field] = edit[field];
      events.push({
        ...base,
        kind: "field",
        field,
        oldValue: facts[field],
        newValue: edit[field],
      });
    }
  }
  if (edit.isKey !== facts.isKey) {
    patch.isKey = edit.isKey;
    events.push({
      ...base,
      kind: "field",
      field: "isKey",
      oldValue: String(facts.isKey),
      newValue: String(edit.isKey),
    });
  }
  if (edit.deadline !== facts.deadline) {
    patch.deadline = edit.deadline;
    patch.originalDeadline = edit.deadline;
    events.push({
      ...base,
      kind: "deadline",
      field: "deadline",
      oldValue: facts.deadline,
      newValue: edit.deadline,
    });
  }
  if (edit.deadlineKind !== facts.deadlineKind || edit.deadlineDays !== facts.deadlineDays) {
    patch.deadline = edit.deadline;
    patch.deadlineKind = edit.deadlineKind;
    patch.deadlineDays = edit.deadlineDays;
    events.push({
      ...base,
      kind: "deadline",
      field: "deadlineKind",
      oldValue: facts.deadlineKind,
      newValue: edit.deadlineKind,
    });
  }
  if (edit.leadAgencyId !== facts.leadAgencyId) {
    patch.leadAgencyId = edit.leadAgencyId;
    events.push({
      ...base,
      kind: "assignment",
      field: "leadAgencyId",
      oldValue: String(facts.leadAgencyId),
      newValue: String(edit.leadAgencyId),
    });
  }
  if (!sameIds(edit.coordinatorAgencyIds, facts.coordinatorAgencyIds)) {
    patch.coordinatorAgencyIds = edit.coordinatorAgencyIds;
    events.push({
      ...base,
      kind: "assignment",
      field: "coordinatorAgencyIds",
      oldValue: JSON.stringify(sortedIds(facts.coordinatorAgencyIds)),
      newValue: JSON.stringify(sortedIds(edit.coordinatorAgencyIds)),
    });
  }
  return { patch, events };
}

/**
 * An approved extension: the deadline in force moves, the original deadline stays. The history
 * row carries the note that explains it.
 */
export function deadlineExtension(
  facts: TaskFacts,
  deadline: IsoDate,
  note: string,
  by: ChangeBy,
): TaskChange {
  return {
    patch: { deadline },
    events: [
      {
        ...eventBase(facts, by),
        kind: "deadline",
        field: "deadline",
        oldValue: facts.deadline,
        newValue: deadline,
        note,
      },
    ],
  };
}

/** The successor chosen to follow the task up after its lead agency was split. */
export function successorChange(
  facts: TaskFacts,
  successorAgencyId: number | null,
  by: ChangeBy,
): TaskChange {
  return {
    patch: { successorAgencyId },
    events: [
      {
        ...eventBase(facts, by),
        kind: "assignment",
        field: "successorAgencyId",
        oldValue: facts.successorAgencyId === null ? null : String(facts.successorAgencyId),
        newValue: successorAgencyId === null ? null : String(successorAgencyId),
      },
    ],
  };
}
