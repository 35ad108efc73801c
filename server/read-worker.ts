import { workerData } from "piscina";
import { openReadOnlyDb, walCheckpointer } from "../db/open.ts";
import { type ReadTask, runRead } from "./reads.ts";
import { DRAIN_BEGUN, DRAIN_GO } from "./wal-keeper.ts";

/**
 * A worker thread of the read pool (server/read-pool.ts): its own read-only connection to the
 * database file, answering one read at a time; and, opened at the first, a connection for the
 * WAL checkpoints the server asks for.
 */
const db = openReadOnlyDb(String(workerData.dbPath));
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
