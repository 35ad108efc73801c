import express, { type Request, type Response } from "express";
import { languageFromHeader } from "../shared/i18n/language.ts";
import { encodeMessage } from "../shared/validation.ts";
import { type AppDeps, resolveSession } from "./context.ts";
import { exportFile } from "./export.ts";
import { translateMessage } from "./i18n.ts";
import { SESSION_COOKIE } from "./session.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Answers `{ error: { message, code } }`, the message in the request's language. */
function sendError(
  req: Request,
  res: Response,
  status: 401 | 404 | 409,
  key: string,
  params?: Record<string, string | number>,
): void {
  const language = languageFromHeader(req.headers["accept-language"]);
  const code = { 401: "UNAUTHORIZED", 404: "NOT_FOUND", 409: "CONFLICT" }[status];
  res.status(status).json({
    error: { message: translateMessage(language, encodeMessage(key, params)), code },
  });
}

/**
 * GET /exports/:id: the finished Excel file of an export job, as an attachment with an ASCII
 * name ("thong-ke-2026-11-26.xlsx"), for the user who started the job only (anyone else: 404);
 * 409 while the job still runs.
 */
export function exportRoutes(deps: AppDeps): express.Router {
  const routes = express.Router();
  routes.get("/exports/:id", async (req, res) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    const { user } = await resolveSession(
      deps.db,
      deps.clock,
      typeof token === "string" ? token : undefined,
    );
    if (!user) return sendError(req, res, 401, "error.unauthenticated");
    const { id } = req.params;
    const file = exportFile(deps.db, user.id, id, deps.clock.now());
    if (file === undefined) return sendError(req, res, 404, "error.exportNotFound", { id });
    if (file === "not_ready") return sendError(req, res, 409, "error.exportNotReady", { id });
    res.setHeader("Cache-Control", "private, no-store");
    res.download(file.path, file.filename, { headers: { "Content-Type": XLSX } }, (error) => {
      if (error && !res.headersSent) sendError(req, res, 404, "error.exportNotFound", { id });
    });
  });
  return routes;
}
