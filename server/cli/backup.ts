/**
 * A consistent copy of the database and the evidence files, taken while the app runs.
 *   npm run backup -- /var/backups/dondoc/2026-11-26
 * Reads DONDOC_DB (data/dondoc.db); the evidence files are beside it, in files/.
 */
import { dirname, resolve } from "node:path";
import { backUp } from "../backup.ts";
import { clockFromEnv } from "../clock.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("Cách dùng / usage: npm run backup -- THƯ_MỤC");
  process.exit(2);
}
const dbPath = resolve(process.env.DONDOC_DB ?? "data/dondoc.db");
try {
  const manifest = await backUp(
    dbPath,
    dirname(dbPath),
    resolve(dir),
    clockFromEnv(process.env.DONDOC_NOW).now(),
  );
  console.log(`Đã sao lưu / backed up ${dbPath} → ${resolve(dir)} (${manifest.createdAt})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
