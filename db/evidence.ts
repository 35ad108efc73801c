import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { cleanFileName, type EvidenceType, evidenceType } from "../shared/evidence.ts";
import type { Db } from "./open.ts";

/**
 * Evidence files on disk: `<filesDir>/<first two hex digits of the SHA-256>/<random key>`, never
 * under a public or guessable path; the row keeps the original name, the type detected from the
 * content, the size and the checksum. A file is pending (no task) until a report or a comment
 * attaches it; only then may others download it.
 */

export type EvidenceFile = {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
};

export type StoredFile = EvidenceFile & {
  storageKey: string;
  uploadedBy: number;
  uploadedAt: string;
  taskId: number | null;
};

/** The files folder inside the data folder. */
export function filesDirOf(dataDir: string): string {
  return join(dataDir, "files");
}

function pathOf(filesDir: string, file: { sha256: string; storageKey: string }): string {
  return join(filesDir, file.sha256.slice(0, 2), file.storageKey);
}

/** The accepted type of an upload, from its content (the name only tells .doc from .xls). */
export async function detectEvidenceType(
  content: Uint8Array,
  name: string,
): Promise<EvidenceType | null> {
  return evidenceType(await fileTypeFromBuffer(content), name);
}

export type CheckedUpload = { name: string; content: Uint8Array; type: EvidenceType };

/**
 * Writes the checked uploads to disk and their rows to the database, all or nothing: when a
 * write or the insert fails, the files already written are removed and the error is rethrown.
 */
export async function storeEvidence(
  db: Db,
  filesDir: string,
  uploads: readonly CheckedUpload[],
  uploadedBy: number,
  uploadedAt: string,
): Promise<EvidenceFile[]> {
  const prepared = uploads.map((upload) => ({
    upload,
    sha256: createHash("sha256").update(upload.content).digest("hex"),
    storageKey: randomBytes(16).toString("hex"),
  }));
  const written: string[] = [];
  try {
    for (const file of prepared) {
      const path = pathOf(filesDir, file);
      await mkdir(join(filesDir, file.sha256.slice(0, 2)), { recursive: true });
      written.push(path);
      await writeFile(path, file.upload.content, { flag: "wx", mode: 0o600 });
    }
    return await db.transaction().execute(async (trx) => {
      const stored: EvidenceFile[] = [];
      for (const file of prepared) {
        const name = cleanFileName(file.upload.name);
        const { id } = await trx
          .insertInto("evidenceFile")
          .values({
            storageKey: file.storageKey,
            originalName: name,
            mime: file.upload.type.mime,
            size: file.upload.content.byteLength,
            sha256: file.sha256,
            uploadedBy,
            uploadedAt,
          })
          .returning("evidenceFile.id")
          .executeTakeFirstOrThrow();
        stored.push({
          id,
          name,
          mime: file.upload.type.mime,
          size: file.upload.content.byteLength,
          sha256: file.sha256,
        });
      }
      return stored;
    });
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw error;
  }
}

/** Of these ids, those the user uploaded and that are not attached yet. */
export async function pendingFileIds(
  db: Db,
  ids: readonly number[],
  uploadedBy: number,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("evidenceFile")
    .select("evidenceFile.id")
    .where("evidenceFile.id", "in", ids)
    .where("evidenceFile.uploadedBy", "=", uploadedBy)
    .where("evidenceFile.taskId", "is", null)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Attaches the user's pending files to a report or a comment of the task (inside the caller's
 * transaction). Returns how many were attached: fewer than asked means some were not the user's
 * pending files, and the caller must abort.
 */
export async function attachEvidence(
  db: Db,
  ids: readonly number[],
  uploadedBy: number,
  owner: { taskId: number; reportId: number } | { taskId: number; commentId: number },
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable("evidenceFile")
    .set({
      taskId: owner.taskId,
      reportId: "reportId" in owner ? owner.reportId : null,
      commentId: "commentId" in owner ? owner.commentId : null,
      attachedAt: at,
    })
    .where("evidenceFile.id", "in", [...new Set(ids)])
    .where("evidenceFile.uploadedBy", "=", uploadedBy)
    .where("evidenceFile.taskId", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function storedFile(db: Db, id: number): Promise<StoredFile | undefined> {
  return db
    .selectFrom("evidenceFile")
    .select([
      "evidenceFile.id",
      "evidenceFile.originalName as name",
      "evidenceFile.mime",
      "evidenceFile.size",
      "evidenceFile.sha256",
      "evidenceFile.storageKey",
      "evidenceFile.uploadedBy",
      "evidenceFile.uploadedAt",
      "evidenceFile.taskId",
    ])
    .where("evidenceFile.id", "=", id)
    .executeTakeFirst();
}

/** The file's content, as stored. */
export function readStoredFile(filesDir: string, file: StoredFile): Promise<Buffer> {
  return readFile(pathOf(filesDir, file));
}

const FILE_COLUMNS = [
  "evidenceFile.id",
  "evidenceFile.originalName as name",
  "evidenceFile.mime",
  "evidenceFile.size",
  "evidenceFile.sha256",
] as const;

/** The files attached to each of these reports. */
export async function filesOfReports(
  db: Db,
  reportIds: readonly number[],
): Promise<Map<number, EvidenceFile[]>> {
  const result = new Map<number, EvidenceFile[]>();
  if (reportIds.length === 0) return result;
  const rows = await db
    .selectFrom("evidenceFile")
    .select([...FILE_COLUMNS, "evidenceFile.reportId"])
    .where("evidenceFile.reportId", "in", reportIds)
    .orderBy("evidenceFile.id")
    .execute();
  for (const { reportId, ...file } of rows) {
    if (reportId === null) continue;
    result.set(reportId, [...(result.get(reportId) ?? []), file]);
  }
  return result;
}

/** The files attached to each of these comments. */
export async function filesOfComments(
  db: Db,
  commentIds: readonly number[],
): Promise<Map<number, EvidenceFile[]>> {
  const result = new Map<number, EvidenceFile[]>();
  if (commentIds.length === 0) return result;
  const rows = await db
    .selectFrom("evidenceFile")
    .select([...FILE_COLUMNS, "evidenceFile.commentId"])
    .where("evidenceFile.commentId", "in", commentIds)
    .orderBy("evidenceFile.id")
    .execute();
  for (const { commentId, ...file } of rows) {
    if (commentId === null) continue;
    result.set(commentId, [...(result.get(commentId) ?? []), file]);
  }
  return result;
}

/**
 * Removes uploads never attached and uploaded before `before` (abandoned forms): rows first, in
 * one transaction, then their files. Returns how many were removed.
 */
export async function purgePendingEvidence(
  db: Db,
  filesDir: string,
  before: string,
): Promise<number> {
  const stale = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("evidenceFile")
      .select(["evidenceFile.id", "evidenceFile.sha256", "evidenceFile.storageKey"])
      .where("evidenceFile.taskId", "is", null)
      .where("evidenceFile.uploadedAt", "<", before)
      .execute();
    if (rows.length > 0) {
      await trx
        .deleteFrom("evidenceFile")
        .where(
          "evidenceFile.id",
          "in",
          rows.map((row) => row.id),
        )
        .where("evidenceFile.taskId", "is", null)
        .execute();
    }
    return rows;
  });
  await Promise.all(stale.map((file) => rm(pathOf(filesDir, file), { force: true })));
  return stale.length;
}
