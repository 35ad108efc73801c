import { vnDate } from "../../shared/date.ts";
import {
  taskAddNoteInput,
  taskCreateInput,
  taskListInput,
  taskSetProgressInput,
  taskSetStatusInput,
  taskSetSuccessorInput,
  taskUpdateInput,
} from "../../shared/task-input.ts";
import { byIdInput } from "../../shared/validation.ts";
import {
  addTaskNote,
  changeTaskStatus,
  chooseTaskSuccessor,
  createTask,
  editTask,
  reportTaskProgress,
  viewSubTasks,
  viewTask,
} from "../domain/task.ts";
import { readsOf } from "../reads.ts";
import { authedProcedure, router } from "../trpc.ts";

export const taskRouter = router({
  list: authedProcedure
    .input(taskListInput)
    .query(({ ctx, input }) =>
      readsOf(ctx)("listTasks", ctx.viewer, input, vnDate(ctx.clock.now())),
    ),

  /** How many of the listed tasks fall in each timeliness category. */
  counts: authedProcedure
    .input(taskListInput)
    .query(({ ctx, input }) =>
      readsOf(ctx)("countByTimeliness", ctx.viewer, input, vnDate(ctx.clock.now())),
    ),

  byId: authedProcedure.input(byIdInput).query(({ ctx, input }) => viewTask(ctx, input.id)),

  /** Its breakdowns, theirs and so on, as the viewer may see them. */
  subTasks: authedProcedure.input(byIdInput).query(({ ctx, input }) => viewSubTasks(ctx, input.id)),

  create: authedProcedure
    .input(taskCreateInput)
    .mutation(({ ctx, input }) => createTask(ctx, input)),

  update: authedProcedure.input(taskUpdateInput).mutation(({ ctx, input }) => editTask(ctx, input)),

  setStatus: authedProcedure
    .input(taskSetStatusInput)
    .mutation(({ ctx, input }) => changeTaskStatus(ctx, input)),

  /** Which successor follows the task up when its lead agency was split. */
  setSuccessor: authedProcedure
    .input(taskSetSuccessorInput)
    .mutation(({ ctx, input }) => chooseTaskSuccessor(ctx, input)),

  setProgress: authedProcedure
    .input(taskSetProgressInput)
    .mutation(({ ctx, input }) => reportTaskProgress(ctx, input)),

  /** A note in the task's history, by anyone who may see the task (coordinating agencies too). */
  addNote: authedProcedure
    .input(taskAddNoteInput)
    .mutation(({ ctx, input }) => addTaskNote(ctx, input)),
});
