import { type Kysely, sql } from "kysely";

/**
 * Statistics kept as the tasks change (issue 12): the figures of a whole scope as of any day in
 * a few thousand rows, instead of reading every task state of that day.
 *
 * Each task state counts, on each Vietnamese day D from the day it began to the day it was
 * replaced (db/statistic.ts, statesAsOf), in one cell that depends on D only through its deadline:
 * an open task not reported done is "in deadline" until three days (DUE_SOON_DAYS) before it,
 * "due soon" up to it, "overdue" after it; every other state stays in one cell. So a state is a
 * few segments of days, each with a constant vector of counts, and the figures as of D are the
 * sum, over every segment begun by D, of +vector at its first day and −vector at the day after
 * its last: prefix sums of day deltas.
 *
 * - stat_state_event: the view of those deltas, per state, basis (deadline in force or first
 *   assigned) and day, with the bucket a viewer's scope and the per-agency table select on
 *   (tracking, lead and chosen successor agency, level, key), and the counts: the
 *   published cells, "awaiting confirmation", "cancelled", "continuing", and the two sums that
 *   give the days overdue on D (days late of tasks reported late; deadlines of open overdue
 *   tasks, as day numbers, so that Σ(D − due) = D·n − Σdue).
 * - stat_day: the deltas summed by day and bucket, kept by triggers on task_state: every
 *   writer (the product's write path, the demo seed, the generated dataset, a test's direct
 *   insert) keeps it exact in its own transaction. Closing a state (its valid_to, set once)
 *   takes its events from that day on back before the update and adds the closed ones after.
 * - stat_month: checkpoints: for each month in stat_checkpoint, the sum of every delta of the
 *   days before its first day, so that a figure as of D reads one month's checkpoint and at
 *   most a month of days. A delta dated before a checkpoint (a back-dated change) is added to
 *   it by the same triggers; server/jobs.ts adds the checkpoint of each new month.
 * - stat_reach: which agencies ever reached a task as its assigner or a coordinator, with its
 *   tracking and lead agency, so that db/statistic.ts can tell when a viewer sees tasks through
 *   assigning or coordinating alone (the buckets leave the assigner out, and coordinators are a
 *   set per task: a bucket per assigner made 70,000 buckets a month at a million tasks, 50 ms a
 *   figure) and count that viewer's figures from the states instead.
 * Nulls are stored as 0 in key columns (a primary key compares NULLs as distinct).
 */
/** The counts kept per bucket (db/kept-count.ts sums them into checkpoints). */
export const KEPT_COUNTS = [
  "completed_on_time",
  "completed_late",
  "in_deadline",
  "due_soon",
  "overdue_open",
  "overdue_reported",
  "no_deadline",
  "continuing",
  "awaiting",
  "cancelled",
  "reported_late_days",
  "open_due_days",
] as const;
const COUNTS = KEPT_COUNTS;
const KEYS = [
  "tracking_agency_id",
  "lead_agency_id",
  "successor_agency_id",
  "top",
  "is_key",
] as const;

const keys = KEYS.join(", ");
const countColumns = COUNTS.map((column) => `${column} INTEGER NOT NULL`).join(", ");
const dayNumber = (date: string) => `CAST(julianday(${date}) - 2440587.5 AS INTEGER)`;

/** One state per basis, with its first day `a`, the day it was replaced `z` (null: present). */
const base = `SELECT s.id AS state_id, b.basis,
    date(s.valid_from, '+7 hours') AS a,
    CASE WHEN s.valid_to IS NULL THEN NULL ELSE date(s.valid_to, '+7 hours') END AS z,
    d.tracking_agency_id, s.lead_agency_id, COALESCE(s.successor_agency_id, 0) AS successor_agency_id,
    CASE WHEN s.parent_id IS NULL THEN 1 ELSE 0 END AS top, s.is_key, s.status, s.done_on,
    s.deadline_kind,
    CASE b.basis WHEN 'in_force' THEN s.due_on ELSE s.original_due_on END AS due
  FROM task_state s
  INNER JOIN directive d ON d.id = s.directive_id
  CROSS JOIN (SELECT 'in_force' AS basis UNION ALL SELECT 'original' AS basis) b`;

