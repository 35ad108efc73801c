import { type Kysely, sql } from "kysely";
import { addEvents, CLOSED_ON, trigger } from "./0008-kept-counts.ts";

/**
 * Status updates at a national scale (issue 12): a change made today has no event dated before
 * a monthly checkpoint (the latest is the first day of this month), yet the triggers of
 * migration 0008 computed its events a second time to join them with the checkpoints. The
 * checkpoint half of each trigger becomes a trigger of its own that runs only when a checkpoint
 * follows the first day it touches: a state's events begin on the day it begins, and closing a
 * state touches its events from the day it closes.
 */
const OPENED_ON = "date(NEW.valid_from, '+7 hours')";
const checkpointAfter = (day: string) =>
  `WHEN EXISTS (SELECT 1 FROM stat_checkpoint WHERE month > ${day})`;

const parts = [
  {
    name: "stat_state_insert",
    on: "AFTER INSERT ON task_state",
    events: addEvents("e.state_id = NEW.id", ""),
    from: OPENED_ON,
  },
  {
    name: "stat_state_close_before",
    on: "BEFORE UPDATE OF valid_to ON task_state",
    events: addEvents(`e.state_id = OLD.id AND e.day >= ${CLOSED_ON}`, "-"),
    from: CLOSED_ON,
  },
  {
    name: "stat_state_close_after",
    on: "AFTER UPDATE OF valid_to ON task_state",
    events: addEvents(`e.state_id = NEW.id AND e.day >= ${CLOSED_ON}`, ""),
    from: CLOSED_ON,
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, on, events, from } of parts) {
    const [days, checkpoints] = events;
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
    await sql.raw(trigger(name, on, [days])).execute(db);
    await sql
      .raw(trigger(`${name}_month`, `${on} ${checkpointAfter(from)}`, [checkpoints]))
      .execute(db);
  }
}
