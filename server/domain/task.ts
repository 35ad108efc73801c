import type { z } from "zod";
import { agenciesByIds, agencyById, successorsOf } from "../../db/agency.ts";
import { loadCalendar } from "../../db/calendar.ts";
import { directiveById, directiveFacts } from "../../db/directive.ts";
import type { Db } from "../../db/open.ts";
import { lastLeadReport } from "../../db/report.ts";
import {
  appendTaskEvents,
  insertTask,
  type NewTaskEvent,
  subTasks,
  type TaskDetail,
  type TaskFacts,
  taskDetail,
  taskEvents,
  taskFacts,
  updateTask,
} from "../../db/task.ts";
import { urgeSummaries, urgesOfTask } from "../../db/urge.ts";
import { isAgencyActiveOn } from "../../shared/agency.ts";
import { formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import { resolveDeadline } from "../../shared/deadline.ts";
import {
  canAddTask,
  canSeeTask,
  type TaskPermissions,
  taskActors,
  taskPermissions,
  type Viewer,
} from "../../shared/permission.ts";
import type {
  taskAddNoteInput,
  taskCreateInput,
  taskSetProgressInput,
  taskSetStatusInput,
  taskSetSuccessorInput,
  taskUpdateInput,
} from "../../shared/task-input.ts";
import { checkTransition, type TaskStatus } from "../../shared/task-status.ts";
import type { Actor, Reader } from "../context.ts";
import { fail } from "../errors.ts";
import {
  editChange,
  progressChange,
  statusChange,
  successorChange,
  type TaskChange,
} from "./task-change.ts";

/** The task if the viewer may see it; anyone else learns nothing, not even that it exists. */
export async function findVisibleTask(
  { db, viewer }: { db: Db; viewer: Viewer },
  id: number,
): Promise<TaskFacts> {
  const facts = await taskFacts(db, id);
  if (!facts || !canSeeTask(viewer, facts)) fail("NOT_FOUND", "error.taskNotFound", { id });
  return facts;
}

/**
 * The task as the viewer may see it, with what they may do with it; its parent only for whoever
 * may see that too (the others learn nothing of it, not even its id). The task's page (viewTask)
 * and the top of it that the server paints (server/page-heading.ts) both read it here.
 */
export async function visibleTask(
  reader: Pick<Reader, "db" | "viewer" | "clock">,
  id: number,
): Promise<{ task: TaskDetail; permissions: TaskPermissions }> {
  const facts = await findVisibleTask(reader, id);
  const detail = await taskDetail(reader.db, reader.viewer, id, vnDate(reader.clock.now()));
  if (!detail) fail("NOT_FOUND", "error.taskNotFound", { id });
  const parent = detail.parent && (await taskFacts(reader.db, detail.parent.id));
  const task =
    detail.parent && !(parent && canSeeTask(reader.viewer, parent))
      ? { ...detail, parent: null, parentId: null }
      : detail;
  return { task, permissions: taskPermissions(reader.viewer, facts) };
}

/** The task's page: its detail, its history and what the viewer may do with it. */
export async function viewTask(actor: Actor, id: number) {
  const { task, permissions } = await visibleTask(actor, id);
  return {
    task,
    /** The lead agency's latest report (never a note or a change made without a report). */
    lastReport: await lastLeadReport(actor.db, id),
    events: await taskEvents(actor.db, id),
    permissions,
    /** "đã đôn đốc N lần, lần gần nhất …", and the urges with their letters. */
    urge: (await urgeSummaries(actor.db, [id])).get(id) ?? { count: 0, lastAt: null },
    urges: await urgesOfTask(actor.db, id),
  };
}

/** The tasks under a task the viewer may see, that the viewer may see (its page's sub-tasks). */
export async function viewSubTasks(actor: Reader, id: number) {
  await findVisibleTask(actor, id);
  return subTasks(actor.db, actor.viewer, id, vnDate(actor.clock.now()));
}

/**
 * Writes a checked change of a task inside the caller's transaction: the patch applies only if
 * the task still has `version` (else CONFLICT and nothing is written), then the history rows.
 * Returns the task's new version.
 */
export async function writeTaskChange(
  trx: Db,
  taskId: number,
  version: number,
  change: TaskChange,
  at: string,
): Promise<number> {
  if (!(await updateTask(trx, taskId, version, change.patch, at))) {
    fail("CONFLICT", "error.staleVersion", { id: taskId });
  }
  await appendTaskEvents(trx, change.events);
  return version + 1;
}

/**
 * Lead and coordinating agencies must exist on the directive's issue date (a 2024 directive
 * entered in 2026 names its real 2024 addressees) or today (its follow-up passed to a successor);
 * an agency that existed on neither day (merged away before the directive) is refused.
 */
async function checkAgencies(
  db: Db,
  leadAgencyId: number,
  coordinatorIds: readonly number[],
  days: { issuedOn: IsoDate; today: IsoDate },
) {
  const ids = [leadAgencyId, ...coordinatorIds];
  const agencies = new Map((await agenciesByIds(db, ids)).map((a) => [a.id, a]));
  for (const id of ids) {
    const field = id === leadAgencyId ? "leadAgencyId" : "coordinatorAgencyIds";
    const agency = agencies.get(id);
    if (!agency) fail("BAD_REQUEST", "error.agencyNotFound", { id }, field);
    if (!isAgencyActiveOn(agency, days.issuedOn) && !isAgencyActiveOn(agency, days.today)) {
      fail(
        "BAD_REQUEST",
        "error.agencyInactive",
        { name: agency.name, date: formatDate(days.issuedOn) },
        field,
      );
    }
  }
}

/**
 * Checks a status change against the workflow table; throws the error the user sees. Shared by
 * changeTaskStatus and reportCompletion (reporting done with evidence).
 */
export function checkStatusChange(
  facts: TaskFacts,
  viewer: Viewer,
  to: TaskStatus,
  note: string,
  through: "status" | "completion_report" = "status",
): void {
  const check = checkTransition(facts.status, to, taskActors(viewer, facts), note, through);
  if (check.ok) return;
  const from = facts.status;
  switch (check.reason) {
    case "same_status":
      fail("BAD_REQUEST", "error.sameStatus", { status: from }, "status");
      break;
    case "not_allowed":
      fail("BAD_REQUEST", "error.transitionNotAllowed", { from, to }, "status");
      break;
    case "forbidden":
      fail("FORBIDDEN", "error.transitionForbidden", { to });
      break;
    case "four_eyes":
      fail("FORBIDDEN", "trust.fourEyes", { to });
      break;
    case "completion_report_required":
      fail("BAD_REQUEST", "trust.completionReportRequired", {}, "status");
      break;
    case "note_required":
      fail("BAD_REQUEST", "error.noteRequired", {}, "note");
      break;
  }
}

/**
 * Adds a task to a directive, or a sub-task to a task (breaking it down). The tracking agency
 * breaks down for itself; a lead agency breaking its own task down becomes the assigner of the
 * sub-tasks and follows them up.
 */
export async function createTask(
  actor: Actor,
  input: z.output<typeof taskCreateInput>,
): Promise<{ id: number }> {
  const { db, viewer, user } = actor;
  const directive = await directiveFacts(db, input.directiveId);
  const visible = directive && (await directiveById(db, viewer, input.directiveId));
  if (!directive || !visible) {
    fail("NOT_FOUND", "error.directiveNotFound", { id: input.directiveId });
  }
  let assignerAgencyId = directive.trackingAgencyId;
  if (input.parentId === null) {
    if (!canAddTask(viewer, directive)) fail("FORBIDDEN", "error.forbidden");
  } else {
    const parent = await taskFacts(db, input.parentId);
    if (!parent || parent.directiveId !== input.directiveId || !canSeeTask(viewer, parent)) {
      fail("NOT_FOUND", "error.parentNotFound", { id: input.parentId }, "parentId");
    }
    if (!taskPermissions(viewer, parent).canBreakDown) fail("FORBIDDEN", "error.forbidden");
    assignerAgencyId = taskActors(viewer, parent).has("assigner_officer")
      ? parent.assignerAgencyId
      : user.agencyId;
  }
  const now = actor.clock.now();
  await checkAgencies(db, input.leadAgencyId, input.coordinatorAgencyIds, {
    issuedOn: directive.issuedOn,
    today: vnDate(now),
  });
  const { coordinatorAgencyIds, ...task } = input;
  const written = resolveDeadline(
    { kind: input.deadlineKind, deadline: input.deadline, days: input.deadlineDays },
    { issuedOn: directive.issuedOn, calendar: await loadCalendar(db) },
  );
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const id = await insertTask(
      trx,
      {
        ...task,
        deadline: written.deadline,
        deadlineKind: written.kind,
        deadlineDays: written.days,
        assignerAgencyId,
        createdBy: user.id,
        createdAt: at,
      },
      coordinatorAgencyIds,
    );
    await appendTaskEvents(trx, [
      { taskId: id, actorId: user.id, at, kind: "created", newValue: input.title },
    ]);
    return { id };
  });
}

