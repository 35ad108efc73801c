import express, { type NextFunction, type Request, type Response } from "express";
import multer from "multer";
import {
  type CheckedUpload,
  detectEvidenceType,
  filesDirOf,
  purgePendingEvidence,
  readStoredFile,
  storedFile,
  storeEvidence,
} from "../db/evidence.ts";
import { taskFacts } from "../db/task.ts";
import { MAX_FILE_BYTES, MAX_FILES_PER_REPORT, PENDING_FILE_HOURS } from "../shared/evidence.ts";
import { languageFromHeader } from "../shared/i18n/language.ts";
import { canDownloadEvidence } from "../shared/reporting-permission.ts";
import { encodeMessage } from "../shared/validation.ts";
import { type AppDeps, resolveSession } from "./context.ts";
import { translateMessage } from "./i18n.ts";
import { SESSION_COOKIE } from "./session.ts";

/** The form field that carries the files of an upload. */
export const UPLOAD_FIELD = "files";

type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** Answers `{ error: { message, code } }`, the message in the request's language. */
function sendError(
  req: Request,
  res: Response,
  code: ErrorCode,
  key: string,
  params?: Record<string, string | number>,
): void {
  const language = languageFromHeader(req.headers["accept-language"]);
  res.status(STATUS[code]).json({
    error: { message: translateMessage(language, encodeMessage(key, params)), code },
  });
}

function sessionOf(deps: AppDeps, req: Request) {
  const token: unknown = req.cookies?.[SESSION_COOKIE];
  return resolveSession(deps.db, deps.clock, typeof token === "string" ? token : undefined);
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: {
    fileSize: MAX_FILE_BYTES,
    files: MAX_FILES_PER_REPORT,
    fields: 10,
    parts: MAX_FILES_PER_REPORT + 10,
  },
  // Browsers send UTF-8 file names: "Báo cáo tháng 3.pdf" must arrive as written.
  defParamCharset: "utf8",
}).array(UPLOAD_FIELD, MAX_FILES_PER_REPORT);

/** Runs multer and turns its refusals into answers; files stay in memory until checked. */
function receiveFiles(req: Request, res: Response, next: NextFunction): void {
  upload(req, res, (error: unknown) => {
    if (error === undefined || error === null) {
      next();
      return;
    }
    if (error instanceof multer.MulterError) {
      switch (error.code) {
        case "LIMIT_FILE_SIZE":
          sendError(req, res, "PAYLOAD_TOO_LARGE", "error.fileTooLarge", {
            max: MAX_FILE_BYTES / 1024 / 1024,
          });
          return;
        case "LIMIT_FILE_COUNT":
          sendError(req, res, "BAD_REQUEST", "error.tooManyFiles", { max: MAX_FILES_PER_REPORT });
          return;
        default:
          sendError(req, res, "BAD_REQUEST", "error.uploadInvalid");
          return;
      }
    }
    next(error);
  });
}

/**
 * Evidence files over HTTP (multipart does not suit tRPC):
 * - POST /files: multipart field "files", up to MAX_FILES_PER_REPORT files of MAX_FILE_BYTES each;
 *   the type is checked from the content; all files are stored or none. 201 { files: [...] }.
 * - GET /files/:id: the file as an attachment, for the uploader while pending, then for everyone
 *   who may see its task; anyone else gets 404.
 * Both need the session cookie. At start-up, uploads never attached are purged after a day.
 */
export function evidenceRoutes(deps: AppDeps): express.Router {
  const { db, clock } = deps;
  let filesDir: Promise<string> | undefined;
  const files = () => {
    filesDir ??= Promise.resolve(filesDirOf(deps.dataDir));
    return filesDir;
  };

  const before = new Date(clock.now().getTime() - PENDING_FILE_HOURS * 3_600_000).toISOString();
  void files()
    .then((dir) => purgePendingEvidence(db, dir, before))
    .catch((error: unknown) => console.error("Purging abandoned uploads failed:", error));

  const routes = express.Router();

  routes.post(
    "/files",
    async (req, res, next) => {
      const { user } = await sessionOf(deps, req);
      if (!user) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
      if (user.role === "admin") return sendError(req, res, "FORBIDDEN", "error.forbidden");
      res.locals.userId = user.id;
      next();
    },
    receiveFiles,
    async (req, res) => {
      const userId: unknown = res.locals.userId;
      const received = Array.isArray(req.files) ? req.files : [];
      if (typeof userId !== "number")
        return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
      if (received.length === 0) return sendError(req, res, "BAD_REQUEST", "error.noFiles");
      const checked: CheckedUpload[] = [];
      for (const file of received) {
        const type = await detectEvidenceType(file.buffer, file.originalname);
        if (!type) {
          return sendError(req, res, "UNSUPPORTED_MEDIA_TYPE", "error.fileType", {
            name: file.originalname,
          });
        }
        checked.push({ name: file.originalname, content: file.buffer, type });
      }
      const stored = await storeEvidence(
        db,
        await files(),
        checked,
        userId,
        clock.now().toISOString(),
      );
      res.status(201).json({ files: stored });
    },
  );

  routes.get("/files/:id", async (req, res) => {
    const { user, viewer } = await sessionOf(deps, req);
    if (!user || !viewer) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    const file = Number.isSafeInteger(id) ? await storedFile(db, id) : undefined;
    const task = file?.taskId ? ((await taskFacts(db, file.taskId)) ?? null) : null;
    if (!file || !canDownloadEvidence(viewer, file, task)) {
      return sendError(req, res, "NOT_FOUND", "error.fileNotFound", { id: req.params.id });
    }
    let content: Buffer;
    try {
      content = await readStoredFile(await files(), file);
    } catch (error) {
      console.error(`Evidence file ${file.id} is missing from disk:`, error);
      return sendError(req, res, "NOT_FOUND", "error.fileNotFound", { id: file.id });
    }
    res.attachment(file.name);
    res.setHeader("Content-Type", file.mime);
    res.setHeader("Content-Length", String(content.byteLength));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    res.end(content);
  });

  return routes;
}
