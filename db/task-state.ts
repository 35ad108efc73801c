import type { Db } from "./open.ts";
import { preparedQuery } from "./prepared.ts";

/**
 * Appends the task's present state to task_state, valid from `at` (or from the present state's
 * start, if a clock gave an earlier instant, so that the intervals never overlap), and closes the
 * state it replaces. Call after every change of a task, inside the change's transaction.
 * INSERT … SELECT copies the row and its coordinators as the database has them.
 */
export async function recordTaskState(db: Db, taskId: number, at: string): Promise<void> {
  const [open] = (await openState(db, { taskId })).rows;
  const validFrom = open && open.validFrom > at ? open.validFrom : at;
  if (open) await closeState(db, { id: open.id, validTo: validFrom });
  const [state] = (await copyTaskState(db, { taskId, validFrom })).rows;
  if (!state) throw new Error(`recordTaskState: no task ${taskId}`);
  await copyCoordinators(db, { stateId: state.id, taskId });
}

// Built once (db/prepared.ts): they run on every change of every task.
const openState = preparedQuery((db, p: { taskId: number }) =>
  db
    .selectFrom("taskState")
    .select(["taskState.id", "taskState.validFrom"])
    .where("taskState.taskId", "=", p.taskId)
    .where("taskState.validTo", "is", null),
);

const closeState = preparedQuery((db, p: { id: number; validTo: string }) =>
  db.updateTable("taskState").set({ validTo: p.validTo }).where("taskState.id", "=", p.id),
);

const copyTaskState = preparedQuery((db, p: { taskId: number; validFrom: string }) =>
  db
    .insertInto("taskState")
    .columns([
      "taskId",
      "validFrom",
      "directiveId",
      "parentId",
      "leadAgencyId",
      "assignerAgencyId",
      "successorAgencyId",
      "isKey",
      "status",
      "deadline",
      "deadlineKind",
      "dueOn",
      "originalDueOn",
      "doneOn",
      "progress",
    ])
    .expression((eb) =>
      eb
        .selectFrom("task")
        .select((s) => [
          "task.id",
          s.val(p.validFrom).as("validFrom"),
          "task.directiveId",
          "task.parentId",
          "task.leadAgencyId",
          "task.assignerAgencyId",
          "task.successorAgencyId",
          "task.isKey",
          "task.status",
          "task.deadline",
          "task.deadlineKind",
          "task.dueOn",
          "task.originalDueOn",
          "task.doneOn",
          "task.progress",
        ])
        .where("task.id", "=", p.taskId),
    )
    .returning("taskState.id"),
);

const copyCoordinators = preparedQuery((db, p: { stateId: number; taskId: number }) =>
  db
    .insertInto("taskStateCoordinator")
    .columns(["stateId", "agencyId"])
    .expression((eb) =>
      eb
        .selectFrom("taskCoordinator")
        .select((s) => [s.val(p.stateId).as("stateId"), "taskCoordinator.agencyId"])
        .where("taskCoordinator.taskId", "=", p.taskId),
    ),
);
