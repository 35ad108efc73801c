import SQLite from "better-sqlite3";

/**
 * Group commit (issue 12). The server's connection commits with synchronous=NORMAL: a commit
 * appends to the WAL file without waiting for the disk. A change is acknowledged only once
 * `durable()` resolves: after a commit on this second connection, with synchronous=FULL, which
 * synchronises the WAL file, and so every commit appended before it. Calls that arrive while a
 * synchronisation is pending share it: one disk flush for all the changes of a moment instead of
 * one each, and the event loop waits for the disk once. An acknowledged change is as durable as
 * with synchronous=FULL on every commit (SQLite's WAL stays consistent either way).
 */
export function groupCommit(path: string): {
  durable: () => Promise<void>;
  /** How many synchronising commits so far (tests). */
  syncs: () => number;
  close: () => void;
} {
  const sqlite = new SQLite(path, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  const sync = sqlite.prepare("UPDATE durability SET syncs = syncs + 1 WHERE id = 1");
  let count = 0;
  let pending: Promise<void> | null = null;
  return {
    durable() {
      // A pending synchronisation has not started yet: it covers the caller's commit, made before.
      if (pending) return pending;
      pending = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          pending = null;
          try {
            sync.run();
            count += 1;
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      });
      return pending;
    },
    syncs: () => count,
    close: () => sqlite.close(),
  };
}
