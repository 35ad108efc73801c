/**
 * Puts a backup back (stop the server first).
 *   npm run restore -- /var/backups/dondoc/2026-11-26
 * Writes DONDOC_DB (data/dondoc.db) and the evidence files beside it.
 */
import { dirname, resolve } from "node:path";
import { restore } from "../backup.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("Cách dùng / usage: npm run restore -- THƯ_MỤC");
  process.exit(2);
}
const dbPath = resolve(process.env.DONDOC_DB ?? "data/dondoc.db");
try {
  const manifest = await restore(resolve(dir), dbPath, dirname(dbPath));
  console.log(`Đã khôi phục / restored the backup of ${manifest.createdAt} into ${dbPath}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