/** An officer of the assigning agency corrects an open task; new agencies must exist today. */
export async function editTask(
  actor: Actor,
  input: z.output<typeof taskUpdateInput>,
): Promise<{ id: number; version: number }> {
  const facts = await findVisibleTask(actor, input.id);
  if (!taskPermissions(actor.viewer, facts).canEdit) fail("FORBIDDEN", "error.forbidden");
  const now = actor.clock.now();
  const directive = await directiveFacts(actor.db, facts.directiveId);
  const written = resolveDeadline(
    { kind: input.deadlineKind, deadline: input.deadline, days: input.deadlineDays },
    { issuedOn: directive?.issuedOn ?? vnDate(now), calendar: await loadCalendar(actor.db) },
  );
  const change = editChange(
    facts,
    {
      ...input,
      deadline: written.deadline,
      deadlineKind: written.kind,
      deadlineDays: written.days,
    },
    { actorId: actor.user.id, now },
  );
  const { leadAgencyId, coordinatorAgencyIds } = change.patch;
  if (leadAgencyId !== undefined || coordinatorAgencyIds !== undefined) {
    await checkAgencies(actor.db, input.leadAgencyId, input.coordinatorAgencyIds, {
      issuedOn: directive?.issuedOn ?? vnDate(now),
      today: vnDate(now),
    });
  }
  const version = await actor.db
    .transaction()
    .execute((trx) => writeTaskChange(trx, input.id, input.version, change, now.toISOString()));
  return { id: input.id, version };
}

