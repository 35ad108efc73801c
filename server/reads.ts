import type { Db } from "../db/open.ts";
import {
  keptUrgencyCounts,
  listOverdue,
  statisticCounts,
  statisticCountsOn,
  statisticDueInPeriod,
  statisticTable,
} from "../db/statistic.ts";
import { countByTimeliness, listTasks } from "../db/task.ts";
import { remindableTasks } from "../db/urge.ts";
import type { User } from "../db/user.ts";
import type { IsoDate } from "../shared/date.ts";
import type { Viewer } from "../shared/permission.ts";
import { fixedClock } from "./clock.ts";
import type { Context, Reader } from "./context.ts";
import { countInbox, viewInbox } from "./domain/inbox.ts";

/** The task list, its ranks counted by the kept counts when they know them. */
function taskList(db: Db, viewer: Viewer, input: Parameters<typeof listTasks>[2], today: IsoDate) {
  return listTasks(db, viewer, input, today, (viewer, today) =>
    keptUrgencyCounts(db, viewer, today),
  );
}

/**
 * A read of server/domain/ taking the signed-in user's Reader, as a read of this table: the user,
 * what they see through and the instant cross threads, the clock does not.
 */
function asOf<T>(read: (reader: Reader) => Promise<T>) {
  return (db: Db, user: User, viewer: Viewer, now: Date) =>
    read({ db, user, viewer, clock: fixedClock(now) });
}

/**
 * The long reads of the leaders' views and the task list (issue 12), which may run on a worker thread with its own
 * read-only connection (server/read-worker.ts, WAL lets it read while the main thread writes), so
 * that a leader's figures never hold the event loop other users' requests wait on. Each is a plain
 * query function of db/ taking the database first; arguments and results cross threads by
 * structured clone.
 */
export const READS = {
  statisticCounts,
  statisticDueInPeriod,
  statisticTable,
  statisticCountsOn,
  listOverdue,
  // The task list and its counts: sorting every visible task by urgency takes seconds at a
  // national scale.
  listTasks: taskList,
  countByTimeliness,
  // Everyone's landing page: an officer of a national tracker follows 100,000 overdue tasks;
  // and its count alone, which the menu shows on every other page.
  inboxView: asOf(viewInbox),
  inboxCount: asOf(countInbox),
  // The reminder job's candidates: a pass over the open overdue tasks (0.4 s at a million).
  remindableTasks,
} as const;

type ReadName = keyof typeof READS;
type Rest<F> = F extends (db: Db, ...args: infer A) => unknown ? A : never;

/** Runs a read by name, here or on a worker. */
export type Reads = <K extends ReadName>(
  name: K,
  ...args: Rest<(typeof READS)[K]>
) => ReturnType<(typeof READS)[K]>;

/** A read as a message to a worker. */
export type ReadTask = { name: ReadName; args: unknown[] };

/** Runs `task` on `db`: the worker's handler, and the in-process default. */
export function runRead(db: Db, task: ReadTask): Promise<unknown> {
  const read = READS[task.name] as (db: Db, ...args: unknown[]) => Promise<unknown>;
  return read(db, ...task.args);
}

/** The reads on the request's own connection (tests, development, a single thread). */
export function readsHere(db: Db): Reads {
  return ((name: ReadName, ...args: unknown[]) => runRead(db, { name, args })) as Reads;
}

/** The reader threads when the server has them, else the request's connection. */
export function readsOf(ctx: Pick<Context, "db" | "reads">): Reads {
  return ctx.reads ?? readsHere(ctx.db);
}
