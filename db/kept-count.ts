import { sql } from "kysely";
import type { IsoDate } from "../shared/date.ts";
import { addMonths } from "../shared/statistic.ts";
import { KEPT_COUNTS } from "./migrations/0008-kept-counts.ts";
import type { Db } from "./open.ts";

/**
 * The upkeep of the kept statistics (migration 0008): triggers keep the day deltas exact; this
 * adds the monthly checkpoints, so that a figure as of a day reads one checkpoint and the deltas
 * of at most a month. Reads are right without it (they sum the days since the last checkpoint),
 * only slower; server/jobs.ts runs it at start and every hour.
 */
const KEYS = "basis, tracking_agency_id, lead_agency_id, successor_agency_id, top, is_key";

/**
 * Adds the checkpoint of each month from the first month with kept deltas (or the last
 * checkpoint) to the month of `today`: the sum of every delta of the days before its first day,
 * built from the previous checkpoint and the month between. Returns how many it added.
 */
export async function advanceCheckpoints(db: Db, today: IsoDate): Promise<number> {
  const target = `${today.slice(0, 7)}-01`;
  const last = await db
    .selectFrom("statCheckpoint")
    .select((eb) => eb.fn.max("statCheckpoint.month").as("month"))
    .executeTakeFirst();
  let previous: string | null = last?.month ?? null;
  if (previous === null) {
    const first = await db
      .selectFrom("statDay")
      .select((eb) => eb.fn.min("statDay.day").as("day"))
      .executeTakeFirst();
    // No delta before the first day: its month's checkpoint is empty.
    previous = first?.day ? `${first.day.slice(0, 7)}-01` : target;
    await db.insertInto("statCheckpoint").values({ month: previous }).execute();
  }
  const counts = KEPT_COUNTS.join(", ");
  const sums = KEPT_COUNTS.map((column) => `SUM(${column})`).join(", ");
  const nonZero = KEPT_COUNTS.map((column) => `SUM(${column}) <> 0`).join(" OR ");
  let added = 0;
  while (previous < target) {
    const from: string = previous;
    const month = `${addMonths(from.slice(0, 7), 1)}-01`;
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO stat_month (month, ${sql.raw(KEYS)}, ${sql.raw(counts)})
        SELECT ${month}, ${sql.raw(KEYS)}, ${sql.raw(sums)} FROM (
          SELECT ${sql.raw(KEYS)}, ${sql.raw(counts)} FROM stat_month WHERE month = ${from}
          UNION ALL
          SELECT ${sql.raw(KEYS)}, ${sql.raw(counts)} FROM stat_day
            WHERE day >= ${from} AND day < ${month})
        GROUP BY ${sql.raw(KEYS)} HAVING ${sql.raw(nonZero)}`.execute(trx);
      await trx.insertInto("statCheckpoint").values({ month }).execute();
    });
    previous = month;
    added += 1;
  }
  return added;
}
