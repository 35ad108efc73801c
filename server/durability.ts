import { channel } from "node:diagnostics_channel";
import { closeSync, fdatasync, fstatSync, openSync, statSync } from "node:fs";
import { open } from "node:fs/promises";

/** What the group commit publishes for a benchmark's probe (scripts/bench-probe.mjs). */
export const GROUP_COMMIT_CHANNEL = "dondoc:group-commit";
/**
 * `{ syncMs }` for each synchronisation, `{ waitMs }` for each change acknowledged: from the call
 * to the moment the event loop takes the result, so a flush that waits for the thread pool or
 * for a busy event loop counts that wait too. Nothing is measured while no one listens.
 */
export type GroupCommitMessage = { syncMs: number } | { waitMs: number };
const published = channel(GROUP_COMMIT_CHANNEL);

/**
 * Group commit (issue 12). The server's connection commits with synchronous=NORMAL: a commit
 * appends its pages to the WAL file (write(2): the OS has them) without waiting for the disk. A
 * change is acknowledged only once `durable()` resolves: after an fdatasync(2) of the WAL file,
 * which puts on disk every commit appended before it. That is the call SQLite itself makes after
 * each commit with synchronous=FULL, here made once for all the commits of a moment, and in
 * libuv's thread pool: the event loop never waits for the disk. An acknowledged change is as
 * durable as with synchronous=FULL on every commit. (When the WAL restarts, its earlier frames
 * are already in the database file: a checkpoint synchronises the file before.)
 *
 * The calls of a moment (this turn of the event loop) share one synchronisation, which starts at
 * the end of that turn even while an earlier one runs (their commits may have been appended after
 * it began): a change waits for one flush, not for the end of another first. At most
 * `MAX_FLUSHES` run at once, so that flushes never take the whole thread pool; the calls of a
 * moment that finds them all running share the next one to start. A flush may first wait for
 * other writes of its moment (`before`: the request log's rows), and counts as running meanwhile.
 * Under the mixed load a change waited 9–13 ms for its flush at the median when flushes ran one
 * at a time, 6 ms two at a time (README, Performance, issue 12, ninth round).
 */
const MAX_FLUSHES = 2;

export function groupCommit(
  dbPath: string,
  options: {
    /** How a file is put on disk: fdatasync(2); a test may hold it. */
    flush?: (fd: number, done: (error: Error | null) => void) => void;
    /**
     * The writes a moment's flush must carry besides its changes, waited for when it is about
     * to start: the request log's rows of the moment (server/trpc.ts `requestLogWritten`).
     */
    before?: () => Promise<unknown>;
  } = {},
): {
  durable: () => Promise<void>;
  /** How many synchronisations so far (tests). */
  syncs: () => number;
  close: () => void;
} {
  const { flush = fdatasync, before } = options;
  const walPath = `${dbPath}-wal`;
  let fd: number | null = null;
  let count = 0;
  /** The synchronisations running, oldest first. */
  let running: Promise<void>[] = [];
  let next: Promise<void> | null = null;

  /**
   * The WAL file's descriptor for the flush `flushing`, opened again if SQLite ever made a new file.
   * The old one is closed once the other flushes running (on it) have ended: its number must not
   * name the new file meanwhile.
   */
  function walFile(flushing: Promise<void>): number {
    if (fd !== null && fstatSync(fd).ino !== statSync(walPath).ino) {
      const old = fd;
      const others = running.filter((other) => other !== flushing);
      void Promise.allSettled(others).then(() => closeSync(old));
      fd = null;
    }
    fd ??= openSync(walPath, "r");
    return fd;
  }

  /** A flush once `carried` (the moment's other writes) is done; it counts as running from now. */
  function start(carried: Promise<unknown>): Promise<void> {
    const synced = carried
      .then(
        () =>
          new Promise<void>((resolve, reject) => {
            const began = published.hasSubscribers ? performance.now() : null;
            flush(walFile(synced), (error) => {
              if (error) return reject(error);
              count += 1;
              if (began !== null) {
                published.publish({
                  syncMs: performance.now() - began,
                } satisfies GroupCommitMessage);
              }
              resolve();
            });
          }),
      )
      .finally(() => {
        running = running.filter((other) => other !== synced);
      });
    running.push(synced);
    return synced;
  }

  /** The synchronisation that puts on disk what was committed until now. */
  function nextSync(): Promise<void> {
    const full = running.length >= MAX_FLUSHES ? running[0] : undefined;
    next ??= (full ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        // Later calls go to the next flush; this one carries the moment's other writes too.
        next = null;
        return start(before?.().catch(() => undefined) ?? Promise.resolve());
      });
    return next;
  }

  return {
    durable() {
      if (!published.hasSubscribers) return nextSync();
      const asked = performance.now();
      const synced = nextSync();
      synced.then(
        () => published.publish({ waitMs: performance.now() - asked } satisfies GroupCommitMessage),
        () => undefined,
      );
      return synced;
    },
    syncs: () => count,
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/**
 * fdatasync(2) of the file at `path` in libuv's thread pool, the event loop going on meanwhile
 * (server/wal-keeper.ts: the database file before the hold). Opened at the first call.
 */
export function fileSync(path: string): { sync: () => Promise<void>; close: () => Promise<void> } {
  let handle: ReturnType<typeof open> | null = null;
  return {
    sync: async () => {
      handle ??= open(path, "r");
      await (await handle).datasync();
    },
    close: async () => {
      await (await handle)?.close();
      handle = null;
    },
  };
}
