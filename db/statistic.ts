import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { addDays, daysBetween, type IsoDate } from "../shared/date.ts";
import type { DeadlineKind } from "../shared/deadline.ts";
import type { DirectiveType } from "../shared/directive.ts";
import type { Viewer } from "../shared/permission.ts";
import {
  type AgencyStatisticSort,
  addCounts,
  CELL_DEFINITIONS,
  cellsFromCounts,
  type DueInPeriod,
  emptyCounts,
  endOfVnDay,
  type PeriodKind,
  percent,
  type SortDirection,
  STALE_REPORT_DAYS,
  type StatisticBasis,
  type StatisticCell,
  type StatisticCells,
  type StatisticCounts,
  type StatisticLevel,
  sortAgencyRows,
  type UrgedFilter,
} from "../shared/statistic.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { daysOverdue, type Timeliness, timeliness } from "../shared/timeliness.ts";
import {
  type AgencyRef,
  agenciesByIds,
  agencyRef,
  agencyRefColumns,
  successions,
  successorsOn,
  toAgencyRef,
  withNamesOn,
} from "./agency.ts";
import { integerList, integerText } from "./integer-list.ts";
import type { Db } from "./open.ts";
import { agencyScope } from "./scope.ts";
import { coordinatorsOf } from "./task.ts";
import {
  daysLate,
  OVERDUE_HALVES,
  overdueHalf,
  reportedDueBound,
  timelinessCondition,
  timelinessIn,
} from "./timeliness.ts";
import { directiveVisibleTo, stateReachedBy, stateVisibleTo, taskVisibleTo } from "./visibility.ts";

/**
 * Statistics counted in SQL over the whole scope, never by loading tasks: SUM(CASE …) over the
 * timeliness conditions of db/timeliness.ts. "As of" a day D, each task counts in the state it
 * had at the end of D in Vietnam: its task_state interval containing D+1 00:00 (+07:00)
 * (valid_from before it, valid_to absent or not before it: a range condition); tasks created
 * later have no such state and drop out. Everything is judged on that state: the lead,
 * assigning and coordinating agencies of the time (which also decide what the viewer sees), the
 * level (top-level or breakdown), the deadline in force or, with basis "original", the deadline
 * first assigned. A task counts under its lead agency of the time while that agency exists on D,
 * then under its successor (the task's own choice when the agency was split), so a change made
 * after D never alters figures as of D. Only portable SQL: ISO text comparisons, CASE, SUBSTR,
 * CAST, integer division.
 */

export type StatisticFilters = {
  directiveId?: number | undefined;
  directiveType?: DirectiveType | undefined;
  keyOnly: boolean;
  level: StatisticLevel;
  assignerAgencyId?: number | undefined;
  /** Counted agency, with the agencies under it (parent links) and those it succeeded. */
  agencyId?: number | undefined;
  /** Exactly this counted agency (of the day, for as-of figures): a row of the per-agency table. */
  leadAgencyId?: number | null | undefined;
  periodBy: PeriodKind;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  /** Urged at least once (before `urgedBefore` of scopeConditions), or never. */
  urged?: UrgedFilter | undefined;
};

/** `CASE expr WHEN predecessor THEN successor … ELSE expr END` for the agencies ended by a day. */
function resolved(expr: Expression<number | null>, successors: ReadonlyMap<number, number>) {
  if (successors.size === 0) return sql<number>`${expr}`;
  const whens = [...successors].map(
    ([from, to]) => `WHEN ${integerText(from)} THEN ${integerText(to)}`,
  );
  return sql<number>`(CASE ${expr} ${sql.raw(whens.join(" "))} ELSE ${expr} END)`;
}

/**
 * The agency a task counts under on a day, from the columns of `table` (a task or a state): its
 * lead agency while that exists, else the successor the task chose, else the agency's default
 * successor, passed on while successors end too.
 */
export function countedAgency(
  table: string,
  successors: ReadonlyMap<number, number>,
): RawBuilder<number> {
  const lead = sql.ref<number>(`${table}.leadAgencyId`);
  const chosen = sql.ref<number | null>(`${table}.successorAgencyId`);
  if (successors.size === 0) return sql<number>`${lead}`;
  const ended = integerList([...successors.keys()]);
  return sql<number>`(CASE WHEN ${lead} IN (${ended}) AND ${chosen} IS NOT NULL
    THEN ${resolved(chosen, successors)} ELSE ${resolved(lead, successors)} END)`;
}

/** countedAgency's rule for a lead agency and chosen successor already read. */
function countedAgencyOf(
  lead: number,
  chosen: number | null,
  successors: ReadonlyMap<number, number>,
): number {
  if (successors.has(lead) && chosen !== null) return successors.get(chosen) ?? chosen;
  return successors.get(lead) ?? lead;
}

/**
 * The task whose id is `taskId` was urged at least once, before `before` if given: one list of
 * urged tasks, not a lookup per row (the query-plan guard forbids correlated subqueries).
 */
function urgedCondition(
  before: string | undefined,
  taskId: Expression<number> = sql.ref("task.id"),
): Expression<SqlBool> {
  const cutoff = before === undefined ? sql`` : sql` WHERE ${sql.ref("u.at")} < ${before}`;
  return sql<SqlBool>`${taskId} IN (SELECT ${sql.ref("ut.taskId")} FROM ${sql.table("urgeTask")} AS ut
    INNER JOIN ${sql.table("urge")} AS u ON ${sql.ref("u.id")} = ${sql.ref("ut.urgeId")}${cutoff})`;
}

