/**
 * The guard rail of issue 12: EXPLAIN QUERY PLAN of every query the hot views run, on a small
 * generated database (scripts/dataset.ts) with the planner's statistics as openDb leaves them.
 * - Lists (the overdue list, the task list of a province, visibility) never scan the task table
 *   row by row: they read it through an index (a range, a lookup, a partial index of the rows
 *   they need).
 * - Figures of the whole scope read the kept counts (migration 0008): one checkpoint and the day
 *   deltas since, each a range of its primary key, never a scan of those tables.
 * - Figures read from the states (a scope the kept counts cannot answer: a directive, a period,
 *   the urged filter) read the states of that day in one pass: no scan of the task table, no
 *   correlated subquery per state (the coordinators of the time are one list), at most one pass
 *   over task_state per query.
 * A regression shows here; timings stay in `npm run bench`.
 */
import { join } from "node:path";
import SQLite from "better-sqlite3";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadCalendar } from "../../db/calendar.ts";
import { planDataset, writeBulk } from "../../scripts/dataset.ts";
import { addDays, vnDate } from "../../shared/date.ts";
import {
  agencyId,
  type Caller,
  dataDirOf,
  freshDb,
  signedInAs,
  TEST_NOW,
  withPlugin,
} from "../support/api.ts";

/** Keeps every query the database runs (after the other plugins), to explain it afterwards. */
class QueryRecorder implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Tables read row by row, from a plan's lines: "SCAN task", "SCAN s" (a task_state alias). */
const FULL_SCAN = /^SCAN (task|task_state|s)( |$)(?!.*INDEX)/;
const TASK_SCAN = /^SCAN task( |$)(?!.*INDEX)/;
const STATE_SCAN = /^SCAN (task_state|s)( |$)(?!.*INDEX)/;
const KEPT_SCAN = /^SCAN stat_(day|month)( |$)/;
/** The kept counts read by their primary key: a range of days, or one month's checkpoint. */
const KEPT_READ = /^SEARCH stat_day USING PRIMARY KEY \(basis=\? AND day>\? AND day<\?\)$/;

const today = vnDate(new Date(TEST_NOW));
const pastDay = addDays(today, -400);

/** A test database with 2,000 generated tasks, and the same seen through a query recorder. */
async function generated() {
  const db = await freshDb();
  const plan = await planDataset(db, { tasks: 2_000, today, seed: 3 });
  const file = join(dataDirOf(db), "test.db");
  const sqlite = new SQLite(file);
  writeBulk(sqlite, plan, await loadCalendar(db));
  sqlite.close();
  const recorder = new QueryRecorder();
  // What openDb does at every start: the planner's statistics, now that the tasks are there.
  await sql`PRAGMA optimize = 0x10002`.execute(db);
  return { db, file, recorder, recording: withPlugin(db, recorder) };
}

/** The plan lines of every query `call` ran that reads tasks or their states. */
async function plansOf(
  { file, recorder, recording }: Awaited<ReturnType<typeof generated>>,
  call: (caller: Caller) => Promise<unknown>,
  username: string,
) {
  const caller = await signedInAs(recording, username);
  recorder.nodes.length = 0;
  await call(caller);
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return recorder.nodes.flatMap((node) => {
      const query = recording.getExecutor().compileQuery(node, { queryId: "plan" });
      if (!/"(task(_state)?|stat_day|stat_month)"/.test(query.sql)) return [];
      // A prepared query (db/prepared.ts) is recorded with its placeholders: null stands in.
      const values = query.parameters.map((value) =>
        typeof value === "object" && value !== null ? null : value,
      );
      const lines = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...values) as {
        detail: string;
      }[];
      return [{ sql: query.sql, plan: lines.map((line) => line.detail) }];
    });
  } finally {
    sqlite.close();
  }
}

