import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { integerList } from "../../db/integer-list.ts";

const db = new Kysely<Record<string, never>>({
  dialect: new SqliteDialect({ database: new SQLite(":memory:") }),
});
afterAll(() => db.destroy());

describe("integerList", () => {
  it("writes integers into the query as one list, which SQLite reads as such", async () => {
    const query = sql<{ value: number }>`SELECT value FROM json_each('[1, 2, 3, 4, -5]')
      WHERE value IN (${integerList([4, 2, -5])}) ORDER BY value`;
    expect(query.compile(db).sql).toContain("IN (4, 2, -5)");
    expect(query.compile(db).parameters).toEqual([]);
    expect((await query.execute(db)).rows.map((row) => row.value)).toEqual([-5, 2, 4]);
  });

  it("refuses anything but a safe integer", () => {
    for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => integerList([1, value])).toThrow("is not an integer");
    }
  });
});
