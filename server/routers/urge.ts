import { urgeLetterInput, urgeSendInput } from "../../shared/urge.ts";
import { downloadUrgeLetter, sendUrge } from "../domain/urge.ts";
import { authedProcedure, roleProcedure, router } from "../trpc.ts";

export const urgeRouter = router({
  /** Urges tasks: a letter per lead agency, the urge in each task's history, notifications. */
  send: roleProcedure("officer", "leader")
    .input(urgeSendInput)
    .mutation(({ ctx, input }) => sendUrge(ctx, input)),

  /** An urging letter (.docx), for whoever may see every task it lists. */
  letter: authedProcedure
    .input(urgeLetterInput)
    .query(({ ctx, input }) => downloadUrgeLetter(ctx, input)),
});
