/**
 * A large deterministic national dataset in a database of its own (issue 12):
 * npm run bench:data -- --tasks 1000000 --out FILE [--today YYYY-MM-DD] [--through product]
 * Reference data and the demo (accounts with the demo password; the leader lanhdao.bct sees every
 * generated task), then the plan of scripts/dataset.ts written in bulk, in two halves side by side
 * (the second on a worker thread, scripts/dataset-range.ts) (or, with
 * `--through product`, through the product's write path: the same rows, far slower).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { loadCalendar } from "../db/calendar.ts";
import { advanceCheckpoints } from "../db/kept-count.ts";
import { openDb } from "../db/open.ts";
import { seedDatabase } from "../db/seed.ts";
import { DEMO_PASSWORD, DEMO_SECOND_FACTOR_SECRET } from "../server/demo.ts";
import { hashPassword } from "../server/password.ts";
import { vnDate } from "../shared/date.ts";
import {
  copyKeptFile,
  planFrom,
  planReference,
  rangeJob,
  secondHalf,
  writeBulkKept,
  writeThroughProduct,
} from "./dataset.ts";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "100000" },
    out: { type: "string" },
    today: { type: "string" },
    through: { type: "string", default: "bulk" },
  },
});
const tasks = Number(values.tasks);
const out = values.out ?? `data/bench-${tasks}.db`;
const now = values.today ? new Date(`${values.today}T03:00:00.000Z`) : new Date();
const today = vnDate(now);

/** Memory-backed storage where the machine has it, for files read once and deleted. */
const scratchRoot = existsSync("/dev/shm") ? "/dev/shm" : dirname(out);
// SQLite's temporary files (the index builds' sorted runs) there too: read when SQLite starts.
process.env.SQLITE_TMPDIR ??= scratchRoot;

