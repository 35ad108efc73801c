/**
 * WAL upkeep without the server's thread (server/wal-keeper.ts, db/connection-gate.ts, issue 12):
 * the gate holds the connection's new work while a checkpoint on the reader thread copies what is
 * left of a long WAL, and the server's next write starts the WAL again from its beginning.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionGate } from "../../db/connection-gate.ts";
import { type Db, openDb } from "../../db/open.ts";
import { fileSync } from "../../server/durability.ts";
import { readPool } from "../../server/read-pool.ts";
import { walKeeper } from "../../server/wal-keeper.ts";

const WORKER = "dist/server/read-worker.js";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gatedDb(): Promise<{ db: Db; gate: ConnectionGate; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), "dondoc-wal-"));
  const path = join(dir, "test.db");
  const gate = new ConnectionGate();
  const db = await openDb(path, { synchronous: "NORMAL", gate });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => db.destroy());
  // As on the server: this connection never checkpoints by itself here.
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
  await sql`CREATE TABLE filler (text TEXT NOT NULL)`.execute(db);
  return { db, gate, path };
}

async function fill(db: Db, rows: number): Promise<void> {
  for (let i = 0; i < rows; i++) {
    await sql`INSERT INTO filler (text) VALUES (${"x".repeat(4000)})`.execute(db);
  }
}

const count = async (db: Db) =>
  (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM filler`.execute(db)).rows[0]?.n;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("the connection gate", () => {
  it("lets the work under way finish, then holds new work until its own is done", async () => {
    const { db, gate } = await gatedDb();
    const events: string[] = [];
    const insideTransaction = deferred();
    const transaction = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO filler (text) VALUES ('a')`.execute(trx);
      await insideTransaction.promise;
      events.push("transaction ends");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));

    const held = deferred();
    const hold = gate.hold(async () => {
      events.push("hold begins");
      await held.promise;
      events.push("hold ends");
    });
    const later = db
      .insertInto("filler" as never)
      .values({ text: "b" } as never)
      .execute()
      .then(() => events.push("later write"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The transaction holds the connection: the gate's work has not begun.
    expect(events).toEqual([]);

    insideTransaction.resolve();
    await transaction;
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The gate's work has begun; the write that came later waits.
    expect(events).toEqual(["transaction ends", "hold begins"]);

    held.resolve();
    await Promise.all([hold, later]);
    expect(events).toEqual(["transaction ends", "hold begins", "hold ends", "later write"]);
    expect(gate.closed).toBeNull();
    expect(await count(db)).toBe(2);
  });
});

describe("WAL upkeep", () => {
  it("holds the connection for a last copy once the WAL is long, and the WAL starts again", async () => {
    // npm test builds before it tests; the worker is the built one, as the server runs it.
    expect(existsSync(WORKER)).toBe(true);
    const { db, gate, path } = await gatedDb();
    const pool = readPool(path, 1, WORKER);
    if (!pool) throw new Error("no pool");
    cleanups.push(() => pool.close());
    const holds = vi.spyOn(gate, "hold");
    // The database file put on disk before the hold, while changes go on.
    const file = fileSync(path);
    cleanups.push(() => file.close());
    let heldDuringSync: boolean | null = null;
    const syncDatabase = vi.fn(async () => {
      heldDuringSync = gate.closed !== null;
      await file.sync();
    });
    // Whether the server's connection was held while the last copy ran.
    let heldDuringCopy: boolean | null = null;
    const drain = (shared: SharedArrayBuffer) => {
      const copied = pool.drain(shared);
      void copied.then(() => {
        heldDuringCopy ??= gate.closed !== null;
      });
      return copied;
    };

    await fill(db, 20);
    const short = await walKeeper({ ...pool, drain, gate, syncDatabase, restartAtPages: 1_000 })();
    // Below the limit: a checkpoint, nothing held, nothing synchronised.
    expect(short.walPages).toBeGreaterThanOrEqual(20);
    expect(holds).not.toHaveBeenCalled();
    expect(syncDatabase).not.toHaveBeenCalled();

    await fill(db, 20);
    const long = await walKeeper({ ...pool, drain, gate, syncDatabase, restartAtPages: 30 })();
    expect(holds).toHaveBeenCalledTimes(1);
    expect(syncDatabase).toHaveBeenCalledTimes(1);
    expect(syncDatabase.mock.invocationCallOrder[0]).toBeLessThan(
      holds.mock.invocationCallOrder[0] ?? 0,
    );
    expect(heldDuringSync).toBe(false);
    expect(heldDuringCopy).toBe(true);
    expect(long.copiedPages).toBe(long.walPages);
    expect(gate.closed).toBeNull();
    // Wholly copied with nothing written since: the next write starts the WAL again.
    await fill(db, 1);
    expect((await pool.checkpoint()).walPages).toBeLessThan(10);
    expect(await count(db)).toBe(41);
  });

  it("lets writes that come during the last copy wait, and makes them after", async () => {
    const { db, gate, path } = await gatedDb();
    const pool = readPool(path, 1, WORKER);
    if (!pool) throw new Error("no pool");
    cleanups.push(() => pool.close());
    await fill(db, 40);
    const file = fileSync(path);
    cleanups.push(() => file.close());
    const round = walKeeper({ ...pool, gate, syncDatabase: file.sync, restartAtPages: 30 })();
    const writes = Array.from({ length: 20 }, () => fill(db, 1));
    const [drained] = await Promise.all([round, ...writes]);
    expect(drained?.copiedPages).toBe(drained?.walPages);
    expect(await count(db)).toBe(60);
  });
});
