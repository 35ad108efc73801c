/**
 * Queries built once (db/prepared.ts): each run binds its own values, inside a transaction too,
 * with the rows mapped as Kysely maps them; a value that would not be bound is refused.
 */
import { describe, expect, it } from "vitest";
import { preparedQuery } from "../../db/prepared.ts";
import { freshDb } from "../support/api.ts";

describe("a prepared query", () => {
  it("binds each run's values and gives the rows the builder gives", async () => {
    const db = await freshDb();
    const agency = preparedQuery((db, p: { code: string }) =>
      db
        .selectFrom("agency")
        .select(["agency.id", "agency.shortName", "agency.parentId"])
        .where("agency.code", "=", p.code)
        .limit(1),
    );
    for (const code of ["BCT", "VPCP", "no-such-code"]) {
      const built = await db
        .selectFrom("agency")
        .select(["agency.id", "agency.shortName", "agency.parentId"])
        .where("agency.code", "=", code)
        .limit(1)
        .execute();
      expect((await agency(db, { code })).rows).toEqual(built);
    }
    expect((await agency(db, { code: "BCT" })).rows).toHaveLength(1);
  });

  it("writes inside the transaction that runs it", async () => {
    const db = await freshDb();
    const rename = preparedQuery((db, p: { id: number; shortName: string }) =>
      db.updateTable("agency").set({ shortName: p.shortName }).where("agency.id", "=", p.id),
    );
    const { id, shortName } = await db
      .selectFrom("agency")
      .select(["agency.id", "agency.shortName"])
      .where("agency.code", "=", "BCT")
      .executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        const result = await rename(trx, { id, shortName: "Tạm" });
        expect(result.numAffectedRows).toBe(1n);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const after = await db
      .selectFrom("agency")
      .select("agency.shortName")
      .where("agency.id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after.shortName).toBe(shortName);
  });

  it("refuses a value that decides the query's shape instead of being bound", async () => {
    const db = await freshDb();
    // The shape would be fixed by the first run's values: refused rather than cached wrongly.
    const shaped = preparedQuery((db, p: { onlyActive: boolean }) => {
      const query = db.selectFrom("appUser").select("appUser.id");
      return p.onlyActive ? query.where("appUser.isActive", "=", 1) : query;
    });
    await expect(shaped(db, { onlyActive: false })).rejects.toThrow(
      "onlyActive did not become parameters",
    );
  });
});
