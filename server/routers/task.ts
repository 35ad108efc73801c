import { agenciesByIds } from "../../db/agency.ts";
import { directiveById, directiveFacts } from "../../db/directive.ts";
import type { Db } from "../../db/open.ts";
import {
  appendTaskEvents,
  countByTimeliness,
  insertTask,
  listTasks,
  type NewTaskEvent,
  replaceCoordinators,
  type TaskFacts,
  type TaskPatch,
  taskDetail,
  taskEvents,
  taskFacts,
  taskFactsByIds,
  updateTask,
} from "../../db/task.ts";
import { isAgencyActiveOn } from "../../shared/agency.ts";
import { deadlineInForce, formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import {
  canAddTask,
  canSeeTask,
  taskActors,
  taskPermissions,
  type Viewer,
} from "../../shared/permission.ts";
import {
  taskAddNoteInput,
  taskAddNotesInput,
  taskCreateInput,
  taskListInput,
  taskSetProgressInput,
  taskSetStatusInput,
  taskUpdateInput,
} from "../../shared/task.ts";
import { checkTransition, type TaskStatus } from "../../shared/task-status.ts";
import { foldText } from "../../shared/text.ts";
import { byIdInput } from "../../shared/validation.ts";
import { fail } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";

/** The task if the viewer may see it; anyone else learns nothing, not even that it exists. */
export async function visibleTask(db: Db, viewer: Viewer, id: number): Promise<TaskFacts> {
  const facts = await taskFacts(db, id);
  if (!facts || !canSeeTask(viewer, facts)) fail("NOT_FOUND", "error.taskNotFound", { id });
  return facts;
}

/** Lead and coordinating agencies must exist on the day of assignment (no merged-away units). */
async function checkAgencies(
  db: Db,
  leadAgencyId: number,
  coordinatorIds: number[],
  today: IsoDate,
) {
  const ids = [leadAgencyId, ...coordinatorIds];
  const agencies = new Map((await agenciesByIds(db, ids)).map((a) => [a.id, a]));
  for (const id of ids) {
    const field = id === leadAgencyId ? "leadAgencyId" : "coordinatorAgencyIds";
    const agency = agencies.get(id);
    if (!agency) fail("BAD_REQUEST", "error.agencyNotFound", { id }, field);
    if (!isAgencyActiveOn(agency, today)) {
      fail(
        "BAD_REQUEST",
        "error.agencyInactive",
        { name: agency.name, date: formatDate(today) },
        field,
      );
    }
  }
}

function searchTextOf(task: { clause: string; title: string; description: string }) {
  return foldText(`${task.clause} ${task.title} ${task.description}`);
}

function sortedIds(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((x, y) => x - y);
}

function sameIds(a: readonly number[], b: readonly number[]) {
  const left = sortedIds(a);
  const right = sortedIds(b);
  return left.length === right.length && left.every((id, i) => id === right[i]);
}

/**
 * Checks a status change against the workflow table; throws the error the user sees. Shared by
 * task.setStatus and report.complete (reporting done with evidence).
 */
export function checkStatusChange(
  facts: TaskFacts,
  viewer: Viewer,
  to: TaskStatus,
  note: string,
): void {
  const check = checkTransition(facts.status, to, taskActors(viewer, facts), note);
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
    case "note_required":
      fail("BAD_REQUEST", "error.noteRequired", {}, "note");
      break;
  }
}

/**
 * The task patch and history rows of a checked status change: reporting done sets the done date
 * to today in Vietnam (it decides on time or late) and progress to 100.
 */
export function statusChange(
  facts: TaskFacts,
  to: TaskStatus,
  note: string,
  actorId: number,
  now: Date,
): { patch: TaskPatch; events: NewTaskEvent[] } {
  const at = now.toISOString();
  const patch: TaskPatch = { status: to };
  if (to === "reported_done") {
    patch.doneOn = vnDate(now);
    patch.progress = 100;
  } else if (to !== "completed") {
    patch.doneOn = null;
  }
  if (to === "completed") patch.progress = 100;
  const base = { taskId: facts.id, actorId, at };
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
  if (note !== "") {
    patch.lastProgressAt = at;
    patch.lastProgressNote = note;
  }
  return { patch, events };
}

/**
 * What reporting progress changes: progress, the last progress note, and not_started →
 * in_progress when work is reported (progress > 0). Shared by task.setProgress and the lead
 * agency's progress reports (report.create).
 */
export function progressChange(
  facts: TaskFacts,
  progress: number,
  note: string,
  actorId: number,
  at: string,
): { patch: TaskPatch; events: NewTaskEvent[] } {
  const base = { taskId: facts.id, actorId, at };
  const patch: TaskPatch = { progress, lastProgressAt: at, lastProgressNote: note };
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
  return { patch, events };
}

