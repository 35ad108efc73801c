import {
  type Expression,
  type ExpressionBuilder,
  expressionBuilder,
  type InferResult,
  type Insertable,
  type RawBuilder,
  type SqlBool,
  sql,
  type Updateable,
} from "kysely";
import { type Calendar, deadlineInForce, type IsoDate } from "../shared/date.ts";
import type { DeadlineKind } from "../shared/deadline.ts";
import type { Viewer } from "../shared/permission.ts";
import type { ReportKind } from "../shared/report.ts";
import type { TaskSort } from "../shared/task.ts";
import type { TaskEventKind } from "../shared/task-event.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { foldText } from "../shared/text.ts";
import { daysOverdue, TIMELINESS, type Timeliness, timeliness } from "../shared/timeliness.ts";
import {
  AGENCY_REF_COLUMNS,
  type AgencyRef,
  type AgencyRefRow,
  agencyRef,
  agencyRefColumns,
} from "./agency.ts";
import { loadCalendar } from "./calendar.ts";
import type { Db } from "./open.ts";
import { preparedQuery } from "./prepared.ts";
import type { Database } from "./schema.ts";
import { matchesSearch } from "./search.ts";
import { recordTaskState } from "./task-state.ts";
import {
  daysLate,
  OVERDUE_HALVES,
  type OverdueHalf,
  overdueHalf,
  reportedDueBound,
  timelinessCondition,
  timelinessIn,
} from "./timeliness.ts";
import { taskConcerns, taskVisibleTo } from "./visibility.ts";

export type TaskListItem = {
  id: number;
  directiveId: number;
  directiveNumber: string;
  parentId: number | null;
  clause: string;
  title: string;
  leadAgency: AgencyRef;
  coordinators: AgencyRef[];
  deadline: IsoDate | null;
  /** How the directive words the deadline, and N of "N ngày làm việc". */
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  dueOn: IsoDate | null;
  isKey: boolean;
  status: TaskStatus;
  progress: number;
  doneOn: IsoDate | null;
  timeliness: Timeliness | null;
  daysOverdue: number;
  lastProgressAt: string | null;
  lastProgressNote: string;
  updatedAt: string;
  version: number;
};

export type TaskFilters = {
  scope: "mine" | "visible";
  directiveId?: number | undefined;
  leadAgencyId?: number | undefined;
  status?: TaskStatus[] | undefined;
  timeliness?: Timeliness[] | undefined;
  isKey?: boolean | undefined;
  query: string;
  minDaysOverdue?: number | undefined;
};

function taskRows(db: Db) {
  return (
    db
      .selectFrom("task")
      .innerJoin("directive", "directive.id", "task.directiveId")
      // `+`: the planner finds tasks by their own indexes (the filters'), never by walking the
      // agencies and each one's tasks (a plan it chose for a million tasks: 150,000 row reads).
      .innerJoin("agency as lead", (join) =>
        join.on(sql<SqlBool>`${sql.ref("lead.id")} = +${sql.ref("task.leadAgencyId")}`),
      )
  );
}

const LIST_COLUMNS = [
  "task.id",
  "task.directiveId",
  "directive.number as directiveNumber",
  "task.parentId",
  "task.clause",
  "task.title",
  ...agencyRefColumns("lead"),
  "task.deadline",
  "task.deadlineKind",
  "task.deadlineDays",
  "task.dueOn",
  "task.isKey",
  "task.status",
  "task.progress",
  "task.doneOn",
  "task.lastProgressAt",
  "task.lastProgressNote",
  "task.updatedAt",
  "task.version",
] as const;

function filterConditions(
  viewer: Viewer,
  filters: TaskFilters,
  today: IsoDate,
  visibility: { perRow?: boolean } = {},
) {
  return (qb: ReturnType<typeof taskRows>) => {
    let q = qb.where(taskVisibleTo(viewer, visibility));
    if (filters.scope === "mine") q = q.where(taskConcerns(viewer));
    if (filters.directiveId !== undefined)
      q = q.where("task.directiveId", "=", filters.directiveId);
    if (filters.leadAgencyId !== undefined) {
      q = q.where("task.leadAgencyId", "=", filters.leadAgencyId);
    }
    if (filters.status && filters.status.length > 0)
      q = q.where("task.status", "in", filters.status);
    const categories = filters.timeliness;
    if (categories && categories.length > 0) {
      q = q.where(timelinessIn(categories, today));
    }
    if (filters.isKey !== undefined) q = q.where("task.isKey", "=", filters.isKey ? 1 : 0);
    const { minDaysOverdue } = filters;
    if (minDaysOverdue !== undefined) {
      q = q
        .where(timelinessCondition("overdue", today))
        .where(daysLate(today), ">=", minDaysOverdue);
    }
    const match = matchesSearch("task.searchText", filters.query);
    if (match) q = q.where(match);
    return q;
  };
}

/** The order of "urgency"; closed tasks (completed and cancelled) come after these. */
const URGENCY: readonly Timeliness[] = ["overdue", "due_soon", "in_deadline", "no_deadline"];

/** The task's place in URGENCY (0 overdue … 3 no deadline, 4 closed), from the timeliness SQL. */
function urgencyRank(today: IsoDate): RawBuilder<number> {
  const ranks = URGENCY.map(
    (category, rank) => sql`WHEN ${timelinessCondition(category, today)} THEN ${sql.lit(rank)}`,
  );
  return sql<number>`CASE ${sql.join(ranks, sql` `)} ELSE ${sql.lit(URGENCY.length)} END`;
}

