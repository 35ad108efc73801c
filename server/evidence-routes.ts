import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import express, { type NextFunction, type Request, type Response } from "express";
import multer from "multer";
import { agencyEvidenceBytes } from "../db/evidence.ts";
import {
  AGENCY_QUOTA_BYTES,
  evidenceTypeOfMime,
  MAX_CONCURRENT_UPLOADS,
  MAX_FILE_BYTES,
  MAX_FILES_PER_REPORT,
  nameForType,
} from "../shared/evidence.ts";
import type { AppDeps } from "./context.ts";
import { findDownloadableFile } from "./domain/evidence.ts";
import {
  type CheckedUpload,
  checkUpload,
  filesDirOf,
  readHead,
  readStoredFile,
  storeEvidence,
  uploadsDirOf,
} from "./file-store.ts";
import { type HttpErrorCode, sendError, sessionOfRequest } from "./http.ts";

/** The form field that carries the files of an upload. */
export const UPLOAD_FIELD = "files";

const MB = 1024 * 1024;

/** The uploader, known before anything is received. */
type Uploader = { userId: number; agencyId: number };

function uploaderOf(res: Response): Uploader | undefined {
  const uploader: unknown = res.locals.uploader;
  if (!uploader || typeof uploader !== "object") return undefined;
  const userId: unknown = Reflect.get(uploader, "userId");
  const agencyId: unknown = Reflect.get(uploader, "agencyId");
  return typeof userId === "number" && typeof agencyId === "number"
    ? { userId, agencyId }
    : undefined;
}

function receivedFiles(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}

/** Removes the temporary files of a request that ends without storing them. */
function discard(files: readonly Express.Multer.File[]): Promise<unknown> {
  return Promise.all(files.map((file) => rm(file.path, { force: true })));
}

/**
 * Evidence files over HTTP (multipart does not suit tRPC):
 * - POST /files: multipart field "files", up to MAX_FILES_PER_REPORT files of MAX_FILE_BYTES each,
 *   streamed to a temporary file each (never held in memory); at most MAX_CONCURRENT_UPLOADS at
 *   once per user and AGENCY_QUOTA_BYTES stored per agency; the type is checked from the content,
 *   the name must agree with it and the head must hold no markup; all files are stored or none,
 *   each under its type's extension. 201 { files: [...] }.
 * - GET /files/:id: the file as an attachment named with its type's extension, for the uploader
 *   while pending, then for everyone who may see its task; anyone else gets 404.
 * Both need the session cookie. Uploads never attached are purged after a day (server/jobs.ts).
 */
