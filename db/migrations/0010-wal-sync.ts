import { type Kysely, sql } from "kysely";

/**
 * Group commit synchronises the WAL file itself (server/durability.ts): the one-row table whose
 * synchronous=FULL commits did it before (migration 0009) is no longer written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE durability`.execute(db);
}