/**
 * The viewer's tasks today per rank of the urgency order (URGENCY, then closed), when something
 * cheaper than counting every task knows them, else null: the kept counts
 * (db/statistic.ts keptUrgencyCounts, which server/reads.ts passes in).
 */
export type UrgencyCounts = (viewer: Viewer, today: IsoDate) => Promise<readonly number[] | null>;

export async function listTasks(
  db: Db,
  viewer: Viewer,
  input: TaskFilters & { sort: TaskSort; page: number; pageSize: number },
  today: IsoDate,
  urgencyCounts?: UrgencyCounts,
): Promise<{ items: TaskListItem[]; total: number }> {
  if (
    input.sort !== "updated" &&
    input.timeliness?.length === 1 &&
    input.timeliness[0] === "overdue"
  ) {
    return listOverdueTasks(db, viewer, { ...input, sort: input.sort }, today);
  }
  if (input.sort === "urgency" && !input.timeliness?.length && input.minDaysOverdue === undefined) {
    return listByUrgency(db, viewer, input, today, urgencyCounts);
  }
  const filtered = filterConditions(viewer, input, today);
  let query = taskRows(db).$call(filtered).select(LIST_COLUMNS);
  switch (input.sort) {
    case "urgency":
      query = query
        .orderBy(urgencyRank(today))
        .orderBy("task.dueOn", (ob) => ob.asc().nullsLast())
        .orderBy("task.id");
      break;
    case "days_overdue":
      query = query.orderBy(urgencyRank(today)).orderBy(daysLate(today), "desc").orderBy("task.id");
      break;
    case "deadline":
      query = query.orderBy("task.dueOn", (ob) => ob.asc().nullsLast()).orderBy("task.id");
      break;
    case "updated":
      query = query.orderBy("task.updatedAt", "desc").orderBy("task.id", "desc");
      break;
  }
  const rows = await query
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  // The unfiltered list's total is the sum of its ranks when the kept counts know them.
  const known = await knownRanks(viewer, input, today, urgencyCounts);
  const total = known
    ? known.reduce((sum, n) => sum + n, 0)
    : Number(
        (
          await taskRows(db)
            .$call(filtered)
            .select((eb) => eb.fn.countAll<number>().as("total"))
            .executeTakeFirstOrThrow()
        ).total,
      );
  return { items: await listItems(db, viewer, rows, today), total };
}

/**
 * listTasks of the overdue tasks without sorting every overdue task: the page is cut from each
 * half's partial index, most days overdue first (overdueIdsByDaysLate) or by deadline, for the
 * "urgency" and "deadline" orders, every overdue task having the same urgency
 * (overdueIdsByDeadline); then its rows are read. The same items in the same order as the
 * general query.
 */
async function listOverdueTasks(
  db: Db,
  viewer: Viewer,
  input: TaskFilters & {
    sort: Exclude<TaskSort, "updated">;
    page: number;
    pageSize: number;
  },
  today: IsoDate,
): Promise<{ items: TaskListItem[]; total: number }> {
  const filtered = filterConditions(viewer, { ...input, timeliness: undefined }, today, {
    perRow: true,
  });
  const half = (part: OverdueHalf) => taskRows(db).$call(filtered).where(overdueHalf(part, today));
  const counts = Promise.all(
    OVERDUE_HALVES.map((part) =>
      half(part)
        .select((eb) => eb.fn.countAll<number>().as("total"))
        .executeTakeFirstOrThrow(),
    ),
  );
  const start = (input.page - 1) * input.pageSize;
  const ids =
    input.sort === "days_overdue"
      ? await overdueIdsByDaysLate(half, today, start, input.pageSize)
      : await overdueIdsByDeadline(half, start, input.pageSize);
  return {
    items: await itemsInOrder(db, viewer, ids, today),
    total: (await counts).reduce((sum, count) => sum + Number(count.total), 0),
  };
}

/** The list's tasks in one half of "overdue" (db/timeliness.ts `overdueHalf`). */
type OverdueHalfRows = (part: OverdueHalf) => ReturnType<typeof taskRows>;

/**
 * `take` overdue tasks after the first `skip`, most days overdue first (then by id): the open
 * ones come in the order of their partial index (late by today − due_on); the reported done at
 * least as late as the last of those join them (a range of their index).
 */
async function overdueIdsByDaysLate(
  half: OverdueHalfRows,
  today: IsoDate,
  skip: number,
  take: number,
): Promise<number[]> {
  const wanted = skip + take;
  const first = await half("open")
    .select(["task.id", "task.dueOn", daysLate(today).as("late")])
    .orderBy("task.dueOn")
    .orderBy("task.id")
    .limit(wanted)
    .execute();
  const bound = reportedDueBound(first, wanted, today);
  const rest = await half("reported")
    .$if(bound !== undefined, (q) => q.where("task.dueOn", "<=", bound ?? today))
    .select(["task.id", "task.dueOn", daysLate(today).as("late")])
    .execute();
  return [...first, ...rest]
    .sort((a, b) => b.late - a.late || a.id - b.id)
    .slice(skip, wanted)
    .map((row) => row.id);
}

/**
 * `take` overdue tasks after the first `skip`, by deadline (then by id): the first `skip + take`
 * of each half in the order of its partial index, merged.
 */