/** Moves the task along the workflow (shared/task-status.ts), by those the table allows. */
export async function changeTaskStatus(
  actor: Actor,
  input: z.output<typeof taskSetStatusInput>,
): Promise<{ id: number; status: TaskStatus; version: number }> {
  const facts = await findVisibleTask(actor, input.id);
  checkStatusChange(facts, actor.viewer, input.status, input.note);
  const now = actor.clock.now();
  const change = statusChange(facts, input.status, input.note, { actorId: actor.user.id, now });
  const version = await actor.db
    .transaction()
    .execute((trx) => writeTaskChange(trx, input.id, input.version, change, now.toISOString()));
  return { id: input.id, status: input.status, version };
}

/**
 * The lead agency changes the progress while the task is being worked on, without a report (a
 * lower progress needs a reason in the note). Only reports become the task's last report.
 */
export async function reportTaskProgress(
  actor: Actor,
  input: z.output<typeof taskSetProgressInput>,
): Promise<{ id: number; version: number }> {
  const facts = await findVisibleTask(actor, input.id);
  if (!taskActors(actor.viewer, facts).has("lead")) fail("FORBIDDEN", "error.forbidden");
  if (!taskPermissions(actor.viewer, facts).canUpdateProgress) {
    fail("BAD_REQUEST", "error.progressClosed", { status: facts.status }, "progress");
  }
  if (input.progress < facts.progress && input.note === "") {
    fail(
      "BAD_REQUEST",
      "error.progressLowered",
      { from: facts.progress, to: input.progress },
      "note",
    );
  }
  const now = actor.clock.now();
  const change = progressChange(facts, input.progress, input.note, {
    actorId: actor.user.id,
    now,
  });
  const version = await actor.db
    .transaction()
    .execute((trx) => writeTaskChange(trx, input.id, input.version, change, now.toISOString()));
  return { id: input.id, version };
}

/** The same note in the history of every task, all in one transaction. */
async function appendNotes(actor: Actor, tasks: readonly TaskFacts[], note: string) {
  for (const task of tasks) {
    if (!taskPermissions(actor.viewer, task).canAddNote) fail("FORBIDDEN", "error.forbidden");
  }
  const at = actor.clock.now().toISOString();
  const actorId = actor.user.id;
  await actor.db.transaction().execute((trx) =>
    appendTaskEvents(
      trx,
      tasks.map((task): NewTaskEvent => ({ taskId: task.id, actorId, at, kind: "note", note })),
    ),
  );
}

/** A note in the task's history, by anyone who may see the task (coordinating agencies too). */
export async function addTaskNote(
  actor: Actor,
  input: z.output<typeof taskAddNoteInput>,
): Promise<{ id: number }> {
  await appendNotes(actor, [await findVisibleTask(actor, input.id)], input.note);
  return { id: input.id };
}

/**
 * Chooses which successor follows the task up, when its lead agency has ended and had several
 * (a ministry split in 2025); null goes back to the default successor. By those who may edit the
 * task; written to its history and its state, so figures as of earlier days do not move.
 */
export async function chooseTaskSuccessor(
  actor: Actor,
  input: z.output<typeof taskSetSuccessorInput>,
): Promise<{ id: number; version: number }> {
  const facts = await findVisibleTask(actor, input.id);
  if (!taskPermissions(actor.viewer, facts).canEdit) fail("FORBIDDEN", "error.forbidden");
  if (input.successorAgencyId !== null) {
    const lead = await agencyById(actor.db, facts.leadAgencyId);
    const successors = await successorsOf(actor.db, facts.leadAgencyId);
    if (!lead || !successors.some((agency) => agency.id === input.successorAgencyId)) {
      fail(
        "BAD_REQUEST",
        "error.notASuccessor",
        { id: input.successorAgencyId, name: lead?.name ?? "" },
        "successorAgencyId",
      );
    }
  }
  const now = actor.clock.now();
  const change = successorChange(facts, input.successorAgencyId, {
    actorId: actor.user.id,
    now,
  });
  const version = await actor.db
    .transaction()
    .execute((trx) => writeTaskChange(trx, input.id, input.version, change, now.toISOString()));
  return { id: input.id, version };
}
