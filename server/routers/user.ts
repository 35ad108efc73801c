import { listUsers } from "../../db/user.ts";
import { preferencesInput } from "../../shared/urge-input.ts";
import {
  userCreateInput,
  userListInput,
  userSetActiveInput,
  userUpdateInput,
} from "../../shared/user-input.ts";
import { byIdInput } from "../../shared/validation.ts";
import {
  createUser,
  ownPreferences,
  resetPassword,
  resetSecondFactor,
  setAccountActive,
  setOwnPreferences,
  updateUser,
} from "../domain/user.ts";
import { authedProcedure, roleProcedure, router } from "../trpc.ts";

const adminProcedure = roleProcedure("admin");

export const userRouter = router({
  list: adminProcedure.input(userListInput).query(({ ctx, input }) => listUsers(ctx.db, input)),

  /** A new account with a one-time password, returned once. */
  create: adminProcedure
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx, input)),

  update: adminProcedure
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUser(ctx, input)),

  setActive: adminProcedure
    .input(userSetActiveInput)
    .mutation(({ ctx, input }) => setAccountActive(ctx, input)),

  /** A new one-time password, returned once; the account's sessions end. */
  resetPassword: adminProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input.id)),

  resetSecondFactor: adminProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) => resetSecondFactor(ctx, input.id)),

  /** The signed-in user's e-mail address and how and when they hear of notifications. */
  preferences: authedProcedure.query(({ ctx }) => ownPreferences(ctx)),

  setPreferences: authedProcedure
    .input(preferencesInput)
    .mutation(({ ctx, input }) => setOwnPreferences(ctx, input)),
});