async function overdueIdsByDeadline(
  half: OverdueHalfRows,
  skip: number,
  take: number,
): Promise<number[]> {
  const halves = await Promise.all(
    OVERDUE_HALVES.map((part) =>
      half(part)
        .select(["task.id", "task.dueOn"])
        .orderBy("task.dueOn")
        .orderBy("task.id")
        .limit(skip + take)
        .execute(),
    ),
  );
  return halves
    .flat()
    .sort((a, b) => (a.dueOn ?? "").localeCompare(b.dueOn ?? "") || a.id - b.id)
    .slice(skip, skip + take)
    .map((row) => row.id);
}

/** The list items of these tasks, in this order. */
async function itemsInOrder(
  db: Db,
  viewer: Viewer,
  ids: readonly number[],
  today: IsoDate,
): Promise<TaskListItem[]> {
  const found =
    ids.length === 0
      ? []
      : await taskRows(db).where("task.id", "in", ids).select(LIST_COLUMNS).execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  return listItems(db, viewer, rows, today);
}

/**
 * listTasks in the urgency order without sorting every task: how many tasks of each rank (one
 * pass), then the page's part of each rank it spans, by deadline and id, each read in the order
 * of an index where there is one (the overdue from its two halves, merged; the open by deadline),
 * then the page's rows. The same items in the same order as the general query.
 */
async function listByUrgency(
  db: Db,
  viewer: Viewer,
  input: TaskFilters & { page: number; pageSize: number },
  today: IsoDate,
  urgencyCounts?: UrgencyCounts,
): Promise<{ items: TaskListItem[]; total: number }> {
  const filtered = filterConditions(viewer, input, today, { perRow: true });
  const rank = urgencyRank(today);
  // Every visible task counted by rank: a pass over all of them (seconds for a leader at a
  // million tasks) unless the kept counts know the unfiltered list's.
  const known = await knownRanks(viewer, input, today, urgencyCounts);
  const ranked = known
    ? known.map((n, r) => ({ rank: r, n }))
    : await taskRows(db)
        .$call(filtered)
        .select((eb) => [rank.as("rank"), eb.fn.countAll<number>().as("n")])
        .groupBy(sql`1`)
        .execute();
  const counts = new Map(ranked.map((row) => [Number(row.rank), Number(row.n)]));
  /** `take` ids of the rank `r`, after the first `skip` of it. */
  const idsOfRank = async (r: number, skip: number, take: number): Promise<number[]> => {
    if (r === 0) {
      return overdueIdsByDeadline(
        (part) => taskRows(db).$call(filtered).where(overdueHalf(part, today)),
        skip,
        take,
      );
    }
    const inRank = taskRows(db)
      .$call(filtered)
      .select(["task.id", "task.dueOn"])
      .orderBy("task.dueOn", (ob) => ob.asc().nullsLast())
      .orderBy("task.id");
    const category = URGENCY[r];
    const rows = await (category === undefined
      ? inRank
      : inRank.where(timelinessCondition(category, today))
    )
      .where(sql<SqlBool>`${rank} = ${sql.lit(r)}`)
      .limit(take)
      .offset(skip)
      .execute();
    return rows.map((row) => row.id);
  };
  const start = (input.page - 1) * input.pageSize;
  const ids: number[] = [];
  let before = 0;
  for (let r = 0; r <= URGENCY.length; r++) {
    const n = counts.get(r) ?? 0;
    const from = Math.max(start - before, 0);
    const to = Math.min(start + input.pageSize - before, n);
    if (from < to) ids.push(...(await idsOfRank(r, from, to - from)));
    before += n;
  }
  return { items: await itemsInOrder(db, viewer, ids, today), total: before };
}

/** The ranks' counts of `urgencyCounts`, for the unfiltered list only (it knows no filter). */
async function knownRanks(
  viewer: Viewer,
  filters: TaskFilters,
  today: IsoDate,
  urgencyCounts: UrgencyCounts | undefined,
): Promise<readonly number[] | null> {
  return urgencyCounts && isUnfiltered(filters) ? urgencyCounts(viewer, today) : null;
}

/**
 * When each filter is off. A filter added to TaskFilters must be added here too (a type error
 * otherwise), or a filtered list would take its total from the kept counts of the whole list.
 */
type FilterOff = { [K in keyof Required<TaskFilters>]: (value: TaskFilters[K]) => boolean };
const FILTER_OFF: FilterOff = {
  scope: (scope) => scope === "visible",
  directiveId: (id) => id === undefined,
  leadAgencyId: (id) => id === undefined,
  status: (statuses) => !statuses?.length,
  timeliness: (timeliness) => !timeliness?.length,
  isKey: (isKey) => isKey === undefined,
  query: (query) => query === "",
  minDaysOverdue: (days) => days === undefined,
};
const FILTER_KEYS = Object.keys(FILTER_OFF) as (keyof TaskFilters)[];

function isOff<K extends keyof TaskFilters>(filters: TaskFilters, key: K): boolean {
  const off: FilterOff[K] = FILTER_OFF[key];
  return off(filters[key]);
}

/** The list of every task the viewer sees: no filter but the order. */
function isUnfiltered(filters: TaskFilters): boolean {
  return FILTER_KEYS.every((key) => isOff(filters, key));
}

