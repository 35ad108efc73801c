import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { pendingAccountStep, type Role } from "../shared/user.ts";
import type { Context } from "./context.ts";
import { FieldCause, fail } from "./errors.ts";
import { translateMessage } from "./i18n.ts";

/**
 * The one place that creates tRPC. Messages leave in the user's language; zod field errors go
 * out as `fieldErrors` (path → message) so forms can show them beside the field.
 */
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const language = ctx?.language ?? "vi";
    const fieldErrors: Record<string, string> = {};
    let message = error.message;
    if (error.cause instanceof ZodError) {
      for (const issue of error.cause.issues) {
        const path = issue.path.join(".");
        fieldErrors[path] ??= translateMessage(language, issue.message);
      }
      message = translateMessage(language, "error.badInput");
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      message = translateMessage(language, "error.internal");
    } else {
      message = translateMessage(language, error.message);
      if (error.cause instanceof FieldCause) fieldErrors[error.cause.field] = message;
    }
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

/**
 * Signed in, whatever the account still has to do first (change a one-time password, turn on the
 * second factor): for the procedures that do those steps. `ctx.user` and `ctx.viewer` are there.
 */
export const accountProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.viewer || !ctx.sessionId) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "error.unauthenticated" });
  }
  return next({ ctx: { ...ctx, user: ctx.user, viewer: ctx.viewer, sessionId: ctx.sessionId } });
});

/** Signed in, with no account step pending (shared/user.ts `pendingAccountStep`). */
export const authedProcedure = accountProcedure.use(({ ctx, next }) => {
  const step = pendingAccountStep(ctx.user);
  if (step !== null) fail("FORBIDDEN", "trust.accountStep", { step });
  return next();
});

/** Signed in with one of these roles. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) fail("FORBIDDEN", "error.forbidden");
    return next();
  });
}
