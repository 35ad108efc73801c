/**
 * Group commit (server/durability.ts, issue 12): changes committed without waiting for the disk
 * are acknowledged after one synchronisation of the WAL file that all the callers of a moment
 * share; WAL checkpoints run on a connection of their own (db/open.ts `walCheckpointer`).
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { fdatasync, fstatSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { walCheckpointer } from "../../db/open.ts";
import {
  GROUP_COMMIT_CHANNEL,
  type GroupCommitMessage,
  groupCommit,
} from "../../server/durability.ts";
import { requestLogWritten } from "../../server/trpc.ts";
import { dataDirOf, freshDb, signedInAs } from "../support/api.ts";

/** A few turns of the event loop: enough for a moment's flush to start (or not). */
async function turns(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Flushes the test ends itself: each call is kept, with the descriptor it flushes. */
function heldFlushes() {
  const held: { fd: number; end: () => void }[] = [];
  const flush = (fd: number, done: (error: Error | null) => void) => {
    held.push({ fd, end: () => done(null) });
  };
  return { held, flush };
}

/** Whether a file descriptor is open on the file of that inode. */
function names(fd: number, inode: number): boolean {
  try {
    return fstatSync(fd).ino === inode;
  } catch {
    return false;
  }
}

describe("group commit", () => {
  it("synchronises once for the changes of a moment, and again for later ones", async () => {
    const db = await freshDb();
    const commits = groupCommit(join(dataDirOf(db), "test.db"));
    try {
      await Promise.all(Array.from({ length: 10 }, () => commits.durable()));
      expect(commits.syncs()).toBe(1);
      await commits.durable();
      await Promise.all([commits.durable(), commits.durable()]);
      expect(commits.syncs()).toBe(3);
    } finally {
      commits.close();
    }
  });

  it("starts a moment's flush while an earlier one runs, two at most", async () => {
    const db = await freshDb();
    // Flushes held until the test ends them.
    const { held, flush } = heldFlushes();
    const commits = groupCommit(join(dataDirOf(db), "test.db"), { flush });
    try {
      const acknowledged: string[] = [];
      const a = commits.durable().then(() => acknowledged.push("a"));
      await turns();
      expect(held).toHaveLength(1);
      // A later moment's flush starts beside the running one.
      const b = commits.durable().then(() => acknowledged.push("b"));
      await turns();
      expect(held).toHaveLength(2);
      // Two at most: the next moment waits for the oldest.
      const c = commits.durable().then(() => acknowledged.push("c"));
      await turns();
      expect(held).toHaveLength(2);
      // b's flush ends first: b is on disk, acknowledged while a's flush still runs.
      held[1]?.end();
      await b;
      expect(acknowledged).toEqual(["b"]);
      held[0]?.end();
      await a;
      await turns();
      expect(held).toHaveLength(3);
      held[2]?.end();
      await c;
      expect(acknowledged).toEqual(["b", "a", "c"]);
      expect(commits.syncs()).toBe(3);
    } finally {
      commits.close();
    }
  });

  it("starts a moment's flush once the writes it carries are done, counting it as running meanwhile", async () => {
    const db = await freshDb();
    const { held, flush } = heldFlushes();
    const carried: (() => void)[] = [];
    const commits = groupCommit(join(dataDirOf(db), "test.db"), {
      flush,
      before: () =>
        new Promise<void>((resolve) => {
          carried.push(resolve);
        }),
    });
    try {
      const a = commits.durable();
      await turns();
      // The moment is over: its flush waits for the writes it carries; a call now is the next's.
      expect(carried).toHaveLength(1);
      expect(held).toHaveLength(0);
      const b = commits.durable();
      await turns();
      expect(carried).toHaveLength(2);
      // Two flushes waiting for what they carry are two running: the third waits its turn.
      const c = commits.durable();
      await turns();
      expect(carried).toHaveLength(2);
      carried[0]?.();
      await turns();
      expect(held).toHaveLength(1);
      carried[1]?.();
      await turns();
      expect(held).toHaveLength(2);
      held[0]?.end();
      await a;
      await turns();
      expect(carried).toHaveLength(3);
      carried[2]?.();
      await turns();
      expect(held).toHaveLength(3);
      held[1]?.end();
      held[2]?.end();
      await Promise.all([b, c]);
      expect(commits.syncs()).toBe(3);
    } finally {
      commits.close();
    }
  });

  it("answers a change after a flush that carries its request's row, even when the moment's flush was asked for first", async () => {
    const db = await freshDb();
    const path = join(dataDirOf(db), "test.db");
    const reader = new SQLite(path, { readonly: true });
    const requestRows = () =>
      (
        reader.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'request'").get() as {
          n: number;
        }
      ).n;
    // Each flush notes how many request rows were written when it began.
    const atFlush: number[] = [];
    const commits = groupCommit(path, {
      flush: (fd, done) => {
        atFlush.push(requestRows());
        fdatasync(fd, done);
      },
      before: () => requestLogWritten(db),
    });
    try {
      const officer = await signedInAs(db, "canbo.bct", { durable: commits.durable });
      const rows = requestRows();
      // Another change of the same moment asked for the flush before this one's row was asked for.
      const other = commits.durable();
      await officer.inbox.markSeen({ kind: "report", ids: [1] });
      await other;
      expect(requestRows()).toBe(rows + 1);
      expect(atFlush).toEqual([rows + 1]);
    } finally {
      commits.close();
      reader.close();
    }
  });

  it("keeps a replaced WAL file's descriptor open until the flushes running on it end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dondoc-wal-"));
    const wal = join(dir, "x.db-wal");
    writeFileSync(wal, "first");
    const { held, flush } = heldFlushes();
    const commits = groupCommit(join(dir, "x.db"), { flush });
    try {
      const first = commits.durable();
      await turns();
      const old = held[0];
      if (!old) throw new Error("no flush started");
      const oldFile = fstatSync(old.fd).ino;
      // SQLite makes a new WAL file while that flush runs.
      rmSync(wal);
      writeFileSync(wal, "second");
      const second = commits.durable();
      await turns();
      expect(held).toHaveLength(2);
      expect(fstatSync(held[1]?.fd ?? -1).ino).toBe(statSync(wal).ino);
      // The running flush's descriptor still names the file it flushes.
      expect(names(old.fd, oldFile)).toBe(true);
      old.end();
      await first;
      await turns();
      // Then it is closed (or its number names another file by now).
      expect(names(old.fd, oldFile)).toBe(false);
      held[1]?.end();
      await second;
    } finally {
      commits.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("tells a listener how long each flush took and how long each change waited for it", async () => {
    const db = await freshDb();
    const commits = groupCommit(join(dataDirOf(db), "test.db"));
    const messages: GroupCommitMessage[] = [];
    const listen = (message: unknown) => messages.push(message as GroupCommitMessage);
    subscribe(GROUP_COMMIT_CHANNEL, listen);
    try {
      await Promise.all([commits.durable(), commits.durable(), commits.durable()]);
      const syncs = messages.flatMap((m) => ("syncMs" in m ? [m.syncMs] : []));
      const waits = messages.flatMap((m) => ("waitMs" in m ? [m.waitMs] : []));
      expect(syncs).toHaveLength(1);
      expect(waits).toHaveLength(3);
      // A change waits for the whole flush, and for the moment it joined it.
      for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(syncs[0] ?? Infinity);
    } finally {
      unsubscribe(GROUP_COMMIT_CHANNEL, listen);
      commits.close();
    }
    // Without a listener nothing is published.
    const before = messages.length;
    const quiet = groupCommit(join(dataDirOf(db), "test.db"));
    await quiet.durable();
    quiet.close();
    expect(messages).toHaveLength(before);
  });

  it("copies the WAL into the database file from another connection", async () => {
    const db = await freshDb();
    await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
    await sql`CREATE TABLE filler (text TEXT NOT NULL)`.execute(db);
    for (let i = 0; i < 20; i++) {
      await sql`INSERT INTO filler (text) VALUES (${"x".repeat(4000)})`.execute(db);
    }
    const checkpoint = walCheckpointer(join(dataDirOf(db), "test.db"));
    const first = checkpoint();
    expect(first.walPages).toBeGreaterThanOrEqual(20);
    expect(first.copiedPages).toBe(first.walPages);
    // The server's connection restarts the WAL at its next write: nothing is left to copy.
    await sql`INSERT INTO filler (text) VALUES ('y')`.execute(db);
    const second = checkpoint();
    expect(second.walPages).toBeLessThan(first.walPages);
    expect(
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM filler`.execute(db)).rows[0]?.n,
    ).toBe(21);
  });
});
