/**
 * Group commit (server/durability.ts, issue 12): changes committed without waiting for the disk
 * are acknowledged after one synchronising commit that all the callers of a moment share.
 */
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { groupCommit } from "../../server/durability.ts";
import { dataDirOf, freshDb } from "../support/api.ts";

describe("group commit", () => {
  it("synchronises once for the changes of a moment, and again for later ones", async () => {
    const db = await freshDb();
    const commits = groupCommit(join(dataDirOf(db), "test.db"));
    try {
      const syncsInFile = async () =>
        Number(
          (await sql<{ syncs: number }>`SELECT syncs FROM durability`.execute(db)).rows[0]?.syncs,
        );
      await Promise.all(Array.from({ length: 10 }, () => commits.durable()));
      expect(commits.syncs()).toBe(1);
      expect(await syncsInFile()).toBe(1);
      await commits.durable();
      await Promise.all([commits.durable(), commits.durable()]);
      expect(commits.syncs()).toBe(3);
      expect(await syncsInFile()).toBe(3);
    } finally {
      commits.close();
    }
  });
});