/**
 * The scope as conditions on `table` ("task" for today's rows, "s" for a task_state row), with
 * the tables `task` and `directive` joined. `due` is the deadline column the period "due" looks
 * at; `counted` the agency each task counts under; `urgedBefore` the end of the day an as-of
 * figure stands at (an urge made later does not count).
 */
async function scopeConditions(
  db: Db,
  filters: StatisticFilters,
  table: string,
  due: string,
  agency: { counted: Expression<number>; successors: ReadonlyMap<number, number> },
  urgedBefore?: string,
): Promise<Expression<SqlBool>[]> {
  const { counted } = agency;
  // A task counts under one of `ids` only if it is led by one of them or by an agency that has
  // ended (whose tasks pass to a successor): a condition an index of the lead agency can serve.
  const ledByAny = (ids: readonly number[]) =>
    sql<SqlBool>`${ref("leadAgencyId")} IN (${sql.join([...new Set([...ids, ...agency.successors.keys()])])})`;
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  const conditions: Expression<SqlBool>[] = [];
  if (filters.directiveId !== undefined) {
    conditions.push(sql<SqlBool>`${ref("directiveId")} = ${filters.directiveId}`);
  }
  if (filters.directiveType !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref("directive.type")} = ${filters.directiveType}`);
  }
  if (filters.keyOnly) conditions.push(sql<SqlBool>`${ref("isKey")} = 1`);
  if (filters.level === "directive") conditions.push(sql<SqlBool>`${ref("parentId")} IS NULL`);
  if (filters.level === "agency") {
    const assigners = (await agencyScope(db, filters.assignerAgencyId ?? 0)).ownAgencyIds;
    conditions.push(
      sql<SqlBool>`(${ref("parentId")} IS NOT NULL AND ${ref("assignerAgencyId")} IN (${sql.join(
        assigners.length === 0 ? [0] : assigners,
      )}))`,
    );
  }
  if (filters.agencyId !== undefined) {
    const ids = (await agencyScope(db, filters.agencyId)).scopeAgencyIds;
    conditions.push(
      ids.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`(${ledByAny(ids)} AND ${counted} IN (${sql.join(ids)}))`,
    );
  }
  if (filters.leadAgencyId !== undefined && filters.leadAgencyId !== null) {
    conditions.push(
      sql<SqlBool>`(${ledByAny([filters.leadAgencyId])} AND ${counted} = ${filters.leadAgencyId})`,
    );
  }
  const period = filters.periodBy === "issued" ? sql.ref("directive.issuedOn") : ref(due);
  if (filters.from !== undefined) conditions.push(sql<SqlBool>`${period} >= ${filters.from}`);
  if (filters.to !== undefined) conditions.push(sql<SqlBool>`${period} <= ${filters.to}`);
  // A task_state row ("s") names its task by task_id; today's rows are the task itself.
  const taskId = sql.ref<number>(table === "task" ? "task.id" : `${table}.taskId`);
  if (filters.urged === "urged") conditions.push(urgedCondition(urgedBefore, taskId));
  if (filters.urged === "not_urged")
    conditions.push(sql<SqlBool>`NOT ${urgedCondition(urgedBefore, taskId)}`);
  return conditions;
}

/**
 * The one FROM/WHERE of every as-of figure and list: one row per task in scope as it stood at
 * the end of `asOf`, visible to the viewer on that state, cancelled ones left out, with the
 * columns timeliness needs: taskId, leadAgencyId (of the time), countedAgencyId (of the day),
 * isKey, status, doneOn and dueOn (the deadline the basis counts against). The tables `s` (the
 * state) and `directive` stay in scope, so that a list can join `task` and select more; counting
 * (statisticCounts, statisticCountsByAgency) and listing (listStatisticTasks) both read it as
 * the derived table `st`.
 */
async function statesAsOf(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
) {
  const cutoff = endOfVnDay(asOf);
  const due = basis === "original" ? "originalDueOn" : "dueOn";
  const successors = await successorsOn(db, asOf);
  const counted = countedAgency("s", successors);
  const conditions = await scopeConditions(db, filters, "s", due, { counted, successors }, cutoff);
  let query = db
    .selectFrom("taskState as s")
    .innerJoin("directive", "directive.id", "s.directiveId")
    .where("s.validFrom", "<", cutoff)
    .where((eb) => eb.or([eb("s.validTo", "is", null), eb("s.validTo", ">=", cutoff)]))
    .where(
      (await tracksDirectives(db, viewer))
        ? stateVisibleTo(viewer, "s")
        : stateReachedBy(viewer, "s"),
    );
  for (const condition of conditions) query = query.where(condition);
  return query.select((eb) => [
    "s.taskId",
    "s.leadAgencyId",
    counted.as("countedAgencyId"),
    "s.isKey",
    "s.status",
    "s.doneOn",
    "s.deadlineKind",
    eb.ref(`s.${due}`).as("dueOn"),
  ]);
}

/**
 * Whether one of the viewer's agencies tracks a directive: it then sees every task of those, and
 * its states are best read by testing each (statesAsOf); otherwise through its agencies' indexes.
 */
async function tracksDirectives(db: Db, viewer: Viewer): Promise<boolean> {
  if (viewer.ownAgencyIds.length === 0) return false;
  const tracked = await db
    .selectFrom("directive")
    .select("directive.id")
    .where("directive.trackingAgencyId", "in", viewer.ownAgencyIds)
    .limit(1)
    .executeTakeFirst();
  return tracked !== undefined;
}

/**
 * Whether the kept counts (migration 0008) give this viewer's figures exactly: their buckets
 * carry the tracking, lead and chosen successor agency, the level and the key flag, so they answer
 * every scope but a directive, a directive type, a period, the urged filter and the breakdowns
 * one agency assigned (level "agency"); and they hold no assigner nor coordinators, so a viewer
 * who ever saw a task through assigning or coordinating alone (neither tracking its directive nor
 * over its lead) is counted from the states.
 */
export async function keptCountsServe(db: Db, viewer: Viewer, filters: StatisticFilters) {
  if (viewer.role === "admin") return false;
  if (
    filters.directiveId !== undefined ||
    filters.directiveType !== undefined ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    filters.level === "agency" ||
    (filters.urged !== undefined && filters.urged !== "all")
  ) {
    return false;
  }
  const own = viewer.ownAgencyIds.length === 0 ? [0] : viewer.ownAgencyIds;
  const scope = viewer.scopeAgencyIds.length === 0 ? [0] : viewer.scopeAgencyIds;
  const reachedOnly = await db
    .selectFrom("statReach")
    .select("statReach.agencyId")
    .where((eb) =>
      eb.or([
        eb.and([eb("statReach.via", "=", "assigner"), eb("statReach.agencyId", "in", own)]),
        eb.and([eb("statReach.via", "=", "coordinator"), eb("statReach.agencyId", "in", scope)]),
      ]),
    )
    .where("statReach.trackingAgencyId", "not in", own)
    .where("statReach.leadAgencyId", "not in", scope)
    .limit(1)
    .executeTakeFirst();
  return reachedOnly === undefined;
}

/** Where the figures come from: the kept counts when they serve, or always the task states. */
export type StatisticSource = "kept" | "states";

const KEPT_SUMS = [
  "completedOnTime",
  "completedLate",
  "inDeadline",
  "dueSoon",
  "overdueOpen",
  "overdueReported",
  "noDeadline",
  "continuing",
  "awaiting",
  "cancelled",
  "reportedLateDays",
  "openDueDays",
] as const;

type KeptRow = Record<(typeof KEPT_SUMS)[number], number | string | null> & {
  point: number;
  isKey: number;
};
/** A kept row of the per-agency table: the agency of the day and the lead agency of the time. */
type KeptAgencyRow = KeptRow & { countedAgencyId: number; leadAgencyId: number };

/**
 * The kept counts of the scope as of each day of `days`, in one query: per day, the buckets of
 * the last checkpoint on or before it and the day deltas since, that the viewer sees (the
 * visibility rule on the bucket's agencies) and the filters select, summed per key flag, and
 * with `perAgency` per lead agency of the time and chosen successor too. The scope's figures
 * need no agency: summed per agency they were 450 rows a day at a million tasks, 5,500 for a
 * trend, whose reading took longer than the query (issue 12). Returns the agencies' succession
 * it read, for the agency of each day.
 */
async function keptSums(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  days: readonly IsoDate[],
  perAgency: boolean,
) {
  // The checkpoints and the agencies' succession, read once for every day.
  const months = await checkpointMonths(db);
  const successorsOf = await successions(db);
  const parts = await Promise.all(
    days.map(async (day, point) => {
      const query = await keptBuckets(db, viewer, filters, basis, day, months, successorsOf(day));
      return (
        query
          .select(sql.lit(point).as("point"))
          // Not grouped by the agency of the day's expression (every ended agency and its
          // successor): that took the per-agency table twice as long in SQLite.
          .$if(perAgency, (q) =>
            q
              .select(["b.leadAgencyId", "b.successorAgencyId"])
              .groupBy(["b.leadAgencyId", "b.successorAgencyId"]),
          )
          .select((eb) => [
            "b.isKey",
            ...KEPT_SUMS.map((column) => eb.fn.sum<number>(`b.${column}`).as(column)),
          ])
          .groupBy("b.isKey")
      );
    }),
  );
  const [first, ...rest] = parts;
  const union = first && rest.reduce((all, part) => all.unionAll(part), first);
  const rows = union ? await union.execute() : [];
  return { rows, successorsOf };
}

/** The kept counts of the scope as of each day of `days` (keptSums), per key flag. */
async function keptCounts(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  days: readonly IsoDate[],
): Promise<KeptRow[]> {
  return (await keptSums(db, viewer, filters, basis, days, false)).rows as KeptRow[];
}

/**
 * The kept counts of the scope as of `asOf` per lead agency of the time and agency of the day
 * (countedAgency's rule, applied to the chosen successor read), and key flag.
 */
async function keptCountsByAgency(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
): Promise<KeptAgencyRow[]> {
  const { rows, successorsOf } = await keptSums(db, viewer, filters, basis, [asOf], true);
  const successors = successorsOf(asOf);
  return (
    rows
      // A bucket whose tasks all moved on (another lead agency, a chosen successor) sums to
      // zero: no row for it, as the states give none (it listed its agency with zeros).
      .filter((row) => KEPT_SUMS.some((column) => Number(row[column] ?? 0) !== 0))
      .map((row) => {
        const lead = Number(row.leadAgencyId);
        const chosen = row.successorAgencyId ?? null;
        return {
          ...(row as KeptRow),
          leadAgencyId: lead,
          countedAgencyId: countedAgencyOf(lead, chosen, successors),
        };
      })
  );
}

/** The months that have a checkpoint (kept counts, db/kept-count.ts). */
async function checkpointMonths(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("statCheckpoint").select("statCheckpoint.month").execute();
  return rows.map((row) => row.month);
}

/**
 * The kept buckets as of `day` that the viewer sees and the filters select, as `b`: those of the
 * last checkpoint on or before it and the day deltas since.
 */
async function keptBuckets(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  day: IsoDate,
  months: readonly string[],
  successors: ReadonlyMap<number, number>,
) {
  const own = integerList(viewer.ownAgencyIds.length === 0 ? [0] : viewer.ownAgencyIds);
  const scope = integerList(viewer.scopeAgencyIds.length === 0 ? [0] : viewer.scopeAgencyIds);
  const visible = sql<SqlBool>`(${sql.ref("b.leadAgencyId")} IN (${scope})
    OR ${sql.ref("b.trackingAgencyId")} IN (${own}))`;
  const columns = [
    "trackingAgencyId",
    "leadAgencyId",
    sql<number | null>`NULLIF(${sql.ref("successorAgencyId")}, 0)`.as("successorAgencyId"),
    sql<number | null>`CASE WHEN ${sql.ref("top")} = 1 THEN NULL ELSE 0 END`.as("parentId"),
    "isKey",
    ...KEPT_SUMS,
  ] as const;
  // The last checkpoint on or before the day after: it holds every delta before its month.
  const dayAfter = addDays(day, 1);
  const from =
    months
      .filter((month) => month <= dayAfter)
      .sort()
      .at(-1) ?? "0000-01-01";
  const buckets = db
    .selectFrom("statMonth")
    .where("statMonth.basis", "=", basis)
    .where("statMonth.month", "=", from)
    .select(columns)
    .unionAll(
      db
        .selectFrom("statDay")
        .where("statDay.basis", "=", basis)
        .where("statDay.day", ">=", from)
        .where("statDay.day", "<=", day)
        .select(columns),
    );
  const counted = countedAgency("b", successors);
  const conditions = await scopeConditions(db, filters, "b", "dueOn", { counted, successors });
  let query = db.selectFrom(buckets.as("b")).where(visible);
  for (const condition of conditions) query = query.where(condition);
  return query;
}

/** The kept count of the scope's overdue tasks on `today` (the overdue list's total). */
async function keptOverdue(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  today: IsoDate,
  successors: ReadonlyMap<number, number>,
): Promise<number> {
  const query = await keptBuckets(
    db,
    viewer,
    filters,
    "in_force",
    today,
    await checkpointMonths(db),
    successors,
  );
  const row = await query
    .select((eb) => [
      eb.fn.sum<number>("b.overdueOpen").as("open"),
      eb.fn.sum<number>("b.overdueReported").as("reported"),
    ])
    .executeTakeFirst();
  return Number(row?.open ?? 0) + Number(row?.reported ?? 0);
}

/** Every task of the viewer's scope, at every level: the task list's, unfiltered. */
const EVERY_TASK: StatisticFilters = {
  keyOnly: false,
  level: "all",
  periodBy: "issued",
  urged: "all",
};

/**
 * How many of the tasks the viewer sees are, today, overdue, due soon, in deadline, without a
 * deadline, and closed (completed or cancelled): the ranks of the task list's urgency order
 * (db/task.ts), from the kept counts, a few hundred rows instead of every task. The kept
 * categories are the timeliness conditions' (tests/api/kept-count.test.ts), and a task is seen
 * through its tracking or lead agency when keptCountsServe says so. Null when it does not.
 */
export async function keptUrgencyCounts(
  db: Db,
  viewer: Viewer,
  today: IsoDate,
): Promise<number[] | null> {
  if (!(await keptCountsServe(db, viewer, EVERY_TASK))) return null;
  const query = await keptBuckets(
    db,
    viewer,
    EVERY_TASK,
    "in_force",
    today,
    await checkpointMonths(db),
    await successorsOn(db, today),
  );
  const row = await query
    .select((eb) => [
      eb.fn.sum<number>("b.overdueOpen").as("overdueOpen"),
      eb.fn.sum<number>("b.overdueReported").as("overdueReported"),
      eb.fn.sum<number>("b.dueSoon").as("dueSoon"),
      eb.fn.sum<number>("b.inDeadline").as("inDeadline"),
      eb.fn.sum<number>("b.noDeadline").as("noDeadline"),
      eb.fn.sum<number>("b.completedOnTime").as("completedOnTime"),
      eb.fn.sum<number>("b.completedLate").as("completedLate"),
      eb.fn.sum<number>("b.cancelled").as("cancelled"),
    ])
    .executeTakeFirst();
  const n = (value: number | null | undefined) => Number(value ?? 0);
  return [
    n(row?.overdueOpen) + n(row?.overdueReported),
    n(row?.dueSoon),
    n(row?.inDeadline),
    n(row?.noDeadline),
    n(row?.completedOnTime) + n(row?.completedLate) + n(row?.cancelled),
  ];
}

/** Kept rows as counts judged on `asOf` (days overdue of open tasks: Σ(asOf − due)). */
function keptToCounts(rows: readonly KeptRow[], asOf: IsoDate): StatisticCounts {
  const today = daysBetween("1970-01-01", asOf);
  let counts = emptyCounts();
  for (const row of rows) {
    const n = (column: (typeof KEPT_SUMS)[number]) => Number(row[column] ?? 0);
    const overdue = n("overdueOpen") + n("overdueReported");
    const open = n("inDeadline") + n("dueSoon") + overdue + n("noDeadline");
    counts = addCounts(counts, {
      completed_on_time: n("completedOnTime"),
      completed_late: n("completedLate"),
      in_deadline: n("inDeadline"),
      due_soon: n("dueSoon"),
      overdue,
      no_deadline: n("noDeadline"),
      keyTasks: row.isKey === 1 ? n("completedOnTime") + n("completedLate") + open : 0,
      overdueDays: n("reportedLateDays") + today * n("overdueOpen") - n("openDueDays"),
      awaitingConfirmation: n("awaiting"),
      cancelled: n("cancelled"),
      continuing: n("continuing"),
    });
  }
  return counts;
}

/** The states of the derived table `st` that a figure counts, judged on `asOf`. */
function cellCondition(cell: StatisticCell, asOf: IsoDate): Expression<SqlBool> {
  const definition = CELL_DEFINITIONS[cell];
  const status = sql.ref("st.status");
  if (definition.status === "cancelled") return sql<SqlBool>`${status} = 'cancelled'`;
  const conditions = [timelinessIn(definition.timeliness, asOf, "st")];
  if (definition.keyOnly) conditions.push(sql<SqlBool>`${sql.ref("st.isKey")} = 1`);
  if (definition.status !== undefined) {
    conditions.push(sql<SqlBool>`${status} = ${definition.status}`);
  }
  if (definition.deadlineKind !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref("st.deadlineKind")} = ${definition.deadlineKind}`);
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
}

