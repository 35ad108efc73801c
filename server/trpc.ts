import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { type AuditEntry, appendAudits } from "../db/audit.ts";
import type { Db } from "../db/open.ts";
import { pendingAccountStep, type Role } from "../shared/user.ts";
import type { Context } from "./context.ts";
import { FieldCause, fail } from "./errors.ts";
import { translateMessage } from "./i18n.ts";
import { policyOf } from "./policy.ts";

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

const REFUSALS = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "TOO_MANY_REQUESTS"]);

/** The ids an input names (never its text: no password or note reaches the log). */
function idsOf(input: unknown): Record<string, number | number[]> {
  const ids: Record<string, number | number[]> = {};
  if (!input || typeof input !== "object") return ids;
  for (const [key, value] of Object.entries(input)) {
    if (!/^(id|ids|[a-z]+Id)$/.test(key)) continue;
    if (typeof value === "number" && Number.isSafeInteger(value)) ids[key] = value;
    if (Array.isArray(value) && value.every((id) => Number.isSafeInteger(id))) {
      ids[key] = value.slice(0, 100);
    }
  }
  return ids;
}

/**
 * The request-log rows of a moment (this turn of the event loop), written together: one statement
 * and one commit for the changes of many users instead of one each. Resolves once they are
 * written; a failure is the caller's to log.
 */
type RequestLogBatch = { entries: AuditEntry[]; open: boolean; written: Promise<void> };
/** Each database's latest batch, open to new rows until its moment ends. */
const requestLogs = new WeakMap<Db, RequestLogBatch>();
function logRequest(db: Db, entry: AuditEntry): Promise<void> {
  const last = requestLogs.get(db);
  if (last?.open) {
    last.entries.push(entry);
    return last.written;
  }
  const batch: RequestLogBatch = {
    entries: [entry],
    open: true,
    written: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      batch.open = false;
      return appendAudits(db, batch.entries);
    }),
  };
  requestLogs.set(db, batch);
  return batch.written;
}

/**
 * Resolves once the request-log rows asked for until now are written (or failed): the group
 * commit waits for it before a flush (server/durability.ts `before`), so that a change and its
 * request's row go to disk together, and a change waits for one flush, not for its row first.
 */
export function requestLogWritten(db: Db): Promise<unknown> {
  // The latest batch: batches are written in order, on the database's one connection.
  return requestLogs.get(db)?.written.catch(() => undefined) ?? Promise.resolve();
}

/**
 * The request log in the audit table: every call that changed something (a mutation that
 * succeeded) and every refusal (not signed in, forbidden, not found, throttled), with who, when,
 * from where, which procedure and which objects. Procedures whose domain action writes its own
 * audit rows (server/policy.ts `selfAudited`) log only their refusals. Written after the call,
 * with the other requests of the moment (`logRequest`), so a failure to write it does not undo the
 * change.
 */
const recordRequests = t.middleware(async ({ ctx, path, type, next, getRawInput }) => {
  const result = await next();
  const refusal = result.ok ? null : result.error.code;
  let logged: Promise<void> | undefined;
  const recorded =
    (refusal !== null && REFUSALS.has(refusal)) ||
    (result.ok && type === "mutation" && !policyOf(path)?.selfAudited);
  if (recorded) {
    const ids = idsOf(await getRawInput().catch(() => undefined));
    const entityId = [ids.id, ids.taskId, ids.directiveId].find((id) => typeof id === "number");
    logged = logRequest(ctx.db, {
      actorId: ctx.user?.id ?? null,
      at: ctx.clock.now().toISOString(),
      action: path,
      entity: refusal === null ? "request" : "refusal",
      entityId: typeof entityId === "number" ? entityId : null,
      agencyId: ctx.user?.agencyId ?? null,
      address: ctx.address,
      detail: { ...(refusal === null ? {} : { code: refusal }), ...ids },
    }).catch(() => undefined);
  }
  // A change is answered once it is on disk (group commit, server/durability.ts), with its row
  // of the request log: the flush waits for the moment's rows (`requestLogWritten`).
  if (result.ok && type === "mutation") await ctx.durable?.();
  await logged;
  return result;
});

export const publicProcedure = t.procedure.use(recordRequests);

/**
 * Signed in, whatever the account still has to do first (change a one-time password, turn on the
 * second factor): for the procedures that do those steps. `ctx.user` and `ctx.viewer` are there.
 */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
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
