import { agencyById } from "../../db/agency.ts";
import { appendAudit } from "../../db/audit.ts";
import { insertUser, listUsers, userById, usernameExists } from "../../db/user.ts";
import { userCreateInput, userListInput } from "../../shared/user.ts";
import { fail } from "../errors.ts";
import { hashPassword } from "../password.ts";
import { roleProcedure, router } from "../trpc.ts";

const adminProcedure = roleProcedure("admin");

export const userRouter = router({
  list: adminProcedure.input(userListInput).query(({ ctx, input }) => listUsers(ctx.db, input)),

  create: adminProcedure.input(userCreateInput).mutation(async ({ ctx, input }) => {
    const agency = await agencyById(ctx.db, input.agencyId);
    if (!agency) fail("BAD_REQUEST", "error.agencyNotFound", { id: input.agencyId }, "agencyId");
    if (await usernameExists(ctx.db, input.username)) {
      fail("CONFLICT", "error.usernameTaken", { username: input.username }, "username");
    }
    const passwordHash = await hashPassword(input.password);
    const now = ctx.clock.now().toISOString();
    const id = await ctx.db.transaction().execute(async (trx) => {
      const userId = await insertUser(trx, {
        username: input.username,
        passwordHash,
        fullName: input.fullName,
        agencyId: input.agencyId,
        role: input.role,
        createdAt: now,
      });
      await appendAudit(trx, {
        actorId: ctx.user.id,
        at: now,
        action: "create",
        entity: "user",
        entityId: userId,
        detail: { username: input.username, role: input.role, agencyId: input.agencyId },
      });
      return userId;
    });
    return userById(ctx.db, id);
  }),
});
