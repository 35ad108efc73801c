import { channel } from "node:diagnostics_channel";
import { closeSync, fdatasync, fstatSync, openSync, statSync } from "node:fs";

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
 * The calls of a moment share one synchronisation; calls made while one runs share the next (their
 * commits may have been appended after the running one began).
 */
export function groupCommit(dbPath: string): {
  durable: () => Promise<void>;
  /** How many synchronisations so far (tests). */
  syncs: () => number;
  close: () => void;
} {
  const walPath = `${dbPath}-wal`;
  let fd: number | null = null;
  let count = 0;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  /** The WAL file's descriptor, opened again if SQLite ever made a new file. */
  function walFile(): number {
    if (fd !== null && fstatSync(fd).ino !== statSync(walPath).ino) {
      closeSync(fd);
      fd = null;
    }
    fd ??= openSync(walPath, "r");
    return fd;
  }

  function start(): Promise<void> {
    const began = published.hasSubscribers ? performance.now() : null;
    running = new Promise<void>((resolve, reject) => {
      fdatasync(walFile(), (error) => {
        if (error) return reject(error);
        count += 1;
        if (began !== null) {
          published.publish({ syncMs: performance.now() - began } satisfies GroupCommitMessage);
        }
        resolve();
      });
    }).finally(() => {
      running = null;
    });
    return running;
  }

  /** The synchronisation that puts on disk what was committed until now. */
  function nextSync(): Promise<void> {
    // The next synchronisation starts once the running one has ended and the calls of this
    // moment (this turn of the event loop) have joined it.
    next ??= (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        next = null;
        return start();
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
