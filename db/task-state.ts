import type { Db } from "./open.ts";

/**
 * Appends the task's present state to task_state, valid from `at` (or from the present state's
 * start, if a clock gave an earlier instant, so that the intervals never overlap), and closes the
 * state it replaces. Call after every change of a task, inside the change's transaction.
 * INSERT … SELECT copies the row and its coordinators as the database has them.
 */
export async function recordTaskState(db: Db, taskId: number, at: string): Promise<void> {
  const open = await db
    .selectFrom("taskState")
    .select(["taskState.id", "taskState.validFrom"])
    .where("taskState.taskId", "=", taskId)
    .where("taskState.validTo", "is", null)
    .executeTakeFirst();
  const validFrom = open && open.validFrom > at ? open.validFrom : at;
  if (open) {
    await db
      .updateTable("taskState")
      .set({ validTo: validFrom })
      .where("taskState.id", "=", open.id)
      .execute();
  }
  const { id } = await db
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
          s.val(validFrom).as("validFrom"),
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
        .where("task.id", "=", taskId),
    )
    .returning("taskState.id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("taskStateCoordinator")
    .columns(["stateId", "agencyId"])
    .expression((eb) =>
      eb
        .selectFrom("taskCoordinator")
        .select((s) => [s.val(id).as("stateId"), "taskCoordinator.agencyId"])
        .where("taskCoordinator.taskId", "=", taskId),
    )
    .execute();
}
