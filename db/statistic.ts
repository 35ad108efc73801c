import { type Expression, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../shared/date.ts";
import type { DirectiveType } from "../shared/directive.ts";
import type { Viewer } from "../shared/permission.ts";
import {
  type AgencyStatisticSort,
  addCounts,
  CELL_DEFINITIONS,
  cellsFromCounts,
  emptyCounts,
  endOfVnDay,
  type PeriodKind,
  type SortDirection,
  STALE_REPORT_DAYS,
  type StatisticBasis,
  type StatisticCell,
  type StatisticCells,
  type StatisticCounts,
  sortAgencyRows,
} from "../shared/statistic.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { daysOverdue, type Timeliness, timeliness } from "../shared/timeliness.ts";
import {
  AGENCY_REF_COLUMNS,
  type AgencyRef,
  agencyRef,
  agencyRefColumns,
  toAgencyRef,
} from "./agency.ts";
import type { Db } from "./open.ts";
import { agencySubtree } from "./scope.ts";
import { coordinatorsOf } from "./task.ts";
import { daysLate, timelinessCondition, timelinessIn } from "./timeliness.ts";
import { directiveVisibleTo, taskVisibleTo } from "./visibility.ts";

/**
 * Statistics counted in SQL over the whole scope, never by loading tasks: SUM(CASE …) over the
 * timeliness conditions of db/timeliness.ts. "As of" a day D, each task counts in the state it
 * had at the end of D in Vietnam: its latest task_state row with valid_from before D+1 00:00
 * (+07:00), found by a correlated subquery (ORDER BY valid_from DESC, id DESC LIMIT 1); tasks
 * created later have no such row and drop out. The lead agency is the state's (the agency of
 * the time), the deadline the state's deadline in force or, with basis "original", the deadline
 * first assigned. Only portable SQL: ISO text comparisons, CASE, SUBSTR, CAST, integer division.
 */

export type StatisticFilters = {
  directiveId?: number | undefined;
  directiveType?: DirectiveType | undefined;
  keyOnly: boolean;
  /** Lead (chủ trì) agency, with the agencies under it (parent links). */
  agencyId?: number | undefined;
  /** Exactly this lead agency (of the time, for as-of figures): a row of the per-agency table. */
  leadAgencyId?: number | null | undefined;
  periodBy: PeriodKind;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
};

/**
 * The scope as conditions on `table` ("task" for today's rows, "s" for a task_state row), with
 * the table `directive` joined. `due` is the deadline column the period "due" looks at.
 */
async function scopeConditions(
  db: Db,
  filters: StatisticFilters,
  table: string,
  due: string,
): Promise<Expression<SqlBool>[]> {
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  const conditions: Expression<SqlBool>[] = [];
  if (filters.directiveId !== undefined) {
    conditions.push(sql<SqlBool>`${ref("directiveId")} = ${filters.directiveId}`);
  }
  if (filters.directiveType !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref("directive.type")} = ${filters.directiveType}`);
  }
  if (filters.keyOnly) conditions.push(sql<SqlBool>`${ref("isKey")} = 1`);
  if (filters.agencyId !== undefined) {
    const ids = await agencySubtree(db, [filters.agencyId]);
    conditions.push(
      ids.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`${ref("leadAgencyId")} IN (${sql.join(ids)})`,
    );
  }
  if (filters.leadAgencyId !== undefined && filters.leadAgencyId !== null) {
    conditions.push(sql<SqlBool>`${ref("leadAgencyId")} = ${filters.leadAgencyId}`);
  }
  const period = filters.periodBy === "issued" ? sql.ref("directive.issuedOn") : ref(due);
  if (filters.from !== undefined) conditions.push(sql<SqlBool>`${period} >= ${filters.from}`);
  if (filters.to !== undefined) conditions.push(sql<SqlBool>`${period} <= ${filters.to}`);
  return conditions;
}

/**
 * The one FROM/WHERE of every as-of figure and list: one row per visible task in scope, as it
 * stood at the end of `asOf`, cancelled ones left out, with the columns timeliness needs:
 * taskId, leadAgencyId, isKey, status, doneOn and dueOn (the deadline the basis counts against).
 * The tables `task`, `s` (the state) and `directive` stay in scope, so that a list can select
 * more columns; counting (statisticCounts, statisticCountsByAgency) and listing
 * (listStatisticTasks) both read it as the derived table `st`.
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
  const conditions = await scopeConditions(db, filters, "s", due);
  let query = db
    .selectFrom("task")
    .innerJoin("taskState as s", (join) =>
      join.on((eb) =>
        eb(
          "s.id",
          "=",
          eb
            .selectFrom("taskState as h")
            .select("h.id")
            .whereRef("h.taskId", "=", "task.id")
            .where("h.validFrom", "<", cutoff)
            .orderBy("h.validFrom", "desc")
            .orderBy("h.id", "desc")
            .limit(1),
        ),
      ),
    )
    .innerJoin("directive", "directive.id", "s.directiveId")
    .where(taskVisibleTo(viewer))
    .where("s.status", "<>", "cancelled");
  for (const condition of conditions) query = query.where(condition);
  return query.select((eb) => [
    "task.id as taskId",
    "s.leadAgencyId",
    "s.isKey",
    "s.status",
    "s.doneOn",
    eb.ref(`s.${due}`).as("dueOn"),
  ]);
}

/** The states of the derived table `st` that a figure counts, judged on `asOf`. */
function cellCondition(cell: StatisticCell, asOf: IsoDate): Expression<SqlBool> {
  const definition = CELL_DEFINITIONS[cell];
  const categories = timelinessIn(definition.timeliness, asOf, "st");
  return definition.keyOnly
    ? sql<SqlBool>`(${categories} AND ${sql.ref("st.isKey")} = 1)`
    : categories;
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
  };
}

/** The counts of the scope as they stood at the end of `asOf` (Vietnam). */
export async function statisticCounts(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
): Promise<StatisticCounts> {
  const states = await statesAsOf(db, viewer, filters, basis, asOf);
  const row = await db.selectFrom(states.as("st")).select(countColumns(asOf)).executeTakeFirst();
  return toCounts(row);
}

export type AgencyCounts = { agency: AgencyRef; counts: StatisticCounts };

/** The counts per lead agency of the time, as they stood at the end of `asOf`. */
export async function statisticCountsByAgency(
  db: Db,
  viewer: Viewer,
  filters: StatisticFilters,
  basis: StatisticBasis,
  asOf: IsoDate,
): Promise<AgencyCounts[]> {
  const states = await statesAsOf(db, viewer, filters, basis, asOf);
  const rows = await db
    .selectFrom(states.as("st"))
    .innerJoin("agency", "agency.id", "st.leadAgencyId")
    .select(AGENCY_REF_COLUMNS)
    .select(countColumns(asOf))
    .groupBy(AGENCY_REF_COLUMNS)
    .execute();
  return rows.map((row) => ({ agency: toAgencyRef(row), counts: toCounts(row) }));
}

export type AgencyStatisticRow = StatisticCells & { agency: AgencyRef };

/**
 * The per-agency table: one row per lead agency of the time, sorted by a column, and the total
 * row (the sum of the agencies' counts, which equals the scope's counts: a task has one lead).
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
  const rows = byAgency.map(({ agency, counts }) => ({ agency, ...cellsFromCounts(counts) }));
  const total = byAgency.reduce((sum, row) => addCounts(sum, row.counts), emptyCounts());
  return {
    rows: sortAgencyRows(rows, options.sort, options.direction),
    total: cellsFromCounts(total),
  };
}

/** A task behind a figure, as it stood at the end of the figures' day. */
export type StatisticTaskItem = {
  id: number;
  directive: { id: number; type: DirectiveType; number: string };
  clause: string;
  title: string;
  isKey: boolean;
  /** The lead agency of the time. */
  leadAgency: AgencyRef;
  /** The deadline as written, in force at the time. */
  deadline: IsoDate | null;
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
        .select([
          "s.directiveId",
          "directive.type as directiveType",
          "directive.number as directiveNumber",
          "task.clause",
          "task.title",
          "s.deadline",
        ])
        .as("st"),
    )
    .where(cellCondition(options.cell, asOf));
  const overdue = timelinessCondition("overdue", asOf, "st");
  const [rows, count] = await Promise.all([
    listed
      .innerJoin("agency as lead", "lead.id", "st.leadAgencyId")
      .select([
        "st.taskId",
        "st.directiveId",
        "st.directiveType",
        "st.directiveNumber",
        "st.clause",
        "st.title",
        "st.isKey",
        "st.status",
        "st.deadline",
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
      directive: { id: row.directiveId, type: row.directiveType, number: row.directiveNumber },
      clause: row.clause,
      title: row.title,
      isKey: row.isKey === 1,
      leadAgency: agencyRef(row, "lead"),
      deadline: row.deadline,
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
  coordinators: AgencyRef[];
  deadline: IsoDate | null;
  /** The deadline in force. */
  dueOn: IsoDate;
  /** The day it was reported done (awaiting confirmation), else null. */
  doneOn: IsoDate | null;
  daysOverdue: number;
  lastProgressAt: string | null;
  lastProgressNote: string;
  /** No progress report for more than STALE_REPORT_DAYS days (and not reported done). */
  staleReport: boolean;
};

export type OverdueFiltersDb = StatisticFilters & { minDaysOverdue: number };

async function overdueQuery(db: Db, viewer: Viewer, filters: OverdueFiltersDb, today: IsoDate) {
  const conditions = await scopeConditions(db, filters, "task", "dueOn");
  let query = db
    .selectFrom("task")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .innerJoin("agency as lead", "lead.id", "task.leadAgencyId")
    .where(taskVisibleTo(viewer))
    .where(timelinessCondition("overdue", today));
  for (const condition of conditions) query = query.where(condition);
  if (filters.minDaysOverdue > 0) {
    query = query.where(sql<SqlBool>`${daysLate(today)} >= ${filters.minDaysOverdue}`);
  }
  return query;
}

/**
 * Today's overdue tasks in scope, most days overdue first, a page at a time. "Not reported"
 * (staleReport): the last progress report (or, without any, the assignment) is older than
 * STALE_REPORT_DAYS days at `now`, and the task is not awaiting confirmation (reported done).
 */
export async function listOverdue(
  db: Db,
  viewer: Viewer,
  filters: OverdueFiltersDb,
  options: { today: IsoDate; now: Date; page: number; pageSize: number },
): Promise<{ items: OverdueItem[]; total: number }> {
  const { today } = options;
  const base = await overdueQuery(db, viewer, filters, today);
  const [rows, count] = await Promise.all([
    base
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
        "task.deadline",
        "task.dueOn",
        "task.doneOn",
        "task.lastProgressAt",
        "task.lastProgressNote",
        "task.createdAt",
      ])
      .orderBy(daysLate(today), "desc")
      .orderBy("task.dueOn")
      .orderBy("task.id")
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const coordinators = await coordinatorsOf(
    db,
    rows.map((row) => row.id),
  );
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
        coordinators: coordinators.get(row.id) ?? [],
        deadline: row.deadline,
        dueOn: row.dueOn,
        doneOn: row.doneOn,
        daysOverdue: daysOverdue(row, today),
        lastProgressAt: row.lastProgressAt,
        lastProgressNote: row.lastProgressNote,
        staleReport:
          row.status !== "reported_done" && (row.lastProgressAt ?? row.createdAt) < staleBefore,
      },
    ];
  });
  return { items, total: Number(count.total) };
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
