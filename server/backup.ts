import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import SQLite from "better-sqlite3";

/**
 * Backups that run while the app serves writes, and their restore.
 * - The database: SQLite's online backup API (better-sqlite3 `backup()`) from a connection of
 *   its own, all pages in one step, so the copy is the database as of one instant whatever is
 *   being written meanwhile (WAL readers do not block writers).
 * - The evidence files: copied after the database. Files are written once under random keys and
 *   never changed, so every file the copied database names is there; files uploaded after the
 *   database was copied are copied too and are simply not named by it.
 * A backup folder holds `dondoc.db`, `files/` and `backup.json` (when, what, the database's SHA-256).
 */

export const BACKUP_DB = "dondoc.db";
const MANIFEST = "backup.json";

export type BackupManifest = {
  createdAt: string;
  database: string;
  sha256: string;
  files: boolean;
};

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

function integrityOk(path: string): boolean {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) === "ok";
  } finally {
    db.close();
  }
}

/** Copies the database at `dbPath` and the evidence files of `dataDir` into the folder `dir`. */
export async function backUp(
  dbPath: string,
  dataDir: string,
  dir: string,
  now: Date,
): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, BACKUP_DB);
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  const source = new SQLite(dbPath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // All remaining pages in one step: one consistent instant even under writes.
    await source.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 1) });
  } finally {
    source.close();
  }
  if (!integrityOk(partial)) throw new Error("the copied database fails its integrity check");
  // The copy keeps the source's WAL mode, so the read-only check left an empty "-wal" and "-shm"
  // beside it (nothing writes to the copy): the backup is the one file.
  for (const suffix of ["-wal", "-shm"]) await rm(`${partial}${suffix}`, { force: true });
  await rename(partial, target);
  const files = join(dataDir, "files");
  const hasFiles = existsSync(files);
  await rm(join(dir, "files"), { recursive: true, force: true });
  if (hasFiles) await cp(files, join(dir, "files"), { recursive: true, preserveTimestamps: true });
  const manifest: BackupManifest = {
    createdAt: now.toISOString(),
    database: BACKUP_DB,
    sha256: await sha256Of(target),
    files: hasFiles,
  };
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Puts a backup back: the database file (its old WAL and shared-memory files removed) and the
 * evidence files. The server must be stopped. Refuses a backup whose database does not match
 * its manifest or fails its integrity check.
 */
export async function restore(
  dir: string,
  dbPath: string,
  dataDir: string,
): Promise<BackupManifest> {
  const manifestText = await readFile(join(dir, MANIFEST), "utf8");
  const manifest: BackupManifest = JSON.parse(manifestText);
  const source = join(dir, BACKUP_DB);
  if ((await sha256Of(source)) !== manifest.sha256) {
    throw new Error("the backup's database does not match its manifest");
  }
  if (!integrityOk(source)) throw new Error("the backup's database fails its integrity check");
  await mkdir(dataDir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${dbPath}${suffix}`, { force: true });
  await cp(source, dbPath);
  const files = join(dataDir, "files");
  await rm(files, { recursive: true, force: true });
  if (manifest.files)
    await cp(join(dir, "files"), files, { recursive: true, preserveTimestamps: true });
  return manifest;
}