/** List items of task rows, with their coordinating agencies (one more query). */
async function listItems(
  db: Db,
  viewer: Viewer,
  rows: ListRow[],
  today: IsoDate,
): Promise<TaskListItem[]> {
  const coordinators = await coordinatorsOf(
    db,
    rows.map((row) => row.id),
  );
  const shown = await withVisibleParents(db, viewer, rows);
  return shown.map((row) => toListItem(row, coordinators.get(row.id) ?? [], today));
}

/**
 * The rows with `parentId` kept only where the viewer may see the parent: a task of another
 * agency's break-down does not tell who its hidden parent is, not even its id.
 */
async function withVisibleParents<T extends { parentId: number | null }>(
  db: Db,
  viewer: Viewer,
  rows: readonly T[],
): Promise<T[]> {
  const parentIds = [
    ...new Set(rows.flatMap((row) => (row.parentId === null ? [] : [row.parentId]))),
  ];
  if (parentIds.length === 0) return [...rows];
  const visible = new Set(
    (
      await db
        .selectFrom("task")
        .select("task.id")
        .where("task.id", "in", parentIds)
        .where(taskVisibleTo(viewer))
        .execute()
    ).map((row) => row.id),
  );
  return rows.map((row) =>
    row.parentId === null || visible.has(row.parentId) ? row : { ...row, parentId: null },
  );
}

type ListRow = AgencyRefRow<"lead"> & {
  id: number;
  directiveId: number;
  directiveNumber: string;
  parentId: number | null;
  clause: string;
  title: string;
  deadline: string | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  dueOn: string | null;
  isKey: 0 | 1;
  status: TaskStatus;
  progress: number;
  doneOn: string | null;
  lastProgressAt: string | null;
  lastProgressNote: string;
  updatedAt: string;
  version: number;
};

function toListItem(row: ListRow, coordinators: AgencyRef[], today: IsoDate): TaskListItem {
  const facts = { status: row.status, dueOn: row.dueOn, doneOn: row.doneOn };
  return {
    id: row.id,
    directiveId: row.directiveId,
    directiveNumber: row.directiveNumber,
    parentId: row.parentId,
    clause: row.clause,
    title: row.title,
    leadAgency: agencyRef(row, "lead"),
    coordinators,
    deadline: row.deadline,
    deadlineKind: row.deadlineKind,
    deadlineDays: row.deadlineDays,
    dueOn: row.dueOn,
    isKey: row.isKey === 1,
    status: row.status,
    progress: row.progress,
    doneOn: row.doneOn,
    timeliness: timeliness(facts, today),
    daysOverdue: daysOverdue(facts, today),
    lastProgressAt: row.lastProgressAt,
    lastProgressNote: row.lastProgressNote,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function coordinatorsOf(
  db: Db,
  taskIds: readonly number[],
): Promise<Map<number, AgencyRef[]>> {
  const result = new Map<number, AgencyRef[]>();
  if (taskIds.length === 0) return result;
  const rows = await db
    .selectFrom("taskCoordinator")
    .innerJoin("agency", "agency.id", "taskCoordinator.agencyId")
    .select(["taskCoordinator.taskId", ...AGENCY_REF_COLUMNS])
    .where("taskCoordinator.taskId", "in", taskIds)
    .orderBy("agency.name")
    .execute();
  for (const { taskId, ...agency } of rows) {
    const list = result.get(taskId) ?? [];
    list.push(agency);
    result.set(taskId, list);
  }
  return result;
}

/** All tasks of a directive the viewer may see, in tree order material (parent ids). */
export async function directiveTasks(
  db: Db,
  viewer: Viewer,
  directiveId: number,
  today: IsoDate,
): Promise<TaskListItem[]> {
  return visibleItemsById(db, viewer, onTask("task.directiveId", "=", directiveId), today);
}

/**
 * The visible tasks under `taskId` (its breakdowns, theirs, and so on), as list items in id order:
 * a task's page lists them without reading the rest of its directive.
 */
export async function subTasks(
  db: Db,
  viewer: Viewer,
  taskId: number,
  today: IsoDate,
): Promise<TaskListItem[]> {
  const below = db
    .withRecursive("below(id)", (qb) =>
      qb
        .selectFrom("task")
        .where("task.parentId", "=", taskId)
        .select("task.id")
        .unionAll((qb2) =>
          qb2.selectFrom("task").innerJoin("below", "below.id", "task.parentId").select("task.id"),
        ),
    )
    .selectFrom("below")
    .select("below.id");
  return visibleItemsById(db, viewer, onTask("task.id", "in", below), today);
}

/** A condition on `task`, typed as queries on it write theirs. */
const onTask = expressionBuilder<Database, "task">();

/** The visible tasks meeting `condition` (a condition on `task`), as list items in id order. */
async function visibleItemsById(
  db: Db,
  viewer: Viewer,
  condition: Expression<SqlBool>,
  today: IsoDate,
): Promise<TaskListItem[]> {
  const rows = await taskRows(db)
    .where(taskVisibleTo(viewer))
    .where(condition)
    .select(LIST_COLUMNS)
    .orderBy("task.id")
    .execute();
  return listItems(db, viewer, rows, today);
}

/**
 * The visible tasks meeting `condition` (a condition on `task`), as list items, earliest deadline
 * in force first: the task sections of the inboxes.
 */
export async function taskItemsWhere(
  db: Db,
  viewer: Viewer,
  condition: Expression<SqlBool>,
  today: IsoDate,
  order: TaskItemOrder,
  limit: number,
): Promise<TaskListItem[]> {
  if (order === "most_late" || order === "waiting") {
    // Sorted on a computed value, so every candidate is sorted: their ids and dates only (from
    // the indexes of the open and reported halves), then the rows of the first `limit`.
    const first = await db
      .selectFrom("task")
      .where(taskVisibleTo(viewer))
      .where(condition)
      .select("task.id")
      .$call((q) =>
        order === "most_late"
          ? q.orderBy(daysLate(today), "desc")
          : q.orderBy(sql`COALESCE(${sql.ref("task.doneOn")}, ${today})`),
      )
      .orderBy("task.id")
      .limit(limit)
      .execute();
    return itemsInOrder(
      db,
      viewer,
      first.map((row) => row.id),
      today,
    );
  }
  let query = taskRows(db).where(taskVisibleTo(viewer)).where(condition).select(LIST_COLUMNS);
  switch (order) {
    case "deadline":
      query = query.orderBy("task.dueOn", (ob) => ob.asc().nullsLast());
      break;
    case "earliest_due":
      query = query.orderBy("task.dueOn");
      break;
  }
  const rows = await query.orderBy("task.id").limit(limit).execute();
  return listItems(db, viewer, rows, today);
}

/**
 * How the items of an inbox section are ordered: by deadline (none last); longest waiting for
 * confirmation first (reported done earliest); most days overdue first; by deadline for tasks
 * that all have one (the order of a deadline index, which "none last" keeps SQLite from using).
 * Then by id.
 */
export type TaskItemOrder = "deadline" | "waiting" | "most_late" | "earliest_due";

/** How many tasks the viewer sees match `condition`, and how many of them are among `ids`. */
export async function taskCountWhere(
  db: Db,
  viewer: Viewer,
  condition: Expression<SqlBool>,
  ids: readonly number[] = [],
): Promise<{ total: number; among: number }> {
  const row = await db
    .selectFrom("task")
    .where(taskVisibleTo(viewer))
    .where(condition)
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      (ids.length === 0
        ? sql<number>`0`
        : eb.fn.sum<number>(eb.case().when("task.id", "in", ids).then(1).else(0).end())
      ).as("among"),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), among: Number(row.among ?? 0) };
}

