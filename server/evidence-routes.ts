import express, { type NextFunction, type Request, type Response } from "express";
import multer from "multer";
import { MAX_FILE_BYTES, MAX_FILES_PER_REPORT } from "../shared/evidence.ts";
import type { AppDeps } from "./context.ts";
import { findDownloadableFile } from "./domain/evidence.ts";
import {
  type CheckedUpload,
  detectEvidenceType,
  filesDirOf,
  readStoredFile,
  storeEvidence,
} from "./file-store.ts";
import { sendError, sessionOfRequest } from "./http.ts";

/** The form field that carries the files of an upload. */
export const UPLOAD_FIELD = "files";

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
 * Both need the session cookie. Uploads never attached are purged after a day (server/jobs.ts).
 */
export function evidenceRoutes(deps: AppDeps): express.Router {
  const { db, clock } = deps;
  const filesDir = filesDirOf(deps.dataDir);
  const routes = express.Router();

  routes.post(
    "/files",
    async (req, res, next) => {
      const { user } = await sessionOfRequest(deps, req);
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
      const stored = await storeEvidence(db, filesDir, checked, userId, clock.now().toISOString());
      res.status(201).json({ files: stored });
    },
  );

  routes.get("/files/:id", async (req, res) => {
    const { viewer } = await sessionOfRequest(deps, req);
    if (!viewer) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    const file = Number.isSafeInteger(id) ? await findDownloadableFile(db, viewer, id) : undefined;
    if (!file) {
      return sendError(req, res, "NOT_FOUND", "error.fileNotFound", { id: req.params.id });
    }
    let content: Buffer;
    try {
      content = await readStoredFile(filesDir, file);
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
