import { workerData } from "piscina";
import { openReadOnlyDb } from "../db/open.ts";
import { type ReadTask, runRead } from "./reads.ts";

/**
 * A worker thread of the read pool (server/read-pool.ts): its own read-only connection to the
 * database file, answering one read at a time.
 */
const db = openReadOnlyDb(String(workerData.dbPath));

/** One read in one read transaction: its queries see the same snapshot of the database. */
export function read(task: ReadTask): Promise<unknown> {
  return db.transaction().execute((trx) => runRead(trx, task));
}