/** A task as a list of other things (reports, answers, comments) names it and links to it. */
export type TaskRef = {
  id: number;
  directiveId: number;
  directiveNumber: string;
  clause: string;
  title: string;
};

/** The columns of a task reference, from a query joining `task` and `directive`. */
export const TASK_REF_COLUMNS = [
  "task.id as taskId",
  "task.directiveId",
  "directive.number as directiveNumber",
  "task.clause",
  "task.title",
] as const;

/** The task reference that TASK_REF_COLUMNS selected into a row. */
export function taskRef(row: {
  taskId: number;
  directiveId: number;
  directiveNumber: string;
  clause: string;
  title: string;
}): TaskRef {
  return {
    id: row.taskId,
    directiveId: row.directiveId,
    directiveNumber: row.directiveNumber,
    clause: row.clause,
    title: row.title,
  };
}

/** What permission checks need to know about a task. */
export type TaskFacts = {
  id: number;
  directiveId: number;
  parentId: number | null;
  assignerAgencyId: number;
  leadAgencyId: number;
  trackingAgencyId: number;
  coordinatorAgencyIds: number[];
  status: TaskStatus;
  progress: number;
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  clause: string;
  title: string;
  description: string;
  isKey: boolean;
  version: number;
  /** Who reported the task done, while it awaits confirmation; else null. */
  reportedBy: number | null;
  /** The successor chosen to follow the task up when its lead agency was split (else null). */
  successorAgencyId: number | null;
};

export async function taskFacts(db: Db, id: number): Promise<TaskFacts | undefined> {
  const { rows } = await factRowsOfTask(db, { id });
  const coordinators = await coordinatorsOfTask(db, { id });
  return (await toTaskFacts(db, rows, coordinators.rows)).get(id);
}

/** The facts of several tasks at once (two queries), by id; unknown ids are absent. */
export async function taskFactsByIds(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, TaskFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await factRows(db).where("task.id", "in", ids).execute();
  const coordinators = await coordinatorRows(db)
    .where("taskCoordinator.taskId", "in", ids)
    .execute();
  return toTaskFacts(db, rows, coordinators);
}

function factRows(db: Db) {
  return db
    .selectFrom("task")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select([
      "task.id",
      "task.directiveId",
      "task.parentId",
      "task.assignerAgencyId",
      "task.leadAgencyId",
      "directive.trackingAgencyId",
      "task.status",
      "task.progress",
      "task.deadline",
      "task.deadlineKind",
      "task.deadlineDays",
      "task.dueOn",
      "task.doneOn",
      "task.clause",
      "task.title",
      "task.description",
      "task.isKey",
      "task.version",
      "task.successorAgencyId",
    ]);
}

function coordinatorRows(db: Db) {
  return db
    .selectFrom("taskCoordinator")
    .select(["taskCoordinator.taskId", "taskCoordinator.agencyId"]);
}

// Built once (db/prepared.ts): every change of a task reads its facts first.
const factRowsOfTask = preparedQuery((db, p: { id: number }) =>
  factRows(db).where("task.id", "=", p.id),
);
const coordinatorsOfTask = preparedQuery((db, p: { id: number }) =>
  coordinatorRows(db).where("taskCoordinator.taskId", "=", p.id),
);