export function evidenceRoutes(deps: AppDeps): express.Router {
  const { db, clock } = deps;
  const filesDir = filesDirOf(deps.dataDir);
  const uploadsDir = uploadsDirOf(deps.dataDir);
  const quota = deps.agencyQuotaBytes ?? AGENCY_QUOTA_BYTES;
  const running = new Map<number, number>();
  const routes = express.Router();

  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, done) => {
        mkdirSync(uploadsDir, { recursive: true });
        done(null, uploadsDir);
      },
      filename: (_req, _file, done) => done(null, randomBytes(16).toString("hex")),
    }),
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: MAX_FILES_PER_REPORT,
      fields: 10,
      parts: MAX_FILES_PER_REPORT + 10,
    },
    // Browsers send UTF-8 file names: "Báo cáo tháng 3.pdf" must arrive as written.
    defParamCharset: "utf8",
  }).array(UPLOAD_FIELD, MAX_FILES_PER_REPORT);

  /** Runs multer and turns its refusals, and any malformed request, into JSON answers. */
  function receiveFiles(req: Request, res: Response, next: NextFunction): void {
    upload(req, res, (error: unknown) => {
      if (error === undefined || error === null) return next();
      void discard(receivedFiles(req));
      if (error instanceof multer.MulterError) {
        switch (error.code) {
          case "LIMIT_FILE_SIZE":
            return sendError(req, res, "PAYLOAD_TOO_LARGE", "error.fileTooLarge", {
              max: MAX_FILE_BYTES / MB,
            });
          case "LIMIT_FILE_COUNT":
            return sendError(req, res, "BAD_REQUEST", "error.tooManyFiles", {
              max: MAX_FILES_PER_REPORT,
            });
        }
      }
      sendError(req, res, "BAD_REQUEST", "error.uploadInvalid");
    });
  }

  routes.post(
    "/files",
    async (req, res, next) => {
      const { user } = await sessionOfRequest(deps, req, res);
      if (!user) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
      if (user.role === "admin") return sendError(req, res, "FORBIDDEN", "error.forbidden");
      const count = running.get(user.id) ?? 0;
      if (count >= MAX_CONCURRENT_UPLOADS) {
        return sendError(req, res, "TOO_MANY_REQUESTS", "trust.uploadsBusy", {
          max: MAX_CONCURRENT_UPLOADS,
        });
      }
      if ((await agencyEvidenceBytes(db, user.agencyId)) >= quota) {
        return sendError(req, res, "PAYLOAD_TOO_LARGE", "trust.agencyQuota", { max: quota / MB });
      }
      running.set(user.id, count + 1);
      res.once("close", () => {
        const left = (running.get(user.id) ?? 1) - 1;
        if (left > 0) running.set(user.id, left);
        else running.delete(user.id);
      });
      res.locals.uploader = { userId: user.id, agencyId: user.agencyId } satisfies Uploader;
      next();
    },
    receiveFiles,
    async (req, res) => {
      const uploader = uploaderOf(res);
      const received = receivedFiles(req);
      const refuse = async (
        code: HttpErrorCode,
        key: string,
        params?: Record<string, string | number>,
      ) => {
        await discard(received);
        sendError(req, res, code, key, params);
      };
      if (!uploader) return refuse("UNAUTHORIZED", "error.unauthenticated");
      if (received.length === 0) return refuse("BAD_REQUEST", "error.noFiles");
      const checked: CheckedUpload[] = [];
      for (const file of received) {
        const check = await checkUpload(await readHead(file.path), file.originalname);
        if (!check.ok) {
          const key = check.reason === "type" ? "error.fileType" : `trust.file.${check.reason}`;
          return refuse("UNSUPPORTED_MEDIA_TYPE", key, { name: file.originalname });
        }
        checked.push({
          name: file.originalname,
          path: file.path,
          type: check.type,
          size: file.size,
        });
      }
      const adding = checked.reduce((sum, file) => sum + file.size, 0);
      if ((await agencyEvidenceBytes(db, uploader.agencyId)) + adding > quota) {
        return refuse("PAYLOAD_TOO_LARGE", "trust.agencyQuota", { max: quota / MB });
      }
      try {
        const stored = await storeEvidence(
          db,
          filesDir,
          checked,
          uploader.userId,
          clock.now().toISOString(),
        );
        await deps.durable?.();
        res.status(201).json({ files: stored });
      } finally {
        await discard(received);
      }
    },
  );

  routes.get("/files/:id", async (req, res) => {
    const { viewer } = await sessionOfRequest(deps, req, res);
    if (!viewer) return sendError(req, res, "UNAUTHORIZED", "error.unauthenticated");
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    const file = Number.isSafeInteger(id) ? await findDownloadableFile(db, viewer, id) : undefined;
    const type = file && evidenceTypeOfMime(file.mime);
    if (!file || !type) {
      return sendError(req, res, "NOT_FOUND", "error.fileNotFound", { id: req.params.id });
    }
    let content: Buffer;
    try {
      content = await readStoredFile(filesDir, file);
    } catch {
      return sendError(req, res, "NOT_FOUND", "error.fileNotFound", { id: file.id });
    }
    // Served under its detected type's extension, whatever name an older row kept.
    res.attachment(nameForType(file.name, type));
    res.setHeader("Content-Type", type.mime);
    res.setHeader("Content-Length", String(content.byteLength));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    res.end(content);
  });

  return routes;
}
