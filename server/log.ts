import type { RequestHandler, Response } from "express";
import { type Logger, pino } from "pino";

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
function procedureOf(path: string): string | undefined {
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

function userOf(res: Response): number | undefined {
  const id: unknown = res.locals.userId;
  return typeof id === "number" ? id : undefined;
}

/**
 * One line per request once it has been answered (or abandoned by the client): method, path,
 * status, duration (ms), user id, procedure; at `error` for a 5xx, else `info`. Nothing is made
 * when that level is off. (pino-http, used before, made three child loggers and serialised the
 * request for each one whether or not it would write a line: 4–5 % of the server's CPU a status
 * change, issue 12.)
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once("close", () => {
      const status = res.statusCode;
      const level = status >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const ms = Math.round(performance.now() - started);
      // Express's own address of the request (a router mounted under a path cuts `url`).
      const path = req.originalUrl.split("?", 1)[0] ?? "";
      logger[level](
        {
          req: { method: req.method, path },
          res: { status },
          responseTime: ms,
          userId: userOf(res),
          procedure: procedureOf(path),
        },
        res.writableFinished
          ? `${req.method} ${status} ${ms} ms`
          : `${req.method} abandoned by the client after ${ms} ms`,
      );
    });
    next();
  };
}
