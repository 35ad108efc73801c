import { outboxListInput } from "../../shared/urge-input.ts";
import { viewOutbox } from "../domain/mail.ts";
import { roleProcedure, router } from "../trpc.ts";

export const outboxRouter = router({
  /** The mail waiting, sent or failed (read in the app when SMTP is not configured). */
  list: roleProcedure("admin")
    .input(outboxListInput)
    .query(({ ctx, input }) => viewOutbox(ctx, input)),
});