export const taskRouter = router({
  list: authedProcedure
    .input(taskListInput)
    .query(({ ctx, input }) => listTasks(ctx.db, ctx.viewer, input, vnDate(ctx.clock.now()))),

  /** How many of the listed tasks fall in each timeliness category. */
  counts: authedProcedure
    .input(taskListInput)
    .query(({ ctx, input }) =>
      countByTimeliness(ctx.db, ctx.viewer, input, vnDate(ctx.clock.now())),
    ),

  byId: authedProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.id);
    const today = vnDate(ctx.clock.now());
    const task = await taskDetail(ctx.db, ctx.viewer, input.id, today);
    if (!task) fail("NOT_FOUND", "error.taskNotFound", { id: input.id });
    return {
      task,
      events: await taskEvents(ctx.db, input.id),
      permissions: taskPermissions(ctx.viewer, facts),
    };
  }),

  create: authedProcedure.input(taskCreateInput).mutation(async ({ ctx, input }) => {
    const directive = await directiveFacts(ctx.db, input.directiveId);
    const visible = directive && (await directiveById(ctx.db, ctx.viewer, input.directiveId));
    if (!directive || !visible) {
      fail("NOT_FOUND", "error.directiveNotFound", { id: input.directiveId });
    }
    let assignerAgencyId = directive.trackingAgencyId;
    if (input.parentId === null) {
      if (!canAddTask(ctx.viewer, directive)) fail("FORBIDDEN", "error.forbidden");
    } else {
      const parent = await taskFacts(ctx.db, input.parentId);
      if (!parent || parent.directiveId !== input.directiveId || !canSeeTask(ctx.viewer, parent)) {
        fail("NOT_FOUND", "error.parentNotFound", { id: input.parentId }, "parentId");
      }
      if (!taskPermissions(ctx.viewer, parent).canBreakDown) fail("FORBIDDEN", "error.forbidden");
      // The tracking agency breaks down for itself; a lead agency breaking its own task down
      // becomes the assigner of the sub-tasks and follows them up.
      assignerAgencyId = taskActors(ctx.viewer, parent).has("assigner_officer")
        ? parent.assignerAgencyId
        : ctx.user.agencyId;
    }
    const now = ctx.clock.now();
    const today = vnDate(now);
    await checkAgencies(ctx.db, input.leadAgencyId, input.coordinatorAgencyIds, today);
    return ctx.db.transaction().execute(async (trx) => {
      const id = await insertTask(
        trx,
        {
          directiveId: input.directiveId,
          parentId: input.parentId,
          clause: input.clause,
          title: input.title,
          description: input.description,
          leadAgencyId: input.leadAgencyId,
          assignerAgencyId,
          deadline: input.deadline,
          dueOn: input.deadline === null ? null : deadlineInForce(input.deadline),
          isKey: input.isKey,
          searchText: searchTextOf(input),
          createdBy: ctx.user.id,
          createdAt: now.toISOString(),
        },
        input.coordinatorAgencyIds,
      );
      await appendTaskEvents(trx, [
        {
          taskId: id,
          actorId: ctx.user.id,
          at: now.toISOString(),
          kind: "created",
          newValue: input.title,
        },
      ]);
      return { id };
    });
  }),

  update: authedProcedure.input(taskUpdateInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.id);
    if (!taskPermissions(ctx.viewer, facts).canEdit) fail("FORBIDDEN", "error.forbidden");
    const now = ctx.clock.now();
    const at = now.toISOString();
    const leadChanged = input.leadAgencyId !== facts.leadAgencyId;
    const coordinatorsChanged = !sameIds(input.coordinatorAgencyIds, facts.coordinatorAgencyIds);
    if (leadChanged || coordinatorsChanged) {
      await checkAgencies(ctx.db, input.leadAgencyId, input.coordinatorAgencyIds, vnDate(now));
    }
    const patch: TaskPatch = {};
    const events: NewTaskEvent[] = [];
    const base = { taskId: input.id, actorId: ctx.user.id, at };
    for (const field of ["clause", "title", "description"] as const) {
      if (input[field] !== facts[field]) {
        patch[field] = input[field];
        events.push({
          ...base,
          kind: "field",
          field,
          oldValue: facts[field],
          newValue: input[field],
        });
      }
    }
    if (input.isKey !== facts.isKey) {
      patch.isKey = input.isKey ? 1 : 0;
      events.push({
        ...base,
        kind: "field",
        field: "isKey",
        oldValue: String(facts.isKey),
        newValue: String(input.isKey),
      });
    }
    if (input.deadline !== facts.deadline) {
      // Editing corrects the assignment itself, so the original deadline follows; extensions
      // (granted on request) change only the deadline in force.
      patch.deadline = input.deadline;
      patch.dueOn = input.deadline === null ? null : deadlineInForce(input.deadline);
      patch.originalDeadline = patch.deadline;
      patch.originalDueOn = patch.dueOn;
      events.push({
        ...base,
        kind: "deadline",
        field: "deadline",
        oldValue: facts.deadline,
        newValue: input.deadline,
      });
    }
    if (leadChanged) {
      patch.leadAgencyId = input.leadAgencyId;
      events.push({
        ...base,
        kind: "assignment",
        field: "leadAgencyId",
        oldValue: String(facts.leadAgencyId),
        newValue: String(input.leadAgencyId),
      });
    }
    if (coordinatorsChanged) {
      events.push({
        ...base,
        kind: "assignment",
        field: "coordinatorAgencyIds",
        oldValue: JSON.stringify(sortedIds(facts.coordinatorAgencyIds)),
        newValue: JSON.stringify(sortedIds(input.coordinatorAgencyIds)),
      });
    }
    if (
      patch.clause !== undefined ||
      patch.title !== undefined ||
      patch.description !== undefined
    ) {
      patch.searchText = searchTextOf(input);
    }
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await updateTask(trx, input.id, input.version, patch, at))) {
        fail("CONFLICT", "error.staleVersion", { id: input.id });
      }
      if (coordinatorsChanged) await replaceCoordinators(trx, input.id, input.coordinatorAgencyIds);
      await appendTaskEvents(trx, events);
      return { id: input.id, version: input.version + 1 };
    });
  }),

  setStatus: authedProcedure.input(taskSetStatusInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.id);
    checkStatusChange(facts, ctx.viewer, input.status, input.note);
    const now = ctx.clock.now();
    const at = now.toISOString();
    const { patch, events } = statusChange(facts, input.status, input.note, ctx.user.id, now);
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await updateTask(trx, input.id, input.version, patch, at))) {
        fail("CONFLICT", "error.staleVersion", { id: input.id });
      }
      await appendTaskEvents(trx, events);
      return { id: input.id, status: input.status, version: input.version + 1 };
    });
  }),

  setProgress: authedProcedure.input(taskSetProgressInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.id);
    if (!taskActors(ctx.viewer, facts).has("lead")) fail("FORBIDDEN", "error.forbidden");
    if (!taskPermissions(ctx.viewer, facts).canUpdateProgress) {
      fail("BAD_REQUEST", "error.progressClosed", { status: facts.status }, "progress");
    }
    const at = ctx.clock.now().toISOString();
    const { patch, events } = progressChange(facts, input.progress, input.note, ctx.user.id, at);
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await updateTask(trx, input.id, input.version, patch, at))) {
        fail("CONFLICT", "error.staleVersion", { id: input.id });
      }
      await appendTaskEvents(trx, events);
      return { id: input.id, version: input.version + 1 };
    });
  }),

  /** A note in the task's history, by anyone who may see the task (coordinating agencies too). */
  addNote: authedProcedure.input(taskAddNoteInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.id);
    if (!taskPermissions(ctx.viewer, facts).canAddNote) fail("FORBIDDEN", "error.forbidden");
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await appendTaskEvents(trx, [
        { taskId: input.id, actorId: ctx.user.id, at, kind: "note", note: input.note },
      ]);
    });
    return { id: input.id };
  }),

  /**
   * The same note on several tasks ("Đôn đốc"): every task is checked first (NOT_FOUND names the
   * first one the viewer may not see), then all the notes are written in one transaction.
   */
  addNotes: authedProcedure.input(taskAddNotesInput).mutation(async ({ ctx, input }) => {
    const facts = await taskFactsByIds(ctx.db, input.ids);
    const tasks = input.ids.map((id) => {
      const task = facts.get(id);
      if (!task || !canSeeTask(ctx.viewer, task)) fail("NOT_FOUND", "error.taskNotFound", { id });
      return task;
    });
    for (const task of tasks) {
      if (!taskPermissions(ctx.viewer, task).canAddNote) fail("FORBIDDEN", "error.forbidden");
    }
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await appendTaskEvents(
        trx,
        tasks.map(
          (task): NewTaskEvent => ({
            taskId: task.id,
            actorId: ctx.user.id,
            at,
            kind: "note",
            note: input.note,
          }),
        ),
      );
    });
    return { count: tasks.length };
  }),
});