const OPEN = "('not_started', 'in_progress', 'reported_done')";
const WAITING = "status IN ('not_started', 'in_progress') AND due IS NOT NULL";
const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const later = (x: string, y: string) => `CASE WHEN ${x} > ${y} THEN ${x} ELSE ${y} END`;
const earlier = (z: string, y: string) =>
  `CASE WHEN ${z} IS NULL OR ${z} > ${y} THEN ${y} ELSE ${z} END`;
const soonFrom = "date(due, '-3 days')";
const lateFrom = "date(due, '+1 day')";

/** A segment: its days [start, stop) (stop null: open-ended) and its vector of counts. */
function segment(
  start: string,
  stop: string,
  counts: Partial<Record<(typeof COUNTS)[number], string>>,
) {
  const vector = COUNTS.map((column) => `${counts[column] ?? "0"} AS ${column}`).join(", ");
  return `SELECT state_id, basis, ${keys}, ${start} AS start, ${stop} AS stop, ${vector}`;
}

const segments = [
  `${segment("a", "z", {
    completed_on_time: flag("status = 'completed' AND (due IS NULL OR done_on <= due)"),
    completed_late: flag("status = 'completed' AND due IS NOT NULL AND done_on > due"),
    in_deadline: flag("status = 'reported_done' AND due IS NOT NULL AND due >= done_on"),
    overdue_reported: flag("status = 'reported_done' AND due IS NOT NULL AND due < done_on"),
    reported_late_days: `CASE WHEN status = 'reported_done' AND due IS NOT NULL AND due < done_on
      THEN ${dayNumber("done_on")} - ${dayNumber("due")} ELSE 0 END`,
    no_deadline: flag(`status IN ${OPEN} AND due IS NULL`),
    continuing: flag(`status IN ${OPEN} AND due IS NULL AND deadline_kind = 'continuing'`),
    awaiting: flag("status = 'reported_done'"),
    cancelled: flag("status = 'cancelled'"),
  })} FROM (${base}) WHERE NOT (${WAITING})`,
  `${segment("a", earlier("z", soonFrom), { in_deadline: "1" })} FROM (${base}) WHERE ${WAITING}`,
  `${segment(later("a", soonFrom), earlier("z", lateFrom), { due_soon: "1" })}
    FROM (${base}) WHERE ${WAITING}`,
  `${segment(later("a", lateFrom), "z", { overdue_open: "1", open_due_days: dayNumber("due") })}
    FROM (${base}) WHERE ${WAITING}`,
];

const signed = (sign: string) => COUNTS.map((column) => `${sign}${column} AS ${column}`).join(", ");
const sums = COUNTS.map((column) => `SUM(${column})`).join(", ");
const counts = COUNTS.join(", ");
const added = COUNTS.map((column) => `${column} = ${column} + excluded.${column}`).join(", ");

/**
 * Adds the events of the states `where` selects (on the view `e`), times `sign`: to the days,
 * then to the checkpoints of the months after each (migration 0012 runs the second only when
 * such a month exists).
 */
export function addEvents(where: string, sign: "" | "-"): [days: string, checkpoints: string] {
  return [
    `INSERT INTO stat_day (basis, day, ${keys}, ${counts})
      SELECT basis, day, ${keys}, ${COUNTS.map((column) => `${sign}SUM(${column})`).join(", ")}
      FROM stat_state_event e WHERE ${where} GROUP BY basis, day, ${keys}
      ON CONFLICT DO UPDATE SET ${added}`,
    `INSERT INTO stat_month (basis, month, ${keys}, ${counts})
      SELECT e.basis, c.month, ${KEYS.map((key) => `e.${key}`).join(", ")},
        ${COUNTS.map((column) => `${sign}SUM(e.${column})`).join(", ")}
      FROM stat_state_event e INNER JOIN stat_checkpoint c ON c.month > e.day
      WHERE ${where} GROUP BY e.basis, c.month, ${KEYS.map((key) => `e.${key}`).join(", ")}
      ON CONFLICT DO UPDATE SET ${added}`,
  ];
}

export const CLOSED_ON = "date(NEW.valid_to, '+7 hours')";
export const trigger = (name: string, when: string, body: string[]) =>
  `CREATE TRIGGER ${name} ${when} BEGIN ${body.map((statement) => `${statement};`).join(" ")} END`;