async function toTaskFacts(
  db: Db,
  rows: InferResult<ReturnType<typeof factRows>>,
  coordinators: readonly { taskId: number; agencyId: number }[],
): Promise<Map<number, TaskFacts>> {
  const coordinatorIds = new Map<number, number[]>();
  for (const { taskId, agencyId } of coordinators) {
    coordinatorIds.set(taskId, [...(coordinatorIds.get(taskId) ?? []), agencyId]);
  }
  const reporters = await doneReporters(
    db,
    rows.filter((row) => row.status === "reported_done").map((row) => row.id),
  );
  const result = new Map<number, TaskFacts>();
  for (const row of rows) {
    result.set(row.id, {
      ...row,
      isKey: row.isKey === 1,
      coordinatorAgencyIds: coordinatorIds.get(row.id) ?? [],
      reportedBy: reporters.get(row.id) ?? null,
    });
  }
  return result;
}

/** Who last moved each task to "reported_done", from its history (the latest such event). */
async function doneReporters(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom("taskEvent")
    .select(["taskEvent.taskId", "taskEvent.actorId"])
    .where("taskEvent.taskId", "in", ids)
    .where("taskEvent.kind", "=", "status")
    .where("taskEvent.newValue", "=", "reported_done")
    .orderBy("taskEvent.id")
    .execute();
  for (const row of rows) if (row.actorId !== null) result.set(row.taskId, row.actorId);
  return result;
}

export type TaskDetail = TaskListItem & {
  description: string;
  /** The deadline as first assigned (an approved extension changes only `deadline`/`dueOn`). */
  originalDeadline: IsoDate | null;
  originalDueOn: IsoDate | null;
  directive: {
    id: number;
    type: string;
    number: string;
    issuer: string;
    issuedOn: string;
    title: string;
  };
  assignerAgency: AgencyRef;
  parent: { id: number; title: string } | null;
  createdAt: string;
};

export async function taskDetail(
  db: Db,
  viewer: Viewer,
  id: number,
  today: IsoDate,
): Promise<TaskDetail | undefined> {
  const row = await taskRows(db)
    .innerJoin("agency as assigner", "assigner.id", "task.assignerAgencyId")
    .leftJoin("task as parent", "parent.id", "task.parentId")
    .where("task.id", "=", id)
    .where(taskVisibleTo(viewer))
    .select(LIST_COLUMNS)
    .select([
      "task.description",
      "task.originalDeadline",
      "task.originalDueOn",
      "task.createdAt",
      "directive.type as directiveType",
      "directive.issuer as directiveIssuer",
      "directive.issuedOn as directiveIssuedOn",
      "directive.title as directiveTitle",
      ...agencyRefColumns("assigner"),
      "parent.title as parentTitle",
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const coordinators = await coordinatorsOf(db, [id]);
  return {
    ...toListItem(row, coordinators.get(id) ?? [], today),
    description: row.description,
    originalDeadline: row.originalDeadline,
    originalDueOn: row.originalDueOn,
    createdAt: row.createdAt,
    directive: {
      id: row.directiveId,
      type: row.directiveType,
      number: row.directiveNumber,
      issuer: row.directiveIssuer,
      issuedOn: row.directiveIssuedOn,
      title: row.directiveTitle,
    },
    assignerAgency: agencyRef(row, "assigner"),
    parent:
      row.parentId !== null && row.parentTitle !== null
        ? { id: row.parentId, title: row.parentTitle }
        : null,
  };
}

export type TaskEvent = {
  id: number;
  at: string;
  kind: TaskEventKind;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string;
  actor: { id: number; fullName: string; agencyShortName: string } | null;
  /** The report the change came with; null for a change made without one. */
  report: { id: number; kind: ReportKind; periodKey: string | null } | null;
};

export async function taskEvents(db: Db, taskId: number): Promise<TaskEvent[]> {
  const rows = await db
    .selectFrom("taskEvent")
    .leftJoin("appUser", "appUser.id", "taskEvent.actorId")
    .leftJoin("agency", "agency.id", "appUser.agencyId")
    .leftJoin("taskReport as report", "report.id", "taskEvent.reportId")
    .select([
      "taskEvent.id",
      "taskEvent.at",
      "taskEvent.kind",
      "taskEvent.field",
      "taskEvent.oldValue",
      "taskEvent.newValue",
      "taskEvent.note",
      "appUser.id as actorId",
      "appUser.fullName as actorName",
      "agency.shortName as actorAgency",
      "report.id as reportId",
      "report.kind as reportKind",
      "report.periodKey as reportPeriodKey",
    ])
    .where("taskEvent.taskId", "=", taskId)
    .orderBy("taskEvent.at", "desc")
    .orderBy("taskEvent.id", "desc")
    .execute();
  return rows.map(
    ({ actorId, actorName, actorAgency, reportId, reportKind, reportPeriodKey, ...event }) => ({
      ...event,
      actor:
        actorId !== null && actorName !== null
          ? { id: actorId, fullName: actorName, agencyShortName: actorAgency ?? "" }
          : null,
      report:
        reportId !== null && reportKind !== null
          ? { id: reportId, kind: reportKind, periodKey: reportPeriodKey }
          : null,
    }),
  );
}

export type NewTaskEvent = {
  taskId: number;
  actorId: number | null;
  at: string;
  kind: TaskEventKind;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  note?: string;
  /** The report the change came with. */
  reportId?: number | null;
};

/** Appends history entries; the table refuses UPDATE and DELETE. Call inside the change's transaction. */
export async function appendTaskEvents(db: Db, events: readonly NewTaskEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    taskId: event.taskId,
    actorId: event.actorId,
    at: event.at,
    kind: event.kind,
    field: event.field ?? null,
    oldValue: event.oldValue ?? null,
    newValue: event.newValue ?? null,
    note: event.note ?? "",
    reportId: event.reportId ?? null,
  }));
  // A change's few entries by the statement built once; many (an urge's) in one statement.
  if (rows.length <= 4) {
    for (const row of rows) await insertTaskEvent(db, row);
    return;
  }
  await db.insertInto("taskEvent").values(rows).execute();
}

