/**
 * Group commit (server/durability.ts, issue 12): changes committed without waiting for the disk
 * are acknowledged after one synchronisation of the WAL file that all the callers of a moment
 * share; WAL checkpoints run on a connection of their own (db/open.ts `walCheckpointer`).
 */
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { walCheckpointer } from "../../db/open.ts";
import { groupCommit } from "../../server/durability.ts";
import { dataDirOf, freshDb } from "../support/api.ts";

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
