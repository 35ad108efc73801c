import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileTypeFromBuffer } from "file-type";
import {
  deletePendingEvidence,
  type EvidenceFile,
  insertEvidenceFiles,
  type NewEvidenceFile,
  type StoredFile,
} from "../db/evidence.ts";
import type { Db } from "../db/open.ts";
import {
  cleanFileName,
  type EvidenceType,
  evidenceType,
  nameFitsType,
  nameForType,
} from "../shared/evidence.ts";

/**
 * Evidence files on disk: `<filesDir>/<first two hex digits of the SHA-256>/<random key>`, never
 * under a public or guessable path; the row (db/evidence.ts) keeps the name (with the extension
 * of the detected type), the type detected from the content, the size and the checksum.
 * Uploads stream to `<dataDir>/uploads/` first (never into memory), are checked there, then moved.
 */

/** The files folder inside the data folder. */
export function filesDirOf(dataDir: string): string {
  return join(dataDir, "files");
}

/** Where uploads land while they are received and checked (same disk: moving is a rename). */
export function uploadsDirOf(dataDir: string): string {
  return join(dataDir, "uploads");
}

type Located = { sha256: string; storageKey: string };

function pathOf(filesDir: string, file: Located): string {
  return join(filesDir, file.sha256.slice(0, 2), file.storageKey);
}

function removeAll(filesDir: string, files: readonly Located[]): Promise<unknown> {
  return Promise.all(files.map((file) => rm(pathOf(filesDir, file), { force: true })));
}

/** How many bytes of a file's head are read to tell its type. */
const HEAD_BYTES = 4100;

/**
 * Markup that a browser would render if it ever sniffed the file: a "PDF" whose head carries an
 * HTML page is a polyglot, not a document.
 */
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|hta:)[\s>/]/i;

export type UploadCheck = { ok: true; type: EvidenceType } | { ok: false; reason: UploadRefusal };
export type UploadRefusal = "type" | "name" | "polyglot";

/**
 * Decides an upload from its head and its name: the type must be accepted (from the content),
 * the name's extension must agree with it, and the head must hold no markup.
 */
export async function checkUpload(head: Uint8Array, name: string): Promise<UploadCheck> {
  const type = evidenceType(await fileTypeFromBuffer(head), name);
  if (!type) return { ok: false, reason: "type" };
  if (!nameFitsType(name, type)) return { ok: false, reason: "name" };
  if (MARKUP.test(Buffer.from(head).toString("latin1"))) return { ok: false, reason: "polyglot" };
  return { ok: true, type };
}

/** The first bytes of a file on disk. */
export async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The accepted type of content in memory (tests store files this way), or null. */
export async function detectEvidenceType(
  content: Uint8Array,
  name: string,
): Promise<EvidenceType | null> {
  const check = await checkUpload(content.subarray(0, HEAD_BYTES), name);
  return check.ok ? check.type : null;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/** A received upload: its temporary file, its original name, its checked type and size. */
export type CheckedUpload = { name: string; path: string; type: EvidenceType; size: number };

/**
 * Moves checked uploads from their temporary files into place and writes their rows, all or
 * nothing: when a move or the insert fails, the files already moved are removed and the error
 * is rethrown (the temporary files are the caller's to remove).
 */
export async function storeEvidence(
  db: Db,
  filesDir: string,
  uploads: readonly CheckedUpload[],
  uploadedBy: number,
  uploadedAt: string,
): Promise<EvidenceFile[]> {
  const prepared: (NewEvidenceFile & { path: string })[] = [];
  for (const upload of uploads) {
    prepared.push({
      path: upload.path,
      storageKey: randomBytes(16).toString("hex"),
      name: cleanFileName(nameForType(cleanFileName(upload.name), upload.type)),
      mime: upload.type.mime,
      size: upload.size,
      sha256: await sha256Of(upload.path),
    });
  }
  const moved: Located[] = [];
  try {
    for (const file of prepared) {
      await mkdir(join(filesDir, file.sha256.slice(0, 2)), { recursive: true });
      await rename(file.path, pathOf(filesDir, file));
      moved.push(file);
    }
    return await db
      .transaction()
      .execute((trx) => insertEvidenceFiles(trx, prepared, uploadedBy, uploadedAt));
  } catch (error) {
    await removeAll(filesDir, moved);
    throw error;
  }
}

/** Writes content to a new temporary upload file (for stores that do not come over HTTP). */
export async function writeUpload(dataDir: string, content: Uint8Array): Promise<string> {
  const dir = uploadsDirOf(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, randomBytes(16).toString("hex"));
  await writeFile(path, content, { flag: "wx", mode: 0o600 });
  return path;
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

/**
 * Removes temporary upload files not written for `maxAgeMs` (a request cut off mid-way, a crash);
 * an upload in progress is written to continuously, so it is never that old. File times are the
 * system's, so ages are measured against the system's clock (`systemNowMs`), not the app's,
 * which DONDOC_NOW may set to another day.
 */
export async function purgeStaleUploads(
  uploadsDir: string,
  maxAgeMs: number,
  systemNowMs: number,
): Promise<number> {
  const before = systemNowMs - maxAgeMs;
  let names: string[];
  try {
    names = await readdir(uploadsDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(uploadsDir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && info.mtimeMs < before) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