// Each column named: the placeholders (db/prepared.ts) have no keys to spread.
const insertTaskEvent = preparedQuery((db, row: Insertable<Database["taskEvent"]>) =>
  db.insertInto("taskEvent").values({
    taskId: row.taskId,
    actorId: row.actorId,
    at: row.at,
    kind: row.kind,
    field: row.field,
    oldValue: row.oldValue,
    newValue: row.newValue,
    note: row.note,
    reportId: row.reportId,
  }),
);

/** The deadline in force for a deadline as written (null for ongoing tasks). */
export function dueOnOf(deadline: IsoDate | null, calendar: Calendar): IsoDate | null {
  return deadline === null ? null : deadlineInForce(deadline, calendar);
}

/** What a search over tasks matches: clause, title and description, folded. */
export function taskSearchText(task: { clause: string; title: string; description: string }) {
  return foldText(`${task.clause} ${task.title} ${task.description}`);
}

export type NewTask = {
  directiveId: number;
  parentId: number | null;
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number;
  assignerAgencyId: number;
  /** The deadline as written; the deadline in force and the original deadline follow from it. */
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  isKey: boolean;
  createdBy: number | null;
  createdAt: string;
};

/** Inserts a task, its coordinators and its first state (inside the caller's transaction). */
export async function insertTask(
  db: Db,
  task: NewTask,
  coordinatorAgencyIds: readonly number[],
): Promise<number> {
  const dueOn = dueOnOf(task.deadline, await loadCalendar(db));
  const { id } = await db
    .insertInto("task")
    .values({
      ...task,
      dueOn,
      originalDeadline: task.deadline,
      originalDueOn: dueOn,
      isKey: task.isKey ? 1 : 0,
      status: "not_started",
      searchText: taskSearchText(task),
      updatedAt: task.createdAt,
    })
    .returning("task.id")
    .executeTakeFirstOrThrow();
  await replaceCoordinators(db, id, coordinatorAgencyIds);
  await recordTaskState(db, id, task.createdAt);
  return id;
}

async function replaceCoordinators(
  db: Db,
  taskId: number,
  agencyIds: readonly number[],
): Promise<void> {
  await db.deleteFrom("taskCoordinator").where("taskCoordinator.taskId", "=", taskId).execute();
  if (agencyIds.length === 0) return;
  await db
    .insertInto("taskCoordinator")
    .values([...new Set(agencyIds)].map((agencyId) => ({ taskId, agencyId })))
    .execute();
}

/**
 * A change of a task. The columns derived from others are not in it: the deadline in force
 * (`dueOn`, `originalDueOn`) and the search text follow from what changes.
 */
export type TaskPatch = Partial<{
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number;
  /** Replaces the coordinating agencies. */
  coordinatorAgencyIds: readonly number[];
  /** The deadline in force, as written. */
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  deadlineDays: number | null;
  /** The deadline as first assigned, as written. */
  originalDeadline: IsoDate | null;
  isKey: boolean;
  status: TaskStatus;
  progress: number;
  doneOn: IsoDate | null;
  lastProgressAt: string | null;
  lastProgressNote: string;
  successorAgencyId: number | null;
}>;

/** The derived columns a patch changes; the search text needs the task's other texts. */
async function derivedColumns(db: Db, id: number, patch: TaskPatch) {
  const derived: { dueOn?: IsoDate | null; originalDueOn?: IsoDate | null; searchText?: string } =
    {};
  if (patch.deadline !== undefined || patch.originalDeadline !== undefined) {
    const calendar = await loadCalendar(db);
    if (patch.deadline !== undefined) derived.dueOn = dueOnOf(patch.deadline, calendar);
    if (patch.originalDeadline !== undefined) {
      derived.originalDueOn = dueOnOf(patch.originalDeadline, calendar);
    }
  }
  const { clause, title, description } = patch;
  if (clause !== undefined || title !== undefined || description !== undefined) {
    const current = await db
      .selectFrom("task")
      .select(["task.clause", "task.title", "task.description"])
      .where("task.id", "=", id)
      .executeTakeFirst();
    if (current) {
      derived.searchText = taskSearchText({
        clause: clause ?? current.clause,
        title: title ?? current.title,
        description: description ?? current.description,
      });
    }
  }
  return derived;
}

/**
 * Optimistic concurrency: the update applies only if the row still has `version`, and bumps it.
 * Returns false when someone else changed the task first (nothing is written). Records the new
 * state in task_state (call inside the change's transaction).
 */
