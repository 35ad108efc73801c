import { vnDate } from "../../shared/date.ts";
import { loginInput } from "../../shared/user.ts";
import { logIn, logOut } from "../domain/user.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => logIn(ctx, input)),

  logout: authedProcedure.mutation(({ ctx }) => logOut(ctx)),

  /**
   * The signed-in user, or null; with the server's "today" (the Vietnam date of its clock), which
   * the browser uses instead of its own clock wherever a date is decided.
   */
  me: publicProcedure.query(({ ctx }) =>
    ctx.user === null ? null : { ...ctx.user, today: vnDate(ctx.clock.now()) },
  ),
});