function sumWhen(condition: Expression<SqlBool>, value: Expression<number> = sql.lit(1)) {
  return sql<number | null>`SUM(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`;
}

/** The counts over the derived table `st`, judged on `asOf`. */
function countColumns(asOf: IsoDate) {
  const on = (category: Parameters<typeof timelinessCondition>[0]) =>
    timelinessCondition(category, asOf, "st");
  return [
    sumWhen(on("completed_on_time")).as("completedOnTime"),
    sumWhen(on("completed_late")).as("completedLate"),
    sumWhen(on("in_deadline")).as("inDeadline"),
    sumWhen(on("due_soon")).as("dueSoon"),
    sumWhen(on("overdue")).as("overdue"),
    sumWhen(on("no_deadline")).as("noDeadline"),
    sumWhen(cellCondition("keyTasks", asOf)).as("keyTasks"),
    sumWhen(on("overdue"), daysLate(asOf, "st")).as("overdueDays"),
    sumWhen(cellCondition("awaitingConfirmation", asOf)).as("awaitingConfirmation"),
    sumWhen(cellCondition("cancelled", asOf)).as("cancelled"),
    sumWhen(cellCondition("continuing", asOf)).as("continuing"),
  ] as const;
}

type CountRow = {
  completedOnTime: number | null;
  completedLate: number | null;
  inDeadline: number | null;
  dueSoon: number | null;
  overdue: number | null;
  noDeadline: number | null;
  keyTasks: number | null;
  overdueDays: number | null;
  awaitingConfirmation: number | null;
  cancelled: number | null;
  continuing: number | null;
};