const VIEWS: {
  name: string;
  username: string;
  /** A figure as of a day: one pass over that day's states. */
  asOf?: true;
  /** A line some plan of the view must have. */
  uses?: RegExp;
  call: (
    caller: Caller,
    ids: { langSon: number; directive: number; parent: number },
  ) => Promise<unknown>;
}[] = [
  {
    name: "whole-scope overdue list",
    username: "lanhdao.bct",
    // Open overdue tasks: a range of their partial index (migration 0007), in its order.
    uses: /^SEARCH task USING COVERING INDEX task_open_due \(due_on<\?\)$/,
    call: (caller) => caller.statistic.overdue({ pageSize: 50 }),
  },
  {
    name: "overdue task list",
    username: "lanhdao.bct",
    // Open overdue tasks: a range of their partial index (migration 0007), in its order.
    uses: /^SEARCH task USING COVERING INDEX task_open_due \(due_on<\?\)$/,
    call: (caller) =>
      caller.task.list({ timeliness: ["overdue"], sort: "days_overdue", pageSize: 50 }),
  },
  {
    name: "a task's sub-tasks",
    username: "lanhdao.bct",
    // Down the tree by the parent index, not through the directive's tasks.
    uses: /^SEARCH task USING COVERING INDEX task_parent \(parent_id=\?\)$/,
    call: (caller, { parent }) => caller.task.subTasks({ id: parent }),
  },
  {
    name: "overdue list of one province",
    username: "lanhdao.bct",
    // Open overdue tasks: a range of their partial index (migration 0007), in its order.
    uses: /^SEARCH task USING COVERING INDEX task_open_due \(due_on<\?\)$/,
    call: (caller, ids) => caller.statistic.overdue({ agencyId: ids.langSon, pageSize: 50 }),
  },
  {
    name: "four cells today",
    username: "lanhdao.bct",
    asOf: true,
    uses: KEPT_READ,
    call: (caller) => caller.statistic.summary({}),
  },
  {
    name: "four cells as of a past day",
    username: "lanhdao.bct",
    asOf: true,
    uses: KEPT_READ,
    call: (caller) => caller.statistic.summary({ asOf: pastDay }),
  },
  {
    name: "per-agency table as of a past day",
    username: "lanhdao.bct",
    asOf: true,
    uses: KEPT_READ,
    call: (caller) => caller.statistic.byAgency({ asOf: pastDay }),
  },
  {
    name: "12-month trend",
    username: "lanhdao.bct",
    asOf: true,
    uses: KEPT_READ,
    call: (caller) => caller.statistic.trend({}),
  },
  {
    name: "four cells of one directive as of a past day",
    username: "lanhdao.bct",
    asOf: true,
    call: (caller, ids) => caller.statistic.summary({ asOf: pastDay, directiveId: ids.directive }),
  },
  {
    name: "officer's inbox",
    username: "canbo.bct",
    // Overdue without a report for 30 days: those reported or assigned since, a range of the
    // last report's index (migration 0013), taken from the open overdue (task_open_due).
    uses: /^SEARCH task USING INDEX task_last_report \(<expr>>\?\)$/,
    call: (caller) => caller.inbox.view(),
  },
  {
    name: "leader's inbox",
    username: "lanhdao.bct",
    call: (caller) => caller.inbox.view(),
  },
  {
    // A province coordinates tasks it does not lead, which the kept counts do not hold: its
    // figures come from the states, found through its agencies' indexes (migration 0014).
    name: "four cells of a province (its reporter)",
    username: "baocao.langson",
    uses: /^SEARCH r USING (COVERING )?INDEX task_state_lead \(lead_agency_id=\?\)$/,
    call: (caller) => caller.statistic.summary({}),
  },
  {
    name: "12-month trend of a province (its reporter)",
    username: "baocao.langson",
    uses: /^SEARCH r USING (COVERING )?INDEX task_state_lead \(lead_agency_id=\?\)$/,
    call: (caller) => caller.statistic.trend({}),
  },
  {
    name: "task list of a province (its reporter)",
    username: "baocao.langson",
    call: (caller) => caller.task.list({ pageSize: 50 }),
  },
];

describe("query plans of the hot views", () => {
  for (const view of VIEWS) {
    const rule = view.asOf
      ? "one pass over the states, no task scan, nothing correlated"
      : "no full scan of task or task_state";
    it(`${view.name}: ${rule}`, async () => {
      const database = await generated();
      const langSon = await agencyId(database.db, "UBND-20");
      const directive = await database.db
        .selectFrom("task")
        .select("task.directiveId")
        .orderBy("task.id", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      // A task broken down, with breakdowns of its own where there is one.
      const parent = await database.db
        .selectFrom("task")
        .select("task.parentId")
        .where("task.parentId", "is not", null)
        .orderBy("task.parentId")
        .limit(1)
        .executeTakeFirstOrThrow();
      const plans = await plansOf(
        database,
        (caller) =>
          view.call(caller, {
            langSon,
            directive: directive.directiveId,
            parent: parent.parentId ?? 0,
          }),
        view.username,
      );
      expect(plans.length).toBeGreaterThan(0);
      const { uses } = view;
      if (uses)
        expect(plans.flatMap((p) => p.plan).filter((line) => uses.test(line))).not.toEqual([]);
      for (const { sql, plan } of plans) {
        const problems = view.asOf
          ? [
              ...plan.filter(
                (line) =>
                  TASK_SCAN.test(line) || KEPT_SCAN.test(line) || line.startsWith("CORRELATED"),
              ),
              ...(plan.filter((line) => STATE_SCAN.test(line)).length > 1 ? ["two passes"] : []),
            ]
          : plan.filter((line) => FULL_SCAN.test(line));
        expect({ sql, problems }).toEqual({ sql, problems: [] });
      }
    });
  }
});
