import { vnDate } from "../../shared/date.ts";
import { pendingAccountStep } from "../../shared/user.ts";
import {
  loginInput,
  passwordChangeInput,
  secondFactorDisableInput,
  secondFactorEnableInput,
} from "../../shared/user-input.ts";
import {
  changeOwnPassword,
  logIn,
  logOut,
  logOutEverywhere,
  startSecondFactor,
  turnOffSecondFactor,
  turnOnSecondFactor,
} from "../domain/user.ts";
import { accountProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => logIn(ctx, input)),

  logout: accountProcedure.mutation(({ ctx }) => logOut(ctx)),

  /** Ends every session of the user, this one included ("sign out everywhere"). */
  logoutEverywhere: accountProcedure.mutation(({ ctx }) => logOutEverywhere(ctx)),

  /**
   * The signed-in user, or null; with the step the account must take first, if any, and the
   * server's "today" (the Vietnam date of its clock), which the browser uses instead of its own
   * clock wherever a date is decided.
   */
  me: publicProcedure.query(({ ctx }) =>
    ctx.user === null
      ? null
      : { ...ctx.user, pendingStep: pendingAccountStep(ctx.user), today: vnDate(ctx.clock.now()) },
  ),

  /** How this server runs, for every page: demo mode shows a "demo data" banner. */
  mode: publicProcedure.query(({ ctx }) => ({ demo: ctx.demo })),

  changePassword: accountProcedure
    .input(passwordChangeInput)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx, input)),

  /** A new TOTP secret to scan (not in force until `enableSecondFactor` proves it). */
  startSecondFactor: accountProcedure.mutation(({ ctx }) => startSecondFactor(ctx)),

  enableSecondFactor: accountProcedure
    .input(secondFactorEnableInput)
    .mutation(({ ctx, input }) => turnOnSecondFactor(ctx, input)),

  disableSecondFactor: accountProcedure
    .input(secondFactorDisableInput)
    .mutation(({ ctx, input }) => turnOffSecondFactor(ctx, input)),
});
