import express from "express";
import type { AppDeps } from "./context.ts";
import { exportFile } from "./domain/export.ts";
import { sendError, sessionOfRequest } from "./http.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET /exports/:id: the finished Excel file of an export job, as an attachment with an ASCII
 * name ("thong-ke-2026-11-26.xlsx"), for the user who started the job only (anyone else: 404);
 * 409 while the job still runs.
 */
export function exportRoutes(deps: AppDeps): express.Router {
  const routes = express.Router();
  routes.get("/exports/:id", async (req, res) => {
    const { user } = await sessionOfRequest(deps, req, res);
    if (!user) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
    const { id } = req.params;
    const file = exportFile(deps.db, user.id, id, deps.clock.now());
    if (file === undefined) return sendError(req, res, "NOT_FOUND", "error.exportNotFound", { id });
    if (file === "not_ready")
      return sendError(req, res, "CONFLICT", "error.exportNotReady", { id });
    res.setHeader("Cache-Control", "private, no-store");
    res.download(file.path, file.filename, { headers: { "Content-Type": XLSX } }, (error) => {
      if (error && !res.headersSent)
        sendError(req, res, "NOT_FOUND", "error.exportNotFound", { id });
    });
  });
  return routes;
}
