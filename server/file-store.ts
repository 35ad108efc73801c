import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import {
  deletePendingEvidence,
  type EvidenceFile,
  insertEvidenceFiles,
  type StoredFile,
} from "../db/evidence.ts";
import type { Db } from "../db/open.ts";
import { cleanFileName, type EvidenceType, evidenceType } from "../shared/evidence.ts";

/**
 * Evidence files on disk: `<filesDir>/<first two hex digits of the SHA-256>/<random key>`, never
 * under a public or guessable path; the row (db/evidence.ts) keeps the original name, the type
 * detected from the content, the size and the checksum.
 */

/** The files folder inside the data folder. */
export function filesDirOf(dataDir: string): string {
  return join(dataDir, "files");
}

type Located = { sha256: string; storageKey: string };

function pathOf(filesDir: string, file: Located): string {
  return join(filesDir, file.sha256.slice(0, 2), file.storageKey);
}

function removeAll(filesDir: string, files: readonly Located[]): Promise<unknown> {
  return Promise.all(files.map((file) => rm(pathOf(filesDir, file), { force: true })));
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
    content: upload.content,
    storageKey: randomBytes(16).toString("hex"),
    name: cleanFileName(upload.name),
    mime: upload.type.mime,
    size: upload.content.byteLength,
    sha256: createHash("sha256").update(upload.content).digest("hex"),
  }));
  const written: Located[] = [];
  try {
    for (const file of prepared) {
      await mkdir(join(filesDir, file.sha256.slice(0, 2)), { recursive: true });
      written.push(file);
      await writeFile(pathOf(filesDir, file), file.content, { flag: "wx", mode: 0o600 });
    }
    return await db
      .transaction()
      .execute((trx) => insertEvidenceFiles(trx, prepared, uploadedBy, uploadedAt));
  } catch (error) {
    await removeAll(filesDir, written);
    throw error;
  }
}

/** The file's content, as stored. */
export function readStoredFile(filesDir: string, file: StoredFile): Promise<Buffer> {
  return readFile(pathOf(filesDir, file));
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
  const stale = await deletePendingEvidence(db, before);
  await removeAll(filesDir, stale);
  return stale.length;
}
