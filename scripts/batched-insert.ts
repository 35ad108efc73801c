/** Inserts of many rows, a statement of many VALUES at a time (scripts/bench-data.ts). */
import type SQLite from "better-sqlite3";

/**
 * An insert of one row at a time, sent to SQLite `size` rows at a time (one statement of many
 * VALUES costs a third less per row than a statement per row); `flush` sends the rest.
 */
export function batched(sqlite: SQLite.Database, head: string, row: string, size = 64) {
  const width = row.split("?").length - 1;
  const many = sqlite.prepare(`${head} VALUES ${Array(size).fill(row).join(", ")}`);
  const one = sqlite.prepare(`${head} VALUES ${row}`);
  const values: unknown[] = Array(width * size).fill(null);
  let count = 0;
  return {
    run(...row: unknown[]): void {
      for (const value of row) values[count++] = value;
      if (count === values.length) {
        many.run(values);
        count = 0;
      }
    },
    flush(): void {
      for (let at = 0; at < count; at += width) one.run(values.slice(at, at + width));
      count = 0;
    },
  };
}
