import { existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { configFromEnv } from "../server/config.ts";

/**
 * Starts the demo afresh: deletes the database file the server would open (DONDOC_DB, default
 * data/dondoc.db, with its -wal and -shm companions) and the evidence files and exports beside
 * it. The next `npm start` creates the database again and seeds the demo, its current directive
 * dated from that day (or from DONDOC_NOW).
 */
const { dbPath } = configFromEnv(process.env);
const dataDir = dirname(resolve(dbPath));
const targets = [
  dbPath,
  `${dbPath}-wal`,
  `${dbPath}-shm`,
  join(dataDir, "files"),
  join(dataDir, "exports"),
];
let removed = 0;
for (const target of targets) {
  if (!existsSync(target)) continue;
  rmSync(target, { recursive: true, force: true });
  console.log(`Đã xóa / removed: ${target}`);
  removed += 1;
}
console.log(
  removed === 0
    ? `Chưa có dữ liệu / no data yet at ${dbPath}.`
    : "Chạy `npm start` để tạo lại dữ liệu minh họa / run `npm start` to seed the demo again.",
);
