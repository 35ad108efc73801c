import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Piscina } from "piscina";
import type { Reads, ReadTask } from "./reads.ts";
import type { Checkpoint } from "./wal-keeper.ts";

/**
 * The pool of reader threads (piscina) for the leaders' views, when the server runs built: the
 * worker is dist/server/read-worker.js beside dist/server/main.js. Null when it is not there
 * (development under tsx) or `threads` is 0: the reads then run on the request's connection.
 */
export function readPool(
  dbPath: string,
  threads: number,
  worker = join(dirname(process.argv[1] ?? ""), "read-worker.js"),
): {
  reads: Reads;
  /** A PASSIVE WAL checkpoint on a reader thread (server/read-worker.ts `checkpoint`). */
  checkpoint: () => Promise<Checkpoint>;
  /** The same, in step with the server (server/read-worker.ts `drain`, server/wal-keeper.ts). */
  drain: (shared: SharedArrayBuffer) => Promise<Checkpoint>;
  close: () => Promise<void>;
} | null {
  if (threads <= 0 || dbPath === ":memory:" || !existsSync(worker)) return null;
  const pool = new Piscina({
    filename: worker,
    minThreads: threads,
    maxThreads: threads,
    workerData: { dbPath },
    // The main thread's flags (a benchmark's probe, say) are not the readers'.
    execArgv: [],
    // A reader's garbage is short-lived rows: a small young generation (V8's default reserves
    // up to 48 MB) keeps the server's resident memory down (issue 12: under 250 MB).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const reads = ((name: ReadTask["name"], ...args: unknown[]) =>
    // `read`: the worker's exported handler (server/read-worker.ts).
    pool.run({ name, args } satisfies ReadTask, { name: "read" })) as Reads;
  return {
    reads,
    checkpoint: () => pool.run(null, { name: "checkpoint" }),
    drain: (shared) => pool.run(shared, { name: "drain" }),
    close: () => pool.destroy(),
  };
}
