import { loginInput } from "../../shared/user.ts";
import { logIn, logOut } from "../domain/user.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => logIn(ctx, input)),

  logout: authedProcedure.mutation(({ ctx }) => logOut(ctx)),

  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