export async function updateTask(
  db: Db,
  id: number,
  version: number,
  patch: TaskPatch,
  updatedAt: string,
): Promise<boolean> {
  const { coordinatorAgencyIds, isKey, ...columns } = patch;
  const values: TaskUpdate = {
    ...columns,
    ...(await derivedColumns(db, id, patch)),
    ...(isKey === undefined ? {} : { isKey: isKey ? 1 : 0 }),
    updatedAt,
    version: version + 1,
  };
  const result = await taskUpdateOf(values)(db, { ...values, whereId: id, whereVersion: version });
  if (result.numAffectedRows !== 1n) return false;
  if (coordinatorAgencyIds !== undefined) {
    await replaceCoordinators(db, id, coordinatorAgencyIds);
  }
  await recordTaskState(db, id, updatedAt);
  return true;
}

type TaskUpdate = Updateable<Database["task"]>;
type TaskUpdateParams = TaskUpdate & { whereId: number; whereVersion: number };
const taskUpdates = new Map<string, ReturnType<typeof taskUpdateOfColumns>>();

/** The version-checked update of these columns, built once per set of columns (db/prepared.ts). */
function taskUpdateOf(values: TaskUpdate) {
  const columns = (Object.keys(values) as (keyof TaskUpdate)[])
    .filter((column) => values[column] !== undefined)
    .sort();
  const shape = columns.join(",");
  let update = taskUpdates.get(shape);
  if (!update) {
    update = taskUpdateOfColumns(columns);
    taskUpdates.set(shape, update);
  }
  return update;
}

function taskUpdateOfColumns(columns: readonly (keyof TaskUpdate)[]) {
  return preparedQuery((db, p: TaskUpdateParams) =>
    db
      .updateTable("task")
      .set(Object.fromEntries(columns.map((column) => [column, p[column]])) as TaskUpdate)
      .where("task.id", "=", p.whereId)
      .where("task.version", "=", p.whereVersion),
  );
}

export type TimelinessCounts = Record<Timeliness, number>;

/** Counts the viewer's tasks per timeliness category, in SQL. */
export async function countByTimeliness(
  db: Db,
  viewer: Viewer,
  filters: TaskFilters,
  today: IsoDate,
): Promise<TimelinessCounts> {
  const filtered = filterConditions(viewer, filters, today);
  // Aliases c0, c1…: CamelCasePlugin would rename snake_case aliases in the result.
  const row: Record<string, number | null> = await taskRows(db)
    .$call(filtered)
    .select((eb) => TIMELINESS.map((category, i) => countWhere(eb, category, today).as(`c${i}`)))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(
    TIMELINESS.map((category, i) => [category, Number(row[`c${i}`] ?? 0)]),
  ) as TimelinessCounts;
}

function countWhere(eb: ExpressionBuilder<Database, "task">, category: Timeliness, today: IsoDate) {
  return eb.fn.sum<number | null>(
    eb.case().when(timelinessCondition(category, today)).then(1).else(0).end(),
  );
}

export type Returned = {
  task: TaskRef;
  at: string;
  reason: string;
  by: { fullName: string; agencyShortName: string } | null;
};

/**
 * The tasks led by the viewer's agency that are in progress again because the assigner sent
 * their completion back, with that return (its reason, who, when): their last status change.
 */
export async function returnedTasks(db: Db, viewer: Viewer): Promise<Returned[]> {
  if (viewer.ownAgencyIds.length === 0) return [];
  const rows = await db
    .selectFrom("taskEvent")
    .innerJoin("task", "task.id", "taskEvent.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .leftJoin("appUser as actor", "actor.id", "taskEvent.actorId")
    .leftJoin("agency as actorAgency", "actorAgency.id", "actor.agencyId")
    .select([
      ...TASK_REF_COLUMNS,
      "taskEvent.at",
      "taskEvent.note",
      "actor.fullName as actorName",
      "actorAgency.shortName as actorAgency",
    ])
    .where("task.status", "=", "in_progress")
    .where("task.leadAgencyId", "in", viewer.ownAgencyIds)
    .where(taskVisibleTo(viewer))
    .where("taskEvent.kind", "=", "status")
    .where("taskEvent.oldValue", "=", "reported_done")
    .where("taskEvent.newValue", "=", "in_progress")
    .where("taskEvent.id", "=", (eb) =>
      eb
        .selectFrom("taskEvent as latest")
        .select((s) => s.fn.max("latest.id").as("id"))
        .whereRef("latest.taskId", "=", "taskEvent.taskId")
        .where("latest.kind", "=", "status"),
    )
    .orderBy("taskEvent.at", "desc")
    .execute();
  return rows.map((row) => ({
    task: taskRef(row),
    at: row.at,
    reason: row.note,
    by:
      row.actorName === null
        ? null
        : { fullName: row.actorName, agencyShortName: row.actorAgency ?? "" },
  }));
}

/**
 * When each task was last urged by the agencies given (a note in its history by one of their
 * users) at or after `since`; tasks not urged since are absent. The notes since `since` come from
 * their partial index (migration 0011).
 */
export async function lastUrged(
  db: Db,
  agencyIds: readonly number[],
  since: string,
): Promise<Map<number, string>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("taskEvent")
    .innerJoin("appUser", "appUser.id", "taskEvent.actorId")
    .select((eb) => ["taskEvent.taskId", eb.fn.max("taskEvent.at").as("at")])
    .where("taskEvent.kind", "=", "note")
    .where("appUser.agencyId", "in", agencyIds)
    .where("taskEvent.at", ">=", since)
    .groupBy("taskEvent.taskId")
    .execute();
  return new Map(rows.map((row) => [row.taskId, row.at]));
}