function toCounts(row: CountRow | undefined): StatisticCounts {
  return {
    completed_on_time: Number(row?.completedOnTime ?? 0),
    completed_late: Number(row?.completedLate ?? 0),
    in_deadline: Number(row?.inDeadline ?? 0),
    due_soon: Number(row?.dueSoon ?? 0),
    overdue: Number(row?.overdue ?? 0),
    no_deadline: Number(row?.noDeadline ?? 0),
    keyTasks: Number(row?.keyTasks ?? 0),
    overdueDays: Number(row?.overdueDays ?? 0),
    awaitingConfirmation: Number(row?.awaitingConfirmation ?? 0),
    cancelled: Number(row?.cancelled ?? 0),
    continuing: Number(row?.continuing ?? 0),
  };
}

/** The counts of the scope as they stood at the end of `asOf` (Vietnam). */
export async function statisticCounts(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
  source: StatisticSource = "kept",
): Promise<StatisticCounts> {
  if (source === "kept" && (await keptCountsServe(db, viewer, filters))) {
    return keptToCounts(await keptCounts(db, viewer, filters, basis, [asOf]), asOf);
  }
  const states = await statesAsOf(db, viewer, filters, basis, asOf);
  const row = await db.selectFrom(states.as("st")).select(countColumns(asOf)).executeTakeFirst();
  return toCounts(row);
}

