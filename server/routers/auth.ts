import { appendAudit } from "../../db/audit.ts";
import { deleteSession, insertSession } from "../../db/session.ts";
import { credentialsByUsername, userById } from "../../db/user.ts";
import { vnDate } from "../../shared/date.ts";
import { loginInput } from "../../shared/user.ts";
import { fail } from "../errors.ts";
import { decoyPasswordHash, verifyPassword } from "../password.ts";
import { newSessionToken, SESSION_HOURS, sessionIdFromToken } from "../session.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const username = input.username.toLowerCase();
    const credentials = await credentialsByUsername(ctx.db, username);
    const valid =
      credentials?.isActive === true
        ? await verifyPassword(credentials.passwordHash, input.password)
        : await verifyPassword(await decoyPasswordHash(), input.password).then(() => false);
    const now = ctx.clock.now();
    if (!valid || !credentials) {
      await appendAudit(ctx.db, {
        actorId: null,
        at: now.toISOString(),
        action: "login_failed",
        entity: "user",
        entityId: credentials?.id ?? null,
        detail: { username },
      });
      fail("UNAUTHORIZED", "error.badCredentials");
    }
    const token = newSessionToken();
    const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await ctx.db.transaction().execute(async (trx) => {
      await insertSession(trx, {
        id: sessionIdFromToken(token),
        userId: credentials.id,
        createdAt: now.toISOString(),
        expiresAt: expires.toISOString(),
      });
      await appendAudit(trx, {
        actorId: credentials.id,
        at: now.toISOString(),
        action: "login",
        entity: "user",
        entityId: credentials.id,
      });
    });
    ctx.cookies.setSession(token, expires.getTime() - now.getTime());
    return userById(ctx.db, credentials.id);
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await ctx.db.transaction().execute(async (trx) => {
      await deleteSession(trx, ctx.sessionId);
      await appendAudit(trx, {
        actorId: ctx.user.id,
        at: ctx.clock.now().toISOString(),
        action: "logout",
        entity: "user",
        entityId: ctx.user.id,
      });
    });
    ctx.cookies.clearSession();
    return { ok: true };
  }),

  /**
   * The signed-in user, or null; with the server's "today" (the Vietnam date of its clock), which
   * the browser uses instead of its own clock wherever a date is decided.
   */
  me: publicProcedure.query(({ ctx }) =>
    ctx.user === null ? null : { ...ctx.user, today: vnDate(ctx.clock.now()) },
  ),
});
