import { type Kysely, sql } from "kysely";

/**
 * Group commit (issue 12): the server commits its transactions without waiting for the disk and
 * answers a change only after a later write to this one-row table, committed with
 * synchronous=FULL, has synchronised the WAL file, which makes every commit before it durable
 * (server/durability.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE durability (id INTEGER PRIMARY KEY CHECK (id = 1), syncs INTEGER NOT NULL)`.execute(
    db,
  );
  await sql`INSERT INTO durability (id, syncs) VALUES (1, 0)`.execute(db);
}