/**
 * The counts of the scope as of each day of `days` (a trend): from the kept counts in one query
 * when they serve, else one pass over the states per day.
 */
export async function statisticCountsOn(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  days: readonly IsoDate[],
): Promise<StatisticCounts[]> {
  if (await keptCountsServe(db, viewer, filters)) {
    const rows = await keptCounts(db, viewer, filters, basis, days);
    return days.map((day, point) =>
      keptToCounts(
        rows.filter((row) => Number(row.point) === point),
        day,
      ),
    );
  }
  const counts: StatisticCounts[] = [];
  for (const day of days) counts.push(await statisticCounts(db, viewer, filters, basis, day));
  return counts;
}

/**
 * "Nhiệm vụ đến hạn": the tasks of the scope whose deadline (by the basis) fell between `from`
 * and `asOf`, as they stood at the end of `asOf`, and how many of them were completed.
 */
export async function statisticDueInPeriod(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  period: { from: IsoDate; asOf: IsoDate },
): Promise<DueInPeriod> {
  const { from, asOf } = period;
  const states = await statesAsOf(db, viewer, filters, basis, asOf);
  const row = await db
    .selectFrom(states.as("st"))
    .where("st.dueOn", ">=", from)
    .where("st.dueOn", "<=", asOf)
    .select([
      sumWhen(cellCondition("total", asOf)).as("total"),
      sumWhen(cellCondition("completed", asOf)).as("completed"),
      sumWhen(cellCondition("completedOnTime", asOf)).as("completedOnTime"),
    ])
    .executeTakeFirst();
  const total = Number(row?.total ?? 0);
  const completed = Number(row?.completed ?? 0);
  return {
    from,
    asOf,
    total,
    completed,
    completedOnTime: Number(row?.completedOnTime ?? 0),
    completionRate: percent(completed, total),
  };
}

