import type { Db } from "./open.ts";

/**
 * Appends the task's present state to task_state, valid from `at`. Call after every change of
 * a task, inside the change's transaction. INSERT … SELECT copies the row as the database has it.
 */
export async function recordTaskState(db: Db, taskId: number, at: string): Promise<void> {
  await db
    .insertInto("taskState")
    .columns([
      "taskId",
      "validFrom",
      "directiveId",
      "parentId",
      "leadAgencyId",
      "isKey",
      "status",
      "deadline",
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
          s.val(at).as("validFrom"),
          "task.directiveId",
          "task.parentId",
          "task.leadAgencyId",
          "task.isKey",
          "task.status",
          "task.deadline",
          "task.dueOn",
          "task.originalDueOn",
          "task.doneOn",
          "task.progress",
        ])
        .where("task.id", "=", taskId),
    )
    .execute();
}
