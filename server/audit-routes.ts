import express from "express";
import { canReadAudit } from "../shared/audit.ts";
import { auditListInput } from "../shared/audit-input.ts";
import { pendingAccountStep } from "../shared/user.ts";
import type { AppDeps } from "./context.ts";
import { auditForExport } from "./domain/audit.ts";
import { sendError, sessionOfRequest } from "./http.ts";

const COLUMNS = [
  "id",
  "at",
  "username",
  "full_name",
  "agency",
  "address",
  "action",
  "entity",
  "entity_id",
  "detail",
];

/**
 * A CSV cell: quoted, quotes doubled; a cell a spreadsheet would read as a formula (=, +, -, @,
 * tab, carriage return first) starts with an apostrophe, so it stays text.
 */
function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * GET /audit/export?query=&kind=&from=&to=: the filtered audit log as CSV (UTF-8 with a BOM,
 * which Excel needs for Vietnamese), for administrators and leaders, scoped as the page is.
 */
export function auditRoutes(deps: AppDeps): express.Router {
  const routes = express.Router();
  routes.get("/audit/export", async (req, res) => {
    const { user, viewer } = await sessionOfRequest(deps, req, res);
    if (!user || !viewer) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
    if (!canReadAudit(user.role) || pendingAccountStep(user) !== null) {
      return sendError(req, res, "FORBIDDEN", "error.forbidden");
    }
    const text = (name: string) =>
      typeof req.query[name] === "string" ? req.query[name] : undefined;
    const parsed = auditListInput.safeParse({
      query: text("query") ?? "",
      kind: text("kind") || undefined,
      from: text("from") || undefined,
      to: text("to") || undefined,
    });
    if (!parsed.success) return sendError(req, res, "BAD_REQUEST", "error.badInput");
    const rows = await auditForExport({ db: deps.db, viewer }, parsed.data);
    const lines = [
      COLUMNS.map(cell).join(","),
      ...rows.map((row) =>
        [
          row.id,
          row.at,
          row.actor?.username ?? null,
          row.actor?.fullName ?? null,
          row.agencyShortName,
          row.address,
          row.action,
          row.entity,
          row.entityId,
          row.detail,
        ]
          .map(cell)
          .join(","),
      ),
    ];
    const day = deps.clock.now().toISOString().slice(0, 10);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.attachment(`nhat-ky-${day}.csv`);
    res.send(`\uFEFF${lines.join("\r\n")}\r\n`);
  });
  return routes;
}