export type AgencyCounts = {
  agency: AgencyRef;
  /** Agencies whose tasks of the time count here since they ended ("gồm Hà Giang cũ"). */
  formerAgencies: AgencyRef[];
  counts: StatisticCounts;
};

/**
 * The counts per agency of the day (the lead agency of the time, or its successor once it has
 * ended), as they stood at the end of `asOf`, with the names valid on `asOf`.
 */
export async function statisticCountsByAgency(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
  source: StatisticSource = "kept",
): Promise<AgencyCounts[]> {
  const rows: { countedAgencyId: number; leadAgencyId: number; counts: StatisticCounts }[] = [];
  if (source === "kept" && (await keptCountsServe(db, viewer, filters))) {
    for (const row of await keptCountsByAgency(db, viewer, filters, basis, asOf)) {
      rows.push({ ...row, counts: keptToCounts([row], asOf) });
    }
  } else {
    const states = await statesAsOf(db, viewer, filters, basis, asOf);
    const found = await db
      .selectFrom(states.as("st"))
      .select(["st.countedAgencyId", "st.leadAgencyId"])
      .select(countColumns(asOf))
      .groupBy(["st.countedAgencyId", "st.leadAgencyId"])
      .execute();
    for (const row of found) rows.push({ ...row, counts: toCounts(row) });
  }
  const ids = [...new Set(rows.flatMap((row) => [row.countedAgencyId, row.leadAgencyId]))];
  const agencies = new Map(
    (await withNamesOn(db, (await agenciesByIds(db, ids)).map(toAgencyRef), asOf)).map((agency) => [
      agency.id,
      agency,
    ]),
  );
  const byAgency = new Map<number, AgencyCounts>();
  for (const row of rows) {
    const agency = agencies.get(row.countedAgencyId);
    if (!agency) continue;
    const entry = byAgency.get(agency.id) ?? { agency, formerAgencies: [], counts: emptyCounts() };
    entry.counts = addCounts(entry.counts, row.counts);
    const former = agencies.get(row.leadAgencyId);
    if (former && former.id !== agency.id && !entry.formerAgencies.includes(former)) {
      entry.formerAgencies.push(former);
    }
    byAgency.set(agency.id, entry);
  }
  return [...byAgency.values()];
}

export type AgencyStatisticRow = StatisticCells & {
  agency: AgencyRef;
  formerAgencies: AgencyRef[];
};

/**
 * The per-agency table: one row per agency of the day, sorted by a column, and the total row
 * (the sum of the agencies' counts, which equals the scope's counts: a task counts once).
 */
export async function statisticTable(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  options: {
    basis: StatisticBasis;
    asOf: IsoDate;
    sort: AgencyStatisticSort;
    direction: SortDirection;
  },
): Promise<{ rows: AgencyStatisticRow[]; total: StatisticCells }> {
  const byAgency = await statisticCountsByAgency(db, viewer, filters, options.basis, options.asOf);
  const rows = byAgency.map(({ agency, formerAgencies, counts }) => ({
    agency,
    formerAgencies,
    ...cellsFromCounts(counts),
  }));
  const total = byAgency.reduce((sum, row) => addCounts(sum, row.counts), emptyCounts());
  return {
    rows: sortAgencyRows(rows, options.sort, options.direction),
    total: cellsFromCounts(total),
  };
}

/** A task behind a figure, as it stood at the end of the figures' day. */
export type StatisticTaskItem = {
  id: number;
  directive: { id: number; type: DirectiveType; number: string; issuedOn: IsoDate };
  clause: string;
  title: string;
  isKey: boolean;
  /** The lead agency of the time. */
  leadAgency: AgencyRef;
  /** The agency it counts under on the day: the lead, or its successor once the lead ended. */
  countedAgency: AgencyRef;
  /** The deadline as written, in force at the time, and how the directive words it. */
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  /** The deadline the figures count against at the time: in force, or as first assigned. */
  dueOn: IsoDate | null;
  status: TaskStatus;
  doneOn: IsoDate | null;
  /** Judged on the figures' day by shared/timeliness.ts. */
  timeliness: Timeliness | null;
  daysOverdue: number;
};

/**
 * The tasks one figure counts, from the same derived table as the counts (statesAsOf) and the
 * cell's condition: overdue first (most days first), then by deadline, a page at a time.
 * `filters.leadAgencyId` narrows to one lead agency of the time, as a row of the per-agency table.
 */