const started = performance.now();
/** Each phase's wall time, printed at the end: where the time goes. */
const phases: Record<string, string> = {};
let last = started;
const mark = (name: string) => {
  const now = performance.now();
  phases[name] = `${((now - last) / 1000).toFixed(1)} s`;
  last = now;
};
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${out}${suffix}`, { force: true });
const db = await openDb(out);
await seedDatabase(db, {
  demo: {
    now,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    adminSecondFactorSecret: DEMO_SECOND_FACTOR_SECRET,
  },
});
mark("seed");
/** The first generated task (the seeded ones come first). */
const firstTaskId =
  Number(
    (
      await db
        .selectFrom("task")
        .select((eb) => eb.fn.max("task.id").as("last"))
        .executeTakeFirst()
    )?.last ?? 0,
  ) + 1;
const reference = await planReference(db);
const calendar = await loadCalendar(db);
const options = { tasks, today };
let planned = performance.now();
if (values.through === "product") {
  const plan = planFrom(reference, options);
  planned = performance.now();
  mark("plan");
  await writeThroughProduct(db, plan);
  mark("rows");
  // The monthly checkpoints of the kept statistics, up to this month.
  await advanceCheckpoints(db, today);
  mark("checkpoints");
  await db.destroy();
} else {
  await db.destroy();
  const sqlite = new SQLite(out);
  // A new file: nothing to protect while it is written, then WAL as the server expects. Out of WAL (seeding left it there; every page would be written twice), then a journal in
  // memory: SQLite refuses "OFF" in better-sqlite3's defensive mode, and new pages are not
  // journaled anyway.
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("journal_mode = DELETE");
  if (sqlite.pragma("journal_mode = MEMORY", { simple: true }) !== "memory") {
    throw new Error(`${out}: could not leave WAL while it is written`);
  }
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -1048576");
  // Indexes are built once at the end, from sorted data, rather than row by row.
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('task', 'task_coordinator', 'task_state', 'task_state_coordinator',
           'task_event', 'task_report')
         ORDER BY tbl_name, rowid`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  // The plan's second half on a worker thread, which makes the same plan (a pure function of
  // the reference data), while this thread writes the first half (2 cores); then the worker
  // writes the kept statistics of both into a file of their own while this thread copies its
  // rows in and builds the indexes.
  const plan = planFrom(reference, options);
  // The second half's file and the kept statistics' are read once and deleted: in memory-backed
  // storage where the machine has it (no write to disk in the background while both threads work).
  const scratch = mkdtempSync(join(scratchRoot, "dondoc-"));
  // Removed after the copies below, or on the way out if the run fails before them.
  process.once("exit", () => rmSync(scratch, { recursive: true, force: true }));
  const job = rangeJob(sqlite, join(scratch, "second.db"), calendar, secondHalf(plan), today);
  // tsx's loader does not reach worker threads: the worker imports its module through tsx's API.
  const range = new URL("./dataset-range.ts", import.meta.url).href;
  const worker = new Worker(
    `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(range)}, ${JSON.stringify(import.meta.url)}))`,
    {
      eval: true,
      workerData: { job, reference, options },
      // The young generation npm run bench:data gives the main thread (--max-semi-space-size=64).
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    },
  );
  const done = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`the worker writing the second half exited with ${code}`)),
    );
  });
  // Awaited after the indexes; a failure before shows through `rows`.
  done.catch(() => {});
  const rows = Promise.race([
    new Promise<void>((resolve) => worker.once("message", () => resolve())),
    done.then(() => {
      throw new Error("the worker writing the second half ended before its rows");
    }),
  ]);
  planned = performance.now();
  mark("plan");
  const keptFile = await writeBulkKept(sqlite, plan, calendar, {
    second: {
      job,
      rows,
      kept: (first) => {
        worker.postMessage(first, [first.sums.buffer]);
        return done;
      },
    },
    today,
    mark,
  });
  // Index builds sort in runs of 32 MB in temporary files, each sorted by a helper thread while
  // the next is read (with all in memory, SQLite sorts in one run on this thread: twice as long);
  // each table's indexes one after the other (its pages read once).
  sqlite.pragma("temp_store = FILE");
  sqlite.pragma("cache_size = -32768");
  sqlite.pragma("threads = 2");
  for (const index of indexes) sqlite.exec(index.sql);
  sqlite.pragma("cache_size = -1048576");
  mark("indexes");
  await copyKeptFile(sqlite, keptFile);
  rmSync(scratch, { recursive: true, force: true });
  mark("kept statistics (waited for, copied)");
  // The planner's statistics of the full tables, as migration 0007 leaves them.
  sqlite.exec("ANALYZE");
  mark("analyze");
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  mark("wal");
}
const written = performance.now();
const mix = new SQLite(out, { readonly: true });
const rows = mix
  .prepare(
    `SELECT status, COUNT(*) AS n, SUM(CASE WHEN status IN ('not_started', 'in_progress')
       AND due_on < ? THEN 1 ELSE 0 END) AS overdue
     FROM task INDEXED BY task_status_due WHERE id >= ? GROUP BY status`,
  )
  .all(today, firstTaskId) as { status: string; n: number; overdue: number }[];
const counts = mix
  .prepare(
    `SELECT (SELECT COUNT(*) FROM directive) AS directives, (SELECT COUNT(*) FROM task) AS tasks,
       (SELECT COUNT(*) FROM task WHERE parent_id IS NOT NULL) AS breakdowns,
       (SELECT COUNT(*) FROM task_state) AS states, (SELECT COUNT(*) FROM task_event) AS events,
       (SELECT COUNT(*) FROM task_report) AS reports`,
  )
  .get();
mix.close();
console.log(
  `${out}: as of ${today}, planned in ${((planned - started) / 1000).toFixed(1)} s, written in ${((written - planned) / 1000).toFixed(1)} s (${values.through})`,
);
console.log(phases);
console.log(counts);
console.table(rows);
