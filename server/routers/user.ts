import { listUsers } from "../../db/user.ts";
import { userCreateInput, userListInput } from "../../shared/user.ts";
import { createUser } from "../domain/user.ts";
import { roleProcedure, router } from "../trpc.ts";

const adminProcedure = roleProcedure("admin");

export const userRouter = router({
  list: adminProcedure.input(userListInput).query(({ ctx, input }) => listUsers(ctx.db, input)),

  create: adminProcedure
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx, input)),
});
