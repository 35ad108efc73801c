import type { ServerResponse } from "node:http";
import type { TRPCRequestInfo } from "@trpc/server/http";
import type { Request, Response } from "express";
import { type Language, languageFromHeader } from "../shared/i18n/language.ts";
import { encodeMessage } from "../shared/message.ts";
import { type AppDeps, type Context, resolveSession } from "./context.ts";
import { fail } from "./errors.ts";
import { translateMessage } from "./i18n.ts";
import { noteUser } from "./log.ts";
import { SESSION_COOKIE } from "./session.ts";

/** What Express requests give the server: the session, the language, error answers. */

/**
 * Of the security headers, those that bear on a script, a style or an API answer: not to be taken
 * for another kind of content (nosniff), not to be read by another site (CORP). The page's
 * policies (CSP, framing, referrer...) govern documents and come with the page (helmet).
 */
export function setResourceHeaders(res: ServerResponse): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}

/** The request's language, from its Accept-Language header. */
export function languageOfRequest(req: Request): Language {
  return languageFromHeader(req.headers["accept-language"]);
}

/** The token of the request's session cookie, if it has one. */
export function sessionTokenOf(req: Request): string | undefined {
  const token: unknown = req.cookies?.[SESSION_COOKIE];
  return typeof token === "string" ? token : undefined;
}

/**
 * The signed-in user of the request's session cookie and what they see through, or nulls; the
 * user's id goes to the request log.
 */
export async function sessionOfRequest(deps: AppDeps, req: Request, res: Response) {
  const session = await resolveSession(deps.db, deps.clock, sessionTokenOf(req));
  if (session.user) noteUser(res, session.user.id);
  return session;
}

/** The client's address: the socket's, or the one a proxy on loopback forwarded ("trust proxy"). */
export function addressOfRequest(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * The tRPC context of an Express request: its session, its language, its address and its cookie
 * jar. A batch that calls an auth procedure is refused whole: one request, one sign-in attempt.
 */
export function expressContext(deps: AppDeps) {
  return async ({
    req,
    res,
    info,
  }: {
    req: Request;
    res: Response;
    info: TRPCRequestInfo;
  }): Promise<Context> => {
    if (info.isBatchCall && info.calls.some((call) => call.path.startsWith("auth."))) {
      fail("BAD_REQUEST", "trust.authBatch");
    }
    return {
      db: deps.db,
      clock: deps.clock,
      dataDir: deps.dataDir,
      language: languageOfRequest(req),
      address: addressOfRequest(req),
      demo: deps.demo ?? false,
      ...(deps.reads ? { reads: deps.reads } : {}),
      ...(deps.durable ? { durable: deps.durable } : {}),
      ...(await sessionOfRequest(deps, req, res)),
      cookies: {
        setSession(value, maxAgeMs) {
          res.cookie(SESSION_COOKIE, value, {
            httpOnly: true,
            sameSite: "lax",
            secure: deps.secureCookies,
            path: "/",
            maxAge: maxAgeMs,
          });
        },
        clearSession() {
          res.clearCookie(SESSION_COOKIE, { path: "/" });
        },
      },
    };
  };
}

const STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type HttpErrorCode = keyof typeof STATUS;

/**
 * The error answer of the plain HTTP routes, shaped as tRPC's: `{ error: { message, code } }`
 * with the HTTP status of the code and the message in the request's language.
 */
export function sendError(
  req: Request,
  res: Response,
  code: HttpErrorCode,
  key: string,
  params?: Record<string, string | number>,
): void {
  const message = translateMessage(languageOfRequest(req), encodeMessage(key, params));
  res.status(STATUS[code]).json({ error: { message, code } });
}
