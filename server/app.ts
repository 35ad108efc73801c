import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import compression from "compression";
import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { auditRoutes } from "./audit-routes.ts";
import type { AppDeps } from "./context.ts";
import { evidenceRoutes } from "./evidence-routes.ts";
import { exportRoutes } from "./export-routes.ts";
import { expressContext, type HttpErrorCode, sendError, setResourceHeaders } from "./http.ts";
import { type Logger, noteUser, requestLogger, silentLogger } from "./log.ts";
import { paintedHeading } from "./page-heading.ts";
import { appRouter } from "./router.ts";
import { ASSETS_PATH, START_AFTER_PAINT_SOURCE, staticAssets } from "./static-assets.ts";

const CLIENT_DIST = fileURLToPath(new URL("../dist/client", import.meta.url));

/** The largest JSON body the API reads (a task with its description is a few kilobytes). */
export const MAX_JSON_BYTES = 1024 * 1024;

export type AppOptions = AppDeps & { logger?: Logger };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requests that change something must come from the app's own pages: a browser says where a
 * request comes from (Sec-Fetch-Site, Origin), and a form of another site, even one of the same
 * site on the intranet, must not sign a user out or file anything in their name.
 */
function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return sendError(req, res, "FORBIDDEN", "trust.crossSite");
  }
  const origin = req.get("origin");
  if (origin !== undefined && hostOf(origin) !== req.host) {
    return sendError(req, res, "FORBIDDEN", "trust.crossSite");
  }
  next();
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** tRPC mutations take JSON only: no form posts (multipart, urlencoded, text) reach them. */
function jsonOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || req.is("application/json") === "application/json") {
    return next();
  }
  sendError(req, res, "UNSUPPORTED_MEDIA_TYPE", "trust.jsonOnly");
}

/** Answers of the API and the files are never stored by browsers or proxies. */
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Cache-Control", "no-store");
  next();
}

function statusOf(error: unknown): number {
  if (error && typeof error === "object") {
    const status: unknown = Reflect.get(error, "status") ?? Reflect.get(error, "statusCode");
    if (typeof status === "number" && status >= 400 && status < 600) return status;
  }
  return 500;
}

const CODE_OF_STATUS: Record<number, HttpErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/**
 * The last word on any error: JSON like every other answer, in the user's language, without a
 * stack or a server path (those go to the log).
 */
function errorAnswer(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    const code = CODE_OF_STATUS[status];
    if (code === undefined) {
      logger.error({ err: error, path: req.path }, "request failed");
      return sendError(req, res, "INTERNAL_SERVER_ERROR", "error.internal");
    }
    const key = code === "PAYLOAD_TOO_LARGE" ? "trust.bodyTooLarge" : "trust.badRequest";
    sendError(req, res, code, key);
  };
}

/** The HTTP application: health check, tRPC at /trpc, files, exports and the built browser app. */
export function createApp(options: AppOptions): express.Express {
  const logger = options.logger ?? silentLogger;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestLogger(logger));
  // Ministries run intranet servers over plain HTTP: upgrading every request to https (and HSTS)
  // only when HTTPS is configured, else the page is blank at any host name but localhost.
  const documentHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", START_AFTER_PAINT_SOURCE],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies,
  });
  // The app's hashed scripts and styles (server/static-assets.ts sets theirs) and the API's answers
  // carry only the headers that apply to them: a page's policies (CSP, framing, referrer...) are
  // 600 bytes that HTTP/1.1 sends uncompressed with each of the first page's dozen files and each
  // answer, and setting them cost every status change more than the rest of its headers.
  app.use((req, res, next) => {
    if (req.path.startsWith(`${ASSETS_PATH}/`)) return next();
    if (req.path === "/trpc" || req.path.startsWith("/trpc/")) {
      setResourceHeaders(res);
      return next();
    }
    documentHeaders(req, res, next);
  });
  app.use(cookieParser());

  app.get("/healthz", async (_req, res) => {
    await options.db.selectFrom("agency").select("agency.id").limit(1).execute();
    res.setHeader("Cache-Control", "no-store");
    res.json({ status: "ok", time: options.clock.now().toISOString() });
  });

  // Queries' answers go out compressed (brotli or gzip, as the browser accepts); tRPC writes an
  // answer without announcing its length, so even small ones are. Changes (POST) answer with a
  // few hundred bytes: compressing those cost each status update more of the server's time
  // (a compressor started per answer) than it saved the link, and so did the middleware's
  // wrapping of an answer it would then not compress: changes do not go through it.
  const compressQueries = compression();
  app.use("/trpc", (req, res, next) =>
    req.method === "GET" ? compressQueries(req, res, next) : next(),
  );
  app.use(["/trpc", "/files", "/exports", "/audit"], noStore);
  app.use(sameOriginOnly);
  // Login attempts are throttled inside auth.login itself (server/login-throttle.ts), whatever
  // the URL's spelling; batches that call auth procedures are refused (server/http.ts).
  app.use(
    "/trpc",
    jsonOnly,
    createExpressMiddleware({
      router: appRouter,
      createContext: expressContext(options),
      maxBodySize: MAX_JSON_BYTES,
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          logger.error({ err: error, procedure: path }, "procedure failed");
        }
      },
    }),
  );

  // Evidence files: multipart upload and authorised download, beside tRPC.
  app.use(evidenceRoutes(options));

  // Excel exports: the finished file of an export job, for the user who started it.
  app.use(exportRoutes(options));

  // The audit log as CSV, for administrators and leaders.
  app.use(auditRoutes(options));

  if (existsSync(CLIENT_DIST)) {
    // Source maps stay on the server: production serves the app, not its sources.
    app.get(/\.map$/, (req, res) => sendError(req, res, "NOT_FOUND", "trust.notFound"));
    // A page the leader opens first comes with its heading written in (server/page-heading.ts),
    // its user noted in the request log; should that fail, the page goes out as built: the app
    // draws the heading anyway.
    const heading = (req: Request, res: Response) =>
      paintedHeading(options, req).then(
        (painted) => {
          if (painted) noteUser(res, painted.userId);
          return painted;
        },
        (error: unknown) => {
          logger.warn({ err: error, path: req.path }, "page heading not written");
          return null;
        },
      );
    app.use(staticAssets(CLIENT_DIST, { heading }));
  }
  app.use((req: Request, res: Response) => sendError(req, res, "NOT_FOUND", "trust.notFound"));
  app.use(errorAnswer(logger));
  return app;
}