const statements = () => [
  `CREATE VIEW stat_state_segment AS ${segments.join(" UNION ALL ")}`,
  `CREATE VIEW stat_state_event AS
    SELECT state_id, basis, ${keys}, start AS day, ${signed("")}
      FROM stat_state_segment WHERE stop IS NULL OR start < stop
    UNION ALL
    SELECT state_id, basis, ${keys}, stop AS day, ${signed("-")}
      FROM stat_state_segment WHERE stop IS NOT NULL AND start < stop`,
  `CREATE TABLE stat_day (basis TEXT NOT NULL, day TEXT NOT NULL,
    tracking_agency_id INTEGER NOT NULL, lead_agency_id INTEGER NOT NULL, successor_agency_id INTEGER NOT NULL,
    top INTEGER NOT NULL, is_key INTEGER NOT NULL, ${countColumns},
    PRIMARY KEY (basis, day, ${keys})) WITHOUT ROWID`,
  `CREATE TABLE stat_checkpoint (month TEXT PRIMARY KEY) WITHOUT ROWID`,
  `CREATE TABLE stat_month (basis TEXT NOT NULL, month TEXT NOT NULL,
    tracking_agency_id INTEGER NOT NULL, lead_agency_id INTEGER NOT NULL, successor_agency_id INTEGER NOT NULL,
    top INTEGER NOT NULL, is_key INTEGER NOT NULL, ${countColumns},
    PRIMARY KEY (basis, month, ${keys})) WITHOUT ROWID`,
  `CREATE TABLE stat_reach (via TEXT NOT NULL,
    agency_id INTEGER NOT NULL, tracking_agency_id INTEGER NOT NULL,
    lead_agency_id INTEGER NOT NULL,
    PRIMARY KEY (via, agency_id, tracking_agency_id, lead_agency_id)) WITHOUT ROWID`,
  trigger("stat_state_insert", "AFTER INSERT ON task_state", addEvents("e.state_id = NEW.id", "")),
  // Closing a state changes none of its events dated before the day it closes (the segments
  // before it are the same), so only those from that day on are taken back and added again.
  trigger(
    "stat_state_close_before",
    "BEFORE UPDATE OF valid_to ON task_state",
    addEvents(`e.state_id = OLD.id AND e.day >= ${CLOSED_ON}`, "-"),
  ),
  trigger(
    "stat_state_close_after",
    "AFTER UPDATE OF valid_to ON task_state",
    addEvents(`e.state_id = NEW.id AND e.day >= ${CLOSED_ON}`, ""),
  ),
  trigger("stat_reach_assigner", "AFTER INSERT ON task_state", [
    `INSERT OR IGNORE INTO stat_reach
      SELECT 'assigner', NEW.assigner_agency_id, d.tracking_agency_id, NEW.lead_agency_id
      FROM directive d WHERE d.id = NEW.directive_id AND NEW.assigner_agency_id IS NOT NULL`,
  ]),
  trigger("stat_reach_coordinator", "AFTER INSERT ON task_state_coordinator", [
    `INSERT OR IGNORE INTO stat_reach
      SELECT 'coordinator', NEW.agency_id, d.tracking_agency_id, s.lead_agency_id
      FROM task_state s INNER JOIN directive d ON d.id = s.directive_id WHERE s.id = NEW.state_id`,
  ]),
  ...fill(),
];

/**
 * Fills the kept counts from the states already written (the migration, and a bulk writer that
 * dropped the triggers while it wrote: scripts/bench-data.ts, after emptying the tables).
 */
export function fill(): string[] {
  return [
    `INSERT INTO stat_day (basis, day, ${keys}, ${counts})
    SELECT basis, day, ${keys}, ${sums} FROM stat_state_event GROUP BY basis, day, ${keys}`,
    `INSERT INTO stat_reach
    SELECT DISTINCT 'assigner', s.assigner_agency_id, d.tracking_agency_id, s.lead_agency_id
    FROM task_state s INNER JOIN directive d ON d.id = s.directive_id
    WHERE s.assigner_agency_id IS NOT NULL`,
    `INSERT OR IGNORE INTO stat_reach
    SELECT DISTINCT 'coordinator', c.agency_id, d.tracking_agency_id, s.lead_agency_id
    FROM task_state_coordinator c INNER JOIN task_state s ON s.id = c.state_id
    INNER JOIN directive d ON d.id = s.directive_id`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements()) {
    await sql.raw(statement).execute(db);
  }
}
