import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { workerData } from "piscina";
import { openReadOnlyDb, walCheckpointer } from "../db/open.ts";
import { type ReadTask, runRead } from "./reads.ts";
import { DRAIN_BEGUN, DRAIN_GO } from "./wal-keeper.ts";

/** The reader threads' nice value (0 is the server's, 19 the lowest priority). */
const READER_NICE = 10;

/**
 * A worker thread of the read pool (server/read-pool.ts): its own read-only connection to the
 * database file, answering one read at a time; and, opened at the first, a connection for the
 * WAL checkpoints the server asks for.
 */
const db = openReadOnlyDb(String(workerData.dbPath));
yieldToTheServer();
let walCheckpoint: ReturnType<typeof walCheckpointer> | null = null;

/** One read in one read transaction: its queries see the same snapshot of the database. */
export function read(task: ReadTask): Promise<unknown> {
  return db.transaction().execute((trx) => runRead(trx, task));
}

/**
 * A checkpoint while the server holds its connection (server/wal-keeper.ts): says it has begun,
 * waits for the server's go (a second at most, then copies anyway) and copies the WAL.
 */
export function drain(shared: SharedArrayBuffer): ReturnType<ReturnType<typeof walCheckpointer>> {
  const flags = new Int32Array(shared);
  Atomics.store(flags, DRAIN_BEGUN, 1);
  Atomics.notify(flags, DRAIN_BEGUN);
  Atomics.wait(flags, DRAIN_GO, 0, 1_000);
  return checkpoint();
}

/** Copies what it can of the WAL into the database file (db/open.ts `walCheckpointer`). */
export function checkpoint(): ReturnType<ReturnType<typeof walCheckpointer>> {
  walCheckpoint ??= walCheckpointer(String(workerData.dbPath));
  return walCheckpoint();
}

/**
 * Lowers this thread's scheduling priority to nice 10, below the server's main thread: on a host
 * with few cores a leader's figures then take the time the officers' changes leave, instead of a
 * core a change waits for (issue 12's mixed load; figures in the README, Performance, eleventh
 * round). Linux gives each thread its own priority, named by its id in /proc/thread-self;
 * elsewhere the call would lower the whole server, so it is not made. A thread already lower is
 * left so, and a refusal leaves the reads as they were.
 */
function yieldToTheServer(): void {
  try {
    const thread = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(thread) && thread > 0 && getPriority(thread) < READER_NICE) {
      setPriority(thread, READER_NICE);
    }
  } catch {
    // Not Linux, or not allowed: the reads run at the server's priority.
  }
}
