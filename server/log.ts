import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, Response } from "express";
import { type Logger, pino } from "pino";
import { pinoHttp } from "pino-http";

export type { Logger };

/**
 * Structured logs (pino): one JSON line per request and per error on standard output. Requests
 * are logged by method, path, status, duration, user id and tRPC procedure only: never headers
 * (cookies), bodies (passwords) or query strings (inputs).
 */
export function createLogger(options: { level?: string } = {}): Logger {
  return pino({ level: options.level ?? "info", base: { app: "dondoc" } });
}

/** A logger that writes nothing: the default of tests. */
export const silentLogger: Logger = pino({ level: "silent" });

/** The tRPC procedures a request under /trpc calls ("task.byId", or "a,b" for a batch). */
function procedureOf(req: IncomingMessage): string | undefined {
  const url = req.url ?? "";
  const path = url.split("?", 1)[0] ?? "";
  if (!path.startsWith("/trpc/")) return undefined;
  const last = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Where the signed-in user's id is left for the request log (server/http.ts sets it). */
export function noteUser(res: Response, userId: number): void {
  res.locals.userId = userId;
}

function userOf(res: ServerResponse): number | undefined {
  const locals: unknown = Reflect.get(res, "locals");
  const id: unknown = locals && typeof locals === "object" ? Reflect.get(locals, "userId") : null;
  return typeof id === "number" ? id : undefined;
}

/** One line per request: method, path, status, duration (ms), user id, procedure. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customProps: (req, res) => ({ userId: userOf(res), procedure: procedureOf(req) }),
    serializers: {
      req: (req: Request) => ({ method: req.method, path: (req.url ?? "").split("?", 1)[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode} failed`,
  });
}
