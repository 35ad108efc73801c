import type { ConnectionGate } from "../db/connection-gate.ts";

/** What a checkpoint found in the WAL and copied of it, in pages (db/open.ts `walCheckpointer`). */
export type Checkpoint = { walPages: number; copiedPages: number };

/** The flags a drain and the server share (Int32Array indexes): the drain has begun; go. */
export const DRAIN_BEGUN = 0;
export const DRAIN_GO = 1;

/**
 * One round of WAL upkeep (issue 12), run by the server every half second. A checkpoint on the
 * reader thread copies the WAL into the database file while the server goes on writing. SQLite
 * starts the WAL again from its beginning only at a write that finds all of it copied, which
 * never happens while changes keep coming: the WAL then grew until the server's own connection
 * checkpointed inside a commit, holding the event loop for the copy and a flush of the database
 * file (25 ms and more, every few seconds under load at a million tasks). So once the WAL has
 * `restartAtPages`, the round holds the server's connection while a checkpoint copies what is
 * left: new work waits (the event loop does not), and the next write starts the WAL again. The
 * hold begins only once that checkpoint has begun on the reader thread (a leader's read may be
 * ahead of it there), and the checkpoint waits for the hold (`drain`, server/read-worker.ts).
 *
 * The checkpoint that copies the last of the WAL puts the database file on disk before the WAL
 * starts again, and with it every page the earlier rounds copied (they leave the file unsynced
 * while the WAL is not wholly copied): 20,000 pages at a million tasks under the mixed load, a
 * 30 ms flush that the connection waited for in the hold (held 30–66 ms, every second or two).
 * So the file is put on disk first (`syncDatabase`, outside the hold: changes go on meanwhile),
 * and the hold's flush carries only the pages of its own copy (held 8–21 ms; README, Performance,
 * issue 12, twelfth round).
 */
export function walKeeper(options: {
  checkpoint: () => Promise<Checkpoint>;
  drain: (shared: SharedArrayBuffer) => Promise<Checkpoint>;
  gate: ConnectionGate;
  restartAtPages: number;
  /** fdatasync(2) of the database file, off the event loop (server/durability.ts `fileSync`). */
  syncDatabase: () => Promise<void>;
}): () => Promise<Checkpoint> {
  return async () => {
    const passive = await options.checkpoint();
    if (passive.walPages < options.restartAtPages) return passive;
    await options.syncDatabase();
    const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const flags = new Int32Array(shared);
    const drained = options.drain(shared);
    const begun = Atomics.waitAsync(flags, DRAIN_BEGUN, 0);
    // A drain that fails before it begins ends the round with its error.
    await Promise.race([begun.async ? begun.value : null, drained]);
    return options.gate.hold(() => {
      Atomics.store(flags, DRAIN_GO, 1);
      Atomics.notify(flags, DRAIN_GO);
      return drained;
    });
  };
}