export async function listStatisticTasks(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  options: {
    basis: StatisticBasis;
    asOf: IsoDate;
    cell: StatisticCell;
    page: number;
    pageSize: number;
  },
): Promise<{ items: StatisticTaskItem[]; total: number }> {
  const { asOf } = options;
  const states = await statesAsOf(db, viewer, filters, options.basis, asOf);
  const listed = db
    .selectFrom(
      states
        .innerJoin("task", "task.id", "s.taskId")
        .select([
          "s.directiveId",
          "directive.type as directiveType",
          "directive.number as directiveNumber",
          "directive.issuedOn as directiveIssuedOn",
          "task.clause",
          "task.title",
          "task.deadlineDays",
          "s.deadline",
        ])
        .as("st"),
    )
    .where(cellCondition(options.cell, asOf));
  const overdue = timelinessCondition("overdue", asOf, "st");
  const [rows, count] = await Promise.all([
    listed
      .innerJoin("agency as lead", "lead.id", "st.leadAgencyId")
      .innerJoin("agency as counted", "counted.id", "st.countedAgencyId")
      .select([
        "st.taskId",
        "st.directiveId",
        "st.directiveType",
        "st.directiveNumber",
        "st.directiveIssuedOn",
        ...agencyRefColumns("counted"),
        "st.clause",
        "st.title",
        "st.isKey",
        "st.status",
        "st.deadline",
        "st.deadlineKind",
        "st.deadlineDays",
        "st.dueOn",
        "st.doneOn",
        ...agencyRefColumns("lead"),
      ])
      .orderBy(sql`CASE WHEN ${overdue} THEN 0 ELSE 1 END`)
      .orderBy(sql`CASE WHEN ${overdue} THEN ${daysLate(asOf, "st")} ELSE 0 END`, "desc")
      .orderBy("st.dueOn", (ob) => ob.asc().nullsLast())
      .orderBy("st.taskId")
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    listed.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row): StatisticTaskItem => {
    const facts = { status: row.status, dueOn: row.dueOn, doneOn: row.doneOn };
    return {
      id: row.taskId,
      directive: {
        id: row.directiveId,
        type: row.directiveType,
        number: row.directiveNumber,
        issuedOn: row.directiveIssuedOn,
      },
      clause: row.clause,
      title: row.title,
      isKey: row.isKey === 1,
      leadAgency: agencyRef(row, "lead"),
      countedAgency: agencyRef(row, "counted"),
      deadline: row.deadline,
      deadlineKind: row.deadlineKind,
      deadlineDays: row.deadlineDays,
      dueOn: row.dueOn,
      status: row.status,
      doneOn: row.doneOn,
      timeliness: timeliness(facts, asOf),
      daysOverdue: daysOverdue(facts, asOf),
    };
  });
  return { items, total: Number(count.total) };
}

export type OverdueItem = {
  id: number;
  directive: { id: number; type: DirectiveType; number: string; issuedOn: IsoDate };
  clause: string;
  title: string;
  isKey: boolean;
  status: TaskStatus;
  leadAgency: AgencyRef;
  /** The agency that follows the task up today when the lead has ended ("nay: Tuyên Quang"). */
  successorAgency: AgencyRef | null;
  coordinators: AgencyRef[];
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  /** The deadline in force. */
  dueOn: IsoDate;
  /** The day it was reported done (awaiting confirmation), else null. */
  doneOn: IsoDate | null;
  daysOverdue: number;
  lastProgressAt: string | null;
  lastProgressNote: string;
  /** No progress report for more than STALE_REPORT_DAYS days (and not reported done). */
  staleReport: boolean;
  /** The latest difficulties and proposals its reports gave ("Ghi chú"). */
  difficulties: string;
  proposals: string;
};

export type OverdueFiltersDb = StatisticFilters & { minDaysOverdue: number };

/**
 * Today's overdue tasks in scope, as its two halves (see OVERDUE_HALVES), from `task` alone, or
 * with `directive` joined when a filter reads it: the ids of a page and the total need nothing
 * else. The scope's conditions are worked out once for both.
 */
async function overdueHalves(
  db: Db,
  viewer: Viewer,
  filters: OverdueFiltersDb,
  today: IsoDate,
  successors: ReadonlyMap<number, number>,
) {
  const counted = countedAgency("task", successors);
  const conditions = await scopeConditions(db, filters, "task", "dueOn", { counted, successors });
  const needsDirective =
    filters.directiveType !== undefined ||
    (filters.periodBy === "issued" && (filters.from !== undefined || filters.to !== undefined));
  return OVERDUE_HALVES.map((part) => {
    let query = db
      .selectFrom("task")
      .$if(needsDirective, (q) => q.innerJoin("directive", "directive.id", "task.directiveId"))
      .where(taskVisibleTo(viewer, { perRow: true }))
      .where(overdueHalf(part, today));
    for (const condition of conditions) query = query.where(condition);
    if (filters.minDaysOverdue > 0) {
      query = query.where(sql<SqlBool>`${daysLate(today)} >= ${filters.minDaysOverdue}`);
    }
    return query;
  });
}

/**
 * Today's overdue tasks in scope, most days overdue first, a page at a time. "Not reported"
 * (staleReport): the last progress report (or, without any, the assignment) is older than
 * STALE_REPORT_DAYS days at `now`, and the task is not awaiting confirmation (reported done).
 * The page is found without sorting every overdue task: open tasks are late by today − due_on,
 * so the first `page × pageSize` of them by deadline come in the order of their partial index;
 * the tasks reported done at least as late as the last of those join them (a range of their
 * index), and the page is cut from the two (same order as sorting all by days late, deadline and
 * id); then the rows of the page are read.
 * `urged`: how many of all the listed tasks (every page) have been urged; `urgeable`: how many of
 * the page's may be urged (not reported done).
 */
