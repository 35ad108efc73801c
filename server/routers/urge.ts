import { urgeLetterInput, urgeSendInput, urgingRuleInput } from "../../shared/urge-input.ts";
import { downloadUrgeLetter, sendUrge, setUrgingRule, viewUrgingRule } from "../domain/urge.ts";
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

  /** When the user's agency reminds and escalates its tasks (the defaults until set). */
  rule: roleProcedure("officer", "leader").query(({ ctx }) => viewUrgingRule(ctx)),

  /** An officer sets its agency's urging rule. */
  setRule: roleProcedure("officer")
    .input(urgingRuleInput)
    .mutation(({ ctx, input }) => setUrgingRule(ctx, input)),
});