export async function listOverdue(
  db: Db,
  viewer: Viewer,
  filters: OverdueFiltersDb,
  options: {
    today: IsoDate;
    now: Date;
    page: number;
    pageSize: number;
    /** How many of the page's first tasks to read in full (all when not given). */
    detailed?: number;
  },
): Promise<{ items: OverdueItem[]; total: number; urged: number; urgeable: number }> {
  const { today } = options;
  const successors = await successorsOn(db, today);
  const [open, reported] = await overdueHalves(db, viewer, filters, today, successors);
  if (!open || !reported) return { items: [], total: 0, urged: 0, urgeable: 0 };
  const wanted = options.page * options.pageSize;
  const first = await open
    .select(["task.id", "task.dueOn", daysLate(today).as("late")])
    .orderBy("task.dueOn")
    .orderBy("task.id")
    .limit(wanted)
    .execute();
  const bound = reportedDueBound(first, wanted, today);
  const rest = await reported
    .$if(bound !== undefined, (q) => q.where("task.dueOn", "<=", bound ?? today))
    .select(["task.id", "task.dueOn", daysLate(today).as("late")])
    .execute();
  const page = [
    ...first.map((row) => ({ ...row, urgeable: true })),
    ...rest.map((row) => ({ ...row, urgeable: false })),
  ]
    .sort((a, b) => b.late - a.late || (a.dueOn ?? "").localeCompare(b.dueOn ?? "") || a.id - b.id)
    .slice((options.page - 1) * options.pageSize, wanted);
  // The open half's tasks may be urged; those reported done await confirmation.
  const urgeable = page.filter((row) => row.urgeable).length;
  // The total: the kept count of overdue tasks today when it answers (no "days overdue" floor),
  // else counted over both halves' indexes; the urged among them from the urged tasks alone.
  const countOf = async (halves: readonly (typeof open)[]) =>
    (
      await Promise.all(
        halves.map((part) =>
          part.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
        ),
      )
    ).reduce((sum, row) => sum + Number(row.n), 0);
  const kept = filters.minDaysOverdue === 0 && (await keptCountsServe(db, viewer, filters));
  const total = kept
    ? await keptOverdue(db, viewer, filters, today, successors)
    : await countOf([open, reported]);
  const urged = await countOf(
    [open, reported].map((part) => part.where(urgedCondition(undefined))),
  );
  const ids = page.slice(0, options.detailed ?? page.length).map((row) => row.id);
  const counted = countedAgency("task", successors);
  const found =
    ids.length === 0
      ? []
      : await db
          .selectFrom("task")
          .innerJoin("directive", "directive.id", "task.directiveId")
          .innerJoin("agency as lead", "lead.id", "task.leadAgencyId")
          .innerJoin("agency as now", (join) =>
            join.on(sql<SqlBool>`${sql.ref("now.id")} = ${counted}`),
          )
          .where("task.id", "in", ids)
          .select([
            "task.id",
            "task.directiveId",
            "directive.type as directiveType",
            "directive.number as directiveNumber",
            "directive.issuedOn as directiveIssuedOn",
            "task.clause",
            "task.title",
            "task.isKey",
            "task.status",
            ...agencyRefColumns("lead"),
            ...agencyRefColumns("now"),
            "task.deadline",
            "task.deadlineKind",
            "task.deadlineDays",
            "task.dueOn",
            "task.doneOn",
            "task.lastProgressAt",
            "task.lastProgressNote",
            "task.createdAt",
          ])
          .execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  const coordinators = await coordinatorsOf(db, ids);
  const notes = await latestReportNotes(db, ids);
  const staleBefore = new Date(
    options.now.getTime() - STALE_REPORT_DAYS * 86_400_000,
  ).toISOString();
  const items = rows.flatMap((row): OverdueItem[] => {
    if (row.dueOn === null) return [];
    return [
      {
        id: row.id,
        directive: {
          id: row.directiveId,
          type: row.directiveType,
          number: row.directiveNumber,
          issuedOn: row.directiveIssuedOn,
        },
        clause: row.clause,
        title: row.title,
        isKey: row.isKey === 1,
        status: row.status,
        leadAgency: agencyRef(row, "lead"),
        successorAgency: row.nowId === row.leadId ? null : agencyRef(row, "now"),
        coordinators: coordinators.get(row.id) ?? [],
        deadline: row.deadline,
        deadlineKind: row.deadlineKind,
        deadlineDays: row.deadlineDays,
        dueOn: row.dueOn,
        doneOn: row.doneOn,
        daysOverdue: daysOverdue(row, today),
        lastProgressAt: row.lastProgressAt,
        lastProgressNote: row.lastProgressNote,
        staleReport:
          row.status !== "reported_done" && (row.lastProgressAt ?? row.createdAt) < staleBefore,
        difficulties: notes.get(row.id)?.difficulties ?? "",
        proposals: notes.get(row.id)?.proposals ?? "",
      },
    ];
  });
  return { items, total, urged, urgeable };
}

/** What a title needs to name the scope: the directive (if visible) and the agency, when chosen. */
export async function scopeNames(
  db: Db,
  viewer: Viewer,
  filters: { directiveId?: number | undefined; agencyId?: number | undefined },
): Promise<{
  directive: { type: DirectiveType; number: string; issuedOn: IsoDate } | null;
  agency: { name: string } | null;
}> {
  const directive =
    filters.directiveId === undefined
      ? undefined
      : await db
          .selectFrom("directive")
          .select(["directive.type", "directive.number", "directive.issuedOn"])
          .where("directive.id", "=", filters.directiveId)
          .where(directiveVisibleTo(viewer))
          .executeTakeFirst();
  const agency =
    filters.agencyId === undefined
      ? undefined
      : await db
          .selectFrom("agency")
          .select("agency.name")
          .where("agency.id", "=", filters.agencyId)
          .executeTakeFirst();
  return { directive: directive ?? null, agency: agency ?? null };
}

/**
 * The latest difficulties and proposals each task's reports gave (the "Ghi chú" of the overdue
 * list): from the newest report that states any, by task id.
 */
export async function latestReportNotes(
  db: Db,
  taskIds: readonly number[],
): Promise<Map<number, { difficulties: string; proposals: string }>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("taskReport")
    .select(["taskReport.taskId", "taskReport.difficulties", "taskReport.proposals"])
    .where("taskReport.taskId", "in", taskIds)
    .where((eb) =>
      eb.or([eb("taskReport.difficulties", "<>", ""), eb("taskReport.proposals", "<>", "")]),
    )
    .orderBy("taskReport.id")
    .execute();
  return new Map(rows.map((row) => [row.taskId, row]));
}
