/**
 * A deterministic national dataset for the benchmark (issue 12): directives over ten years
 * tracked by the Ministry of Industry and Trade (so its leader sees every task), tasks led by
 * every seeded agency with breakdowns (about 30 %), coordinators, a realistic status mix and
 * deadlines relative to the day it is generated, their history, state intervals and reports.
 *
 * The plan is built once (planDataset), then written either through the product's own write
 * path (writeThroughProduct: insertDirective, insertTask, insertReport, writeTaskChange with the
 * pure changes of server/domain/task-change.ts, one task at a time) or in bulk
 * (writeBulk: the same pure changes applied in memory, rows inserted with prepared statements).
 * tests/api/dataset.test.ts checks on a small size that both write exactly the same rows.
 */
import { rmSync } from "node:fs";
import SQLite from "better-sqlite3";
import { directiveSearchText, insertDirective } from "../db/directive.ts";
import { advanceCheckpoints } from "../db/kept-count.ts";
import { type Db, dbOver } from "../db/open.ts";
import { insertReport, type NewReport } from "../db/report.ts";
import {
  appendTaskEvents,
  dueOnOf,
  insertTask,
  type NewTaskEvent,
  type TaskFacts,
  type TaskPatch,
  taskFacts,
  taskSearchText,
} from "../db/task.ts";
import { writeTaskChange } from "../server/domain/task.ts";
import {
  progressChange,
  statusChange,
  type TaskChange,
  type WithReport,
} from "../server/domain/task-change.ts";
import { isAgencyActiveOn } from "../shared/agency.ts";
import type { Calendar, IsoDate } from "../shared/date.ts";
import type { DeadlineKind } from "../shared/deadline.ts";
import { DIRECTIVE_TYPES, type DirectiveType } from "../shared/directive.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { batched } from "./batched-insert.ts";
import {
  type KeptCollector,
  type KeptSnapshot,
  type KeptState,
  keptCounts,
  writtenStates,
} from "./dataset-kept.ts";

type PlannedDirective = {
  type: DirectiveType;
  number: string;
  issuer: string;
  issuedOn: IsoDate;
  title: string;
  summary: string;
  createdAt: string;
};

type PlannedReport = {
  kind: "progress" | "completion";
  summary: string;
  progress: number;
  difficulties: string;
  proposals: string;
  documentNumber: string | null;
  documentDate: IsoDate | null;
};

type Step =
  | { kind: "progress"; at: string; progress: number; report: PlannedReport }
  | { kind: "status"; at: string; to: TaskStatus; note: string; report: PlannedReport | null };

type PlannedTask = {
  directive: number;
  /** Index of the parent in the plan's task list (always earlier), or null. */
  parent: number | null;
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number;
  assignerAgencyId: number;
  coordinatorAgencyIds: number[];
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  isKey: boolean;
  createdAt: string;
  steps: Step[];
};

export type DatasetPlan = {
  directives: PlannedDirective[];
  tasks: Iterable<PlannedTask>;
  taskCount: number;
  /** Who enters directives, tasks and confirmations (the demo officer) and who reports. */
  officerId: number;
  reporterId: number;
  trackingAgencyId: number;
};

type AgencyRow = {
  id: number;
  code: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
};

/** Park–Miller minimal standard generator: the same dataset for the same seed, everywhere. */
function generator(seed: number) {
  let state = seed % 2_147_483_647 || 1;
  const next = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state;
  };
  return {
    int: (n: number) => next() % n,
    chance: (p: number) => next() / 2_147_483_647 < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[next() % items.length];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
  };
}

const TOPICS = [
  "phát triển thương mại điện tử",
  "bảo đảm cung ứng điện",
  "xúc tiến xuất khẩu nông sản",
  "quản lý thị trường, chống buôn lậu",
  "chuyển đổi số trong công nghiệp",
  "phát triển năng lượng tái tạo",
  "cải cách thủ tục hành chính",
  "ổn định giá xăng dầu",
  "phát triển công nghiệp hỗ trợ",
  "logistics và hạ tầng thương mại",
];
const DIFFICULTIES = [
  "Thiếu kinh phí thực hiện",
  "Chờ ý kiến của các bộ, ngành liên quan",
  "Vướng mắc về thủ tục đầu tư",
];

/** ISO dates and instants compare as text. */
function notAfter(value: string, limit: string): string {
  if (value > limit) return limit;
  return value;
}

function notBefore(value: string, limit: string): string {
  if (value < limit) return limit;
  return value;
}

const DAY_MS = 86_400_000;
const dayNumbers = new Map<IsoDate, number>();
const dayTexts = new Map<number, IsoDate>();

/**
 * addDays for the generator, which draws millions of days over a few thousand: each day's number
 * and text are worked out once (a Date per call was a tenth of the bulk writer's time).
 */
function addDays(day: IsoDate, days: number): IsoDate {
  let number = dayNumbers.get(day);
  if (number === undefined) {
    number = Date.parse(day) / DAY_MS;
    dayNumbers.set(day, number);
  }
  const after = number + days;
  let text = dayTexts.get(after);
  if (text === undefined) {
    text = new Date(after * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(after, text);
  }
  return text;
}

/** The times of day drawn (a minute of the eight working hours), as instants' endings. */
const TIMES = Array.from({ length: 480 }, (_, minute) => {
  const hours = String(1 + Math.floor(minute / 60)).padStart(2, "0");
  return `T${hours}:${String(minute % 60).padStart(2, "0")}:00.000Z`;
});

function instant(day: IsoDate, minute: number): string {
  const time = TIMES[minute];
  if (time === undefined) throw new RangeError(`minute ${minute} is not in the working day`);
  return `${day}${time}`;
}

/**
 * The plan of `tasks` tasks as of `today`: about one directive per 200 tasks (5,000 for a
 * million) issued over the ten years before `today`, each with top-level tasks and breakdowns.
 */
/** The plan with its tasks listed (tests look into them). */
export async function planDataset(
  db: Db,
  options: PlanOptions,
): Promise<DatasetPlan & { tasks: PlannedTask[] }> {
  const plan = planFrom(await planReference(db), options);
  return { ...plan, tasks: [...plan.tasks] };
}

type PlanOptions = { tasks: number; today: IsoDate; seed?: number };

/** What a plan takes from the seeded database (plain data: it goes to a worker thread). */
export type PlanReference = {
  agencies: AgencyRow[];
  officerId: number;
  reporterId: number;
  trackingAgencyId: number;
};

export async function planReference(db: Db): Promise<PlanReference> {
  const user = async (username: string) =>
    (
      await db
        .selectFrom("appUser")
        .select(["appUser.id", "appUser.agencyId"])
        .where("appUser.username", "=", username)
        .executeTakeFirstOrThrow()
    ).id;
  const tracking = await db
    .selectFrom("agency")
    .select("agency.id")
    .where("agency.code", "=", "BCT")
    .executeTakeFirstOrThrow();
  const agencies: AgencyRow[] = await db
    .selectFrom("agency")
    .select(["agency.id", "agency.code", "agency.validFrom", "agency.validTo"])
    .orderBy("agency.id")
    .execute();
  return {
    agencies,
    officerId: await user("canbo.bct"),
    reporterId: await user("baocao.pvn"),
    trackingAgencyId: tracking.id,
  };
}

/** The plan: the same for the same reference and options (a pure function of them). */
export function planFrom(reference: PlanReference, options: PlanOptions): DatasetPlan {
  return {
    directives: planDirectives(generator(options.seed ?? 12), options),
    // Made again each time they are read (a million tasks are not kept in memory).
    tasks: { [Symbol.iterator]: () => plannedTasks(reference, options) },
    taskCount: options.tasks,
    officerId: reference.officerId,
    reporterId: reference.reporterId,
    trackingAgencyId: reference.trackingAgencyId,
  };
}

function planDirectives(
  random: ReturnType<typeof generator>,
  options: PlanOptions,
): PlannedDirective[] {
  const directiveCount = Math.max(1, Math.round(options.tasks / 200));
  const first = addDays(options.today, -3650);
  const directives: PlannedDirective[] = [];
  for (let d = 0; d < directiveCount; d++) {
    const issuedOn = addDays(first, Math.floor((d * 3640) / directiveCount));
    const topic = random.pick(TOPICS);
    directives.push({
      type: random.pick(DIRECTIVE_TYPES),
      number: `${d + 1}/BENCH-${issuedOn.slice(0, 4)}`,
      issuer: "Thủ tướng Chính phủ",
      issuedOn,
      title: `Về ${topic} (dữ liệu thử tải ${d + 1})`,
      summary: `Nhiệm vụ trọng tâm về ${topic}.`,
      createdAt: instant(issuedOn, random.int(480)),
    });
  }
  return directives;
}

/** The tasks in order, from the same generator as the directives (drawn first again). */
function* plannedTasks(reference: PlanReference, options: PlanOptions): Generator<PlannedTask> {
  const random = generator(options.seed ?? 12);
  const { today } = options;
  const { agencies } = reference;
  const activeCache = new Map<IsoDate, AgencyRow[]>();
  const activeOn = (day: IsoDate) => {
    let list = activeCache.get(day);
    if (!list) {
      list = agencies.filter((agency) => isAgencyActiveOn(agency, day));
      activeCache.set(day, list);
    }
    return list;
  };
  const directives = planDirectives(random, options);
  const directiveCount = directives.length;
  let count = 0;
  const perDirective = options.tasks / directiveCount;
  for (let d = 0; d < directiveCount && count < options.tasks; d++) {
    const directive = directives[d];
    if (!directive) break;
    const end = d === directiveCount - 1 ? options.tasks : Math.round((d + 1) * perDirective);
    let clause = 0;
    while (count < end) {
      clause += 1;
      const createdOn = addDays(directive.issuedOn, random.int(10));
      const top = plannedTask(random, {
        directive: d,
        parent: null,
        clause: `${clause}`,
        createdOn: notAfter(createdOn, today),
        assignerAgencyId: reference.trackingAgencyId,
        agencies: activeOn(notAfter(createdOn, today)),
        today,
      });
      const parentIndex = count;
      yield top;
      count += 1;
      // About 30 % of all tasks are breakdowns: 3 under a task broken down, 1 task in 7.
      if (random.int(7) === 0) {
        for (let b = 1; b <= 3 && count < end; b++) {
          const on = addDays(top.createdAt.slice(0, 10), 5 + random.int(30));
          const childOn = notAfter(on, today);
          yield plannedTask(random, {
            directive: d,
            parent: parentIndex,
            clause: `${clause}.${b}`,
            createdOn: childOn,
            assignerAgencyId: top.leadAgencyId,
            agencies: activeOn(childOn),
            today,
          });
          count += 1;
        }
      }
    }
  }
}

function plannedTask(
  random: ReturnType<typeof generator>,
  at: {
    directive: number;
    parent: number | null;
    clause: string;
    createdOn: IsoDate;
    assignerAgencyId: number;
    agencies: readonly AgencyRow[];
    today: IsoDate;
  },
): PlannedTask {
  const { createdOn, today } = at;
  const lead = random.pick(at.agencies).id;
  const coordinators = new Set<number>();
  for (let c = random.int(4); c > 0; c--) coordinators.add(random.pick(at.agencies).id);
  coordinators.delete(lead);
  const kindDraw = random.int(20);
  const deadlineKind: DeadlineKind =
    kindDraw < 2 ? "none" : kindDraw < 3 ? "continuing" : "by_date";
  const deadline = deadlineKind === "by_date" ? addDays(createdOn, 30 + random.int(370)) : null;
  const topic = random.pick(TOPICS);
  const createdAt = instant(createdOn, random.int(480));
  const steps: Step[] = [];
  const open = (day: IsoDate) => day < today;
  let progress = 0;
  // Work starts with a progress report 10–60 days after the assignment.
  const started = addDays(createdOn, 10 + random.int(50));
  const draw = random.int(100);
  const horizon = deadline ?? addDays(createdOn, 365);
  const due = horizon < today;
  const outcome =
    draw < 3
      ? "cancelled"
      : draw < 5
        ? "reported_done"
        : draw < (due ? 81 : 35)
          ? "completed"
          : random.chance(0.3)
            ? "not_started"
            : "in_progress";
  // Work reported before the end: most open tasks, about half of those completed.
  const reportsWork = outcome === "in_progress" || outcome === "cancelled" || random.chance(0.5);
  if (outcome !== "not_started" && reportsWork && open(started)) {
    progress = 10 + random.int(50);
    steps.push({
      kind: "progress",
      at: instant(started, random.int(480)),
      progress,
      report: progressReport(random, topic, progress),
    });
    const second = addDays(started, 30 + random.int(60));
    if (random.chance(0.2) && open(second) && second < horizon) {
      progress = Math.min(95, progress + 10 + random.int(30));
      steps.push({
        kind: "progress",
        at: instant(second, random.int(480)),
        progress,
        report: progressReport(random, topic, progress),
      });
    }
  }
  const last = steps.at(-1)?.at.slice(0, 10) ?? createdOn;
  if (outcome === "reported_done" || outcome === "completed") {
    // Reported done around the deadline: mostly before it, some late.
    let doneOn = addDays(horizon, random.int(100) - 70);
    if (doneOn <= last) doneOn = addDays(last, 1 + random.int(5));
    if (open(doneOn)) {
      steps.push({
        kind: "status",
        at: instant(doneOn, random.int(480)),
        to: "reported_done",
        note: "",
        report: {
          kind: "completion",
          summary: `Đã hoàn thành: ${topic}.`,
          progress: 100,
          difficulties: "",
          proposals: "",
          documentNumber: `${random.int(900) + 100}/BC-HT`,
          documentDate: doneOn,
        },
      });
      const confirmedOn = addDays(doneOn, 1 + random.int(10));
      if (outcome === "completed" && open(confirmedOn)) {
        steps.push({
          kind: "status",
          at: instant(confirmedOn, random.int(480)),
          to: "completed",
          note: "",
          report: null,
        });
      }
    }
  }
  if (outcome === "cancelled") {
    const on = addDays(last, 5 + random.int(100));
    if (open(on)) {
      steps.push({
        kind: "status",
        at: instant(on, random.int(480)),
        to: "cancelled",
        note: "Nhiệm vụ không còn phù hợp, thu hồi theo chỉ đạo.",
        report: null,
      });
    }
  }
  return {
    directive: at.directive,
    parent: at.parent,
    clause: at.clause,
    title: `Triển khai ${topic}, nội dung ${at.clause}`,
    description: "",
    leadAgencyId: lead,
    assignerAgencyId: at.assignerAgencyId,
    coordinatorAgencyIds: [...coordinators].sort((a, b) => a - b),
    deadline,
    deadlineKind,
    isKey: random.int(5) === 0,
    createdAt,
    steps,
  };
}

function progressReport(
  random: ReturnType<typeof generator>,
  topic: string,
  progress: number,
): PlannedReport {
  const stuck = random.int(4) === 0;
  return {
    kind: "progress",
    summary: `Đang triển khai ${topic}, đạt khoảng ${progress} %.`,
    progress,
    difficulties: stuck ? random.pick(DIFFICULTIES) : "",
    proposals: stuck ? "Đề nghị Bộ hướng dẫn, hỗ trợ." : "",
    documentNumber: null,
    documentDate: null,
  };
}

function newReport(
  plan: DatasetPlan,
  taskId: number,
  agencyId: number,
  report: PlannedReport,
  at: string,
): NewReport {
  return {
    taskId,
    kind: report.kind,
    agencyId,
    agencyRole: "lead",
    periodKey: null,
    periodDueOn: null,
    summary: report.summary,
    progress: report.progress,
    difficulties: report.difficulties,
    proposals: report.proposals,
    nextSteps: "",
    documentNumber: report.documentNumber,
    documentDate: report.documentDate,
    correctsId: null,
    progressLoweredReason: "",
    createdBy: plan.reporterId,
    createdAt: at,
  };
}

function changeOf(
  plan: DatasetPlan,
  facts: TaskFacts,
  step: Step,
  report: WithReport | null,
): TaskChange {
  const now = new Date(step.at);
  if (step.kind === "progress") {
    return progressChange(facts, step.progress, step.report.summary, {
      actorId: plan.reporterId,
      now,
    });
  }
  const actorId = step.to === "reported_done" ? plan.reporterId : plan.officerId;
  return statusChange(facts, step.to, step.note, { actorId, now }, report);
}

/** A planned task's columns as assigned, with the ids its directive and parent got. */
function assignment(
  task: PlannedTask,
  directiveIds: number[],
  taskIdOf: (index: number) => number | null,
) {
  return {
    directiveId: directiveIds[task.directive] ?? 0,
    parentId: task.parent === null ? null : taskIdOf(task.parent),
    clause: task.clause,
    title: task.title,
    description: task.description,
    leadAgencyId: task.leadAgencyId,
    assignerAgencyId: task.assignerAgencyId,
    deadline: task.deadline,
    deadlineKind: task.deadlineKind,
  };
}

/** Writes the plan through the product's own write path, one task at a time (slow; for tests). */
export async function writeThroughProduct(db: Db, plan: DatasetPlan): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const directiveIds: number[] = [];
    for (const directive of plan.directives) {
      const { createdAt, ...values } = directive;
      directiveIds.push(
        await insertDirective(trx, {
          ...values,
          fullText: "",
          trackingAgencyId: plan.trackingAgencyId,
          createdBy: plan.officerId,
          createdAt,
        }),
      );
    }
    const taskIds: number[] = [];
    for (const task of plan.tasks) {
      const id = await insertTask(
        trx,
        {
          ...assignment(task, directiveIds, (i) => taskIds[i] ?? null),
          deadlineDays: null,
          isKey: task.isKey,
          createdBy: plan.officerId,
          createdAt: task.createdAt,
        },
        task.coordinatorAgencyIds,
      );
      taskIds.push(id);
      await appendTaskEvents(trx, [
        {
          taskId: id,
          actorId: plan.officerId,
          at: task.createdAt,
          kind: "created",
          newValue: task.title,
        },
      ]);
      for (const step of task.steps) {
        const facts = await taskFacts(trx, id);
        if (!facts) throw new Error(`task ${id} vanished`);
        const planned = step.report;
        const report =
          planned === null
            ? null
            : {
                reportId: await insertReport(
                  trx,
                  newReport(plan, id, task.leadAgencyId, planned, step.at),
                ),
                summary: planned.summary,
              };
        await writeTaskChange(trx, id, facts.version, changeOf(plan, facts, step, report), step.at);
      }
    }
  });
}

/** A task's row as it is written, kept in memory while its changes apply. */
type TaskRow = {
  directiveId: number;
  parentId: number | null;
  clause: string;
  title: string;
  description: string;
  leadAgencyId: number;
  assignerAgencyId: number;
  deadline: IsoDate | null;
  deadlineKind: DeadlineKind;
  dueOn: IsoDate | null;
  originalDeadline: IsoDate | null;
  originalDueOn: IsoDate | null;
  isKey: 0 | 1;
  status: TaskStatus;
  progress: number;
  doneOn: IsoDate | null;
  lastProgressAt: string | null;
  lastProgressNote: string;
  searchText: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The columns a task state copies from its task. */
type StateColumns = Pick<
  TaskRow,
  | "directiveId"
  | "parentId"
  | "leadAgencyId"
  | "assignerAgencyId"
  | "isKey"
  | "status"
  | "deadline"
  | "deadlineKind"
  | "dueOn"
  | "originalDueOn"
  | "doneOn"
  | "progress"
>;

function stateColumns(row: TaskRow): StateColumns {
  return {
    directiveId: row.directiveId,
    parentId: row.parentId,
    leadAgencyId: row.leadAgencyId,
    assignerAgencyId: row.assignerAgencyId,
    isKey: row.isKey,
    status: row.status,
    deadline: row.deadline,
    deadlineKind: row.deadlineKind,
    dueOn: row.dueOn,
    originalDueOn: row.originalDueOn,
    doneOn: row.doneOn,
    progress: row.progress,
  };
}

const APPLIED = new Set(["status", "progress", "doneOn", "lastProgressAt", "lastProgressNote"]);

function applyPatch(row: TaskRow, patch: TaskPatch, at: string): void {
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.progress !== undefined) row.progress = patch.progress;
  if (patch.doneOn !== undefined) row.doneOn = patch.doneOn;
  if (patch.lastProgressAt !== undefined) row.lastProgressAt = patch.lastProgressAt;
  if (patch.lastProgressNote !== undefined) row.lastProgressNote = patch.lastProgressNote;
  for (const key in patch) {
    if (!APPLIED.has(key)) throw new Error(`bulk path cannot apply ${key}`);
  }
  row.version += 1;
  row.updatedAt = at;
}

/**
 * Writes the plan with prepared statements in one transaction: the same rows as
 * writeThroughProduct (same ids, same values), computed with the same pure changes.
 * `sqlite` is a connection to a database migrated and seeded like the one the plan was made on.
 */
export function writeBulk(
  sqlite: SQLite.Database,
  plan: DatasetPlan,
  calendar: Calendar,
  options: {
    /**
     * The tasks written, by their index in the plan: [from, to) (all by default). Two ranges can
     * be written side by side into two files (writeBulkKept); the directives go with the first.
     */
    from?: number;
    to?: number;
    /** The first ids (by default the next of each table in `sqlite`). */
    ids?: FirstIds;
    /** Sees each state made (the kept counts computed in memory). */
    onState?: (state: KeptState) => void;
  } = {},
): FirstIds {
  const from = options.from ?? 0;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  const { onState } = options;
  // Many tasks share a deadline and a title: their due day and search text are worked out once.
  const dueOns = new Map<IsoDate | null, IsoDate | null>();
  const dueOnOfTask = (deadline: IsoDate | null) => {
    let dueOn = dueOns.get(deadline);
    if (dueOn === undefined) {
      dueOn = dueOnOf(deadline, calendar);
      dueOns.set(deadline, dueOn);
    }
    return dueOn;
  };
  const searchTexts = new Map<string, string>();
  const searchTextOf = (task: PlannedTask) => {
    const key = `${task.clause}\u0000${task.title}\u0000${task.description}`;
    let text = searchTexts.get(key);
    if (text === undefined) {
      text = taskSearchText(task);
      searchTexts.set(key, text);
    }
    return text;
  };
  const ids = options.ids ?? firstIds(sqlite);
  // The directives go with the first range.
  const insertDirectiveRow =
    from > 0
      ? null
      : sqlite.prepare(
          `INSERT INTO directive (type, number, issuer, issued_on, issue_year, title, summary, full_text,
      tracking_agency_id, search_text, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
        );
  // Every id is explicit: a range written into a file of its own keeps the ids it will have.
  const insertTaskRow = batched(
    sqlite,
    `INSERT INTO task (id, directive_id, parent_id, clause, title, description, lead_agency_id,
      assigner_agency_id, deadline, due_on, is_key, status, progress, done_on, last_progress_at,
      last_progress_note, search_text, version, created_by, created_at, updated_at,
      original_deadline, original_due_on, deadline_kind, deadline_days)`,
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
  );
  const insertCoordinator = batched(
    sqlite,
    "INSERT INTO task_coordinator (task_id, agency_id)",
    "(?, ?)",
  );
  const insertState = batched(
    sqlite,
    `INSERT INTO task_state (id, task_id, valid_from, valid_to, directive_id, parent_id, lead_agency_id,
      assigner_agency_id, successor_agency_id, is_key, status, deadline, deadline_kind, due_on,
      original_due_on, done_on, progress)`,
    "(?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertStateCoordinator = batched(
    sqlite,
    "INSERT INTO task_state_coordinator (state_id, agency_id)",
    "(?, ?)",
  );
  const insertEvent = batched(
    sqlite,
    `INSERT INTO task_event (id, task_id, actor_id, at, kind, field, old_value, new_value, note,
      report_id)`,
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertReportRow = batched(
    sqlite,
    `INSERT INTO task_report (id, task_id, kind, agency_id, agency_role, period_key, period_due_on,
      summary, progress, difficulties, proposals, next_steps, document_number, document_date,
      corrects_id, progress_lowered_reason, created_by, created_at)`,
    "(?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, '', ?, ?, NULL, '', ?, ?)",
  );
  let eventId = ids.event;
  let reportRowId = ids.report;
  const event = (e: NewTaskEvent) =>
    insertEvent.run(
      eventId++,
      e.taskId,
      e.actorId,
      e.at,
      e.kind,
      e.field ?? null,
      e.oldValue ?? null,
      e.newValue ?? null,
      e.note ?? "",
      e.reportId ?? null,
    );
  return sqlite.transaction(() => {
    // Rows go in table by table, a batch at a time: a row may come before the one it points to.
    sqlite.pragma("defer_foreign_keys = ON");
    const directiveIds = plan.directives.map((_, i) => ids.directive + i);
    for (const d of plan.directives) {
      insertDirectiveRow?.run(
        d.type,
        d.number,
        d.issuer,
        d.issuedOn,
        Number(d.issuedOn.slice(0, 4)),
        d.title,
        d.summary,
        plan.trackingAgencyId,
        directiveSearchText(d),
        plan.officerId,
        d.createdAt,
        d.createdAt,
      );
    }
    let stateId = ids.state;
    let reportId = ids.report;
    // Task ids follow the plan's order (a parent comes before its breakdowns).
    const taskIdOf = (i: number) => ids.task + i;
    let index = -1;
    for (const task of plan.tasks) {
      index += 1;
      if (index < from) continue;
      if (index >= to) break;
      const id = ids.task + index;
      const dueOn = dueOnOfTask(task.deadline);
      const assigned = assignment(task, directiveIds, taskIdOf);
      // Literals of one shape throughout (a spread made each row a slow dictionary).
      const row: TaskRow = {
        directiveId: assigned.directiveId,
        parentId: assigned.parentId,
        clause: assigned.clause,
        title: assigned.title,
        description: assigned.description,
        leadAgencyId: assigned.leadAgencyId,
        assignerAgencyId: assigned.assignerAgencyId,
        deadline: assigned.deadline,
        deadlineKind: assigned.deadlineKind,
        dueOn,
        originalDeadline: task.deadline,
        originalDueOn: dueOn,
        isKey: task.isKey ? 1 : 0,
        status: "not_started",
        progress: 0,
        doneOn: null,
        lastProgressAt: null,
        lastProgressNote: "",
        searchText: searchTextOf(task),
        version: 1,
        createdAt: task.createdAt,
        updatedAt: task.createdAt,
      };
      const states: { at: string; row: StateColumns }[] = [
        { at: task.createdAt, row: stateColumns(row) },
      ];
      const events: NewTaskEvent[] = [
        {
          taskId: id,
          actorId: plan.officerId,
          at: task.createdAt,
          kind: "created",
          newValue: task.title,
        },
      ];
      const reports: NewReport[] = [];
      for (const step of task.steps) {
        const planned = step.report;
        let report: WithReport | null = null;
        if (planned !== null) {
          reports.push(newReport(plan, id, task.leadAgencyId, planned, step.at));
          report = { reportId: reportId++, summary: planned.summary };
        }
        const facts: TaskFacts = {
          id,
          directiveId: row.directiveId,
          parentId: row.parentId,
          assignerAgencyId: row.assignerAgencyId,
          leadAgencyId: row.leadAgencyId,
          trackingAgencyId: plan.trackingAgencyId,
          coordinatorAgencyIds: task.coordinatorAgencyIds,
          status: row.status,
          progress: row.progress,
          deadline: row.deadline,
          deadlineKind: row.deadlineKind,
          deadlineDays: null,
          dueOn: row.dueOn,
          doneOn: row.doneOn,
          clause: row.clause,
          title: row.title,
          description: row.description,
          isKey: row.isKey === 1,
          version: row.version,
          reportedBy: null,
          successorAgencyId: null,
        };
        const change = changeOf(plan, facts, step, report);
        applyPatch(row, change.patch, step.at);
        const previous = states.at(-1)?.at ?? step.at;
        // As recordTaskState: a state never starts before the one it replaces.
        states.push({ at: notBefore(step.at, previous), row: stateColumns(row) });
        events.push(...change.events);
      }
      insertTaskRow.run(
        id,
        row.directiveId,
        row.parentId,
        row.clause,
        row.title,
        row.description,
        row.leadAgencyId,
        row.assignerAgencyId,
        row.deadline,
        row.dueOn,
        row.isKey,
        row.status,
        row.progress,
        row.doneOn,
        row.lastProgressAt,
        row.lastProgressNote,
        row.searchText,
        row.version,
        plan.officerId,
        row.createdAt,
        row.updatedAt,
        row.originalDeadline,
        row.originalDueOn,
        row.deadlineKind,
      );
      for (const agencyId of task.coordinatorAgencyIds) insertCoordinator.run(id, agencyId);
      states.forEach((state, i) => {
        const s = state.row;
        const id2 = stateId++;
        insertState.run(
          id2,
          id,
          state.at,
          states[i + 1]?.at ?? null,
          s.directiveId,
          s.parentId,
          s.leadAgencyId,
          s.assignerAgencyId,
          s.isKey,
          s.status,
          s.deadline,
          s.deadlineKind,
          s.dueOn,
          s.originalDueOn,
          s.doneOn,
          s.progress,
        );
        for (const agencyId of task.coordinatorAgencyIds) insertStateCoordinator.run(id2, agencyId);
        onState?.({
          validFrom: state.at,
          validTo: states[i + 1]?.at ?? null,
          trackingAgencyId: plan.trackingAgencyId,
          leadAgencyId: s.leadAgencyId,
          successorAgencyId: null,
          assignerAgencyId: s.assignerAgencyId,
          coordinatorAgencyIds: task.coordinatorAgencyIds,
          top: s.parentId === null ? 1 : 0,
          isKey: s.isKey,
          status: s.status,
          doneOn: s.doneOn,
          deadlineKind: s.deadlineKind,
          dueOn: s.dueOn,
          originalDueOn: s.originalDueOn,
        });
      });
      // Reports come before the events that point to them, as in the product's transactions.
      for (const r of reports) {
        insertReportRow.run(
          reportRowId++,
          r.taskId,
          r.kind,
          r.agencyId,
          r.agencyRole,
          r.summary,
          r.progress,
          r.difficulties,
          r.proposals,
          r.documentNumber,
          r.documentDate,
          r.createdBy,
          r.createdAt,
        );
      }
      for (const e of events) event(e);
    }
    for (const insert of [
      insertTaskRow,
      insertCoordinator,
      insertState,
      insertStateCoordinator,
      insertReportRow,
      insertEvent,
    ]) {
      insert.flush();
    }
    return { ...ids, state: stateId, event: eventId, report: reportRowId };
  })();
}

/** The first id of each table the dataset writes into: the next after the seeded rows. */
export type FirstIds = {
  directive: number;
  task: number;
  state: number;
  event: number;
  report: number;
};

export function firstIds(sqlite: SQLite.Database): FirstIds {
  const next = (table: string) =>
    Number(sqlite.prepare(`SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}`).pluck().get());
  return {
    directive: next("directive"),
    task: next("task"),
    state: next("task_state"),
    event: next("task_event"),
    report: next("task_report"),
  };
}

/**
 * The tables a range of tasks writes, in the order they are copied (what a row points to
 * first), each with the ids that are counted from 1 in a range's own file and shifted when its
 * rows are copied into the main file (column → which first id it is counted from).
 */
const RANGE_TABLES = {
  task: {},
  task_coordinator: {},
  task_state: { id: "state" },
  task_state_coordinator: { state_id: "state" },
  task_report: { id: "report" },
  task_event: { id: "event", report_id: "report" },
} as const satisfies Record<string, Record<string, "state" | "report" | "event">>;
const RANGE_TABLE_NAMES = Object.keys(RANGE_TABLES);
/** The kept statistics' tables (migration 0008), written whole into a file of their own. */
const KEPT_TABLE_NAMES = ["stat_day", "stat_month", "stat_checkpoint", "stat_reach"];

function tableSchema(sqlite: SQLite.Database, names: string[]): string[] {
  return sqlite
    .prepare(
      `SELECT sql FROM sqlite_master WHERE type = 'table'
         AND name IN (${names.map(() => "?").join(", ")})`,
    )
    .pluck()
    .all(...names) as string[];
}

/** What writing the second range needs besides the plan (plain data: it goes to a worker). */
export type RangeJob = {
  /** The file it writes (created; the main file attaches it and copies its rows). */
  path: string;
  schema: string[];
  /** The first task written (its index in the plan); other ids than these count from 1. */
  from: number;
  directiveId: number;
  taskId: number;
  calendar: Calendar;
  /** Where the kept statistics of both halves are written, with their checkpoints to `today`. */
  kept: { path: string; schema: string[]; today: IsoDate };
};

export function rangeJob(
  sqlite: SQLite.Database,
  path: string,
  calendar: Calendar,
  from: number,
  today: IsoDate,
): RangeJob {
  const ids = firstIds(sqlite);
  return {
    path,
    schema: tableSchema(sqlite, RANGE_TABLE_NAMES),
    from,
    directiveId: ids.directive,
    taskId: ids.task,
    calendar,
    kept: { path: `${path}-kept`, schema: tableSchema(sqlite, KEPT_TABLE_NAMES), today },
  };
}

/** A new file's connection for writing only: no journal on disk, no sync, no other reader. */
function scratchFile(path: string): SQLite.Database {
  for (const suffix of ["", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  return sqlite;
}

/**
 * Writes the tasks of the plan from `job.from` on, with their kept counts, into a new file
 * (scripts/bench-data.ts runs it on a worker thread while the main thread writes the first ones).
 */
export function writeRange(job: RangeJob, plan: DatasetPlan): KeptCollector {
  const side = scratchFile(job.path);
  try {
    side.pragma("cache_size = -262144");
    for (const statement of job.schema) side.exec(statement);
    const kept = keptCounts();
    writeBulk(side, plan, job.calendar, {
      from: job.from,
      ids: { directive: job.directiveId, task: job.taskId, state: 1, event: 1, report: 1 },
      onState: kept.add,
    });
    return kept;
  } finally {
    side.close();
  }
}

/**
 * Writes the kept statistics (stat_day and stat_reach from `kept`, stat_month and
 * stat_checkpoint up to the job's day, as advanceCheckpoints makes them) into a new file, which
 * copyKeptFile copies whole into the database (run by the worker while the main thread copies the
 * rows and builds the indexes).
 */
export async function writeKeptFile(job: RangeJob["kept"], kept: KeptCollector): Promise<void> {
  const file = scratchFile(job.path);
  const db = dbOver(file);
  try {
    for (const statement of job.schema) file.exec(statement);
    file.pragma("cache_size = -262144");
    file.transaction(() => kept.write(file))();
    // The checkpoints read stat_day by day, which the planner reads well only with its
    // statistics (by basis, then day: a skip-scan).
    file.exec("ANALYZE stat_day");
    await advanceCheckpoints(db, job.today);
  } finally {
    await db.destroy();
  }
}

/**
 * The second half of the plan, written into a file of its own elsewhere (a worker thread) or
 * here, and the kept statistics' file, written by the same hand once it has the first half's
 * counts.
 */
export type SecondHalf = {
  job: RangeJob;
  /** Resolves when the second half's rows are in `job.path` (the file closed). */
  rows: Promise<void>;
  /** Hands over the first half's kept counts; resolves when the kept statistics' file is written. */
  kept: (first: KeptSnapshot) => Promise<void>;
};

/**
 * writeBulk without the kept statistics' triggers (migration 0008), which would update the day
 * deltas state by state: the kept counts are computed in memory from every state, as the
 * migration's view defines them (scripts/dataset-kept.ts). The plan's first half is written here
 * and its second half into a file of its own (by `second`, or here before), whose rows are then
 * copied in with their ids shifted. The kept statistics of both halves go into a third file,
 * which copyKeptFile copies in whole (the database's own stat tables are replaced).
 * tests/api/dataset.test.ts checks that this gives the rows the triggers give on the product's
 * write path.
 */
export async function writeBulkKept(
  sqlite: SQLite.Database,
  plan: DatasetPlan,
  calendar: Calendar,
  options: {
    /** The second half written elsewhere (a worker thread). */
    second?: SecondHalf;
    /** The day the kept statistics' checkpoints reach (the plan's today). */
    today: IsoDate;
    /** Called after each phase with its name (scripts/bench-data.ts times them). */
    mark?: (phase: string) => void;
  },
): Promise<KeptFile> {
  const mark = options.mark ?? (() => {});
  const second = options.second ?? secondHere(sqlite, plan, calendar, options.today);
  const triggers = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
         AND (name LIKE 'stat_%' OR tbl_name IN (${RANGE_TABLE_NAMES.map(() => "?").join(", ")}))`,
    )
    .all(...RANGE_TABLE_NAMES) as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${trigger.name}`);
  const kept = keptCounts();
  for (const state of writtenStates(sqlite)) kept.add(state);
  const first = firstIds(sqlite);
  const next = writeBulk(sqlite, plan, calendar, {
    to: second.job.from,
    ids: first,
    onState: kept.add,
  });
  mark("rows");
  const written = second.kept(kept.snapshot());
  // Not awaited before copyKeptFile; a failure shows there, not as an unhandled rejection.
  written.catch(() => {});
  await second.rows;
  mark("second half (waited for)");
  copyFromFile(sqlite, second.job.path, () => {
    for (const [table, shifted] of Object.entries(RANGE_TABLES)) {
      const columns = sqlite
        .prepare("SELECT name FROM pragma_table_info(?)")
        .pluck()
        .all(table) as string[];
      const shift: Record<string, number> = {};
      for (const [column, counted] of Object.entries(shifted)) shift[column] = next[counted] - 1;
      const values = columns.map((column) =>
        column in shift ? `${column} + ${shift[column]}` : column,
      );
      // Rows with nothing to shift are copied as they are stored (SQLite's transfer).
      sqlite.exec(
        Object.keys(shift).length === 0
          ? `INSERT INTO main.${table} SELECT * FROM attached.${table}`
          : `INSERT INTO main.${table} (${columns.join(", ")})
             SELECT ${values.join(", ")} FROM attached.${table}`,
      );
    }
  });
  for (const trigger of triggers) sqlite.exec(trigger.sql);
  mark("second half copied");
  return { path: second.job.kept.path, written };
}

/** The kept statistics' file and when it is written. */
export type KeptFile = { path: string; written: Promise<void> };

/** The second half written on this thread, before the first. */
function secondHere(
  sqlite: SQLite.Database,
  plan: DatasetPlan,
  calendar: Calendar,
  today: IsoDate,
): SecondHalf {
  const job = rangeJob(sqlite, `${sqlite.name}-second`, calendar, secondHalf(plan), today);
  const kept = writeRange(job, plan);
  return {
    job,
    rows: Promise.resolve(),
    kept: async (first) => {
      kept.merge(first);
      await writeKeptFile(job.kept, kept);
    },
  };
}

/**
 * Replaces the database's kept statistics with the kept statistics' file (whole tables into
 * empty ones with no trigger: SQLite's transfer, which copies the stored rows as they are).
 */
export async function copyKeptFile(sqlite: SQLite.Database, file: KeptFile): Promise<void> {
  await file.written;
  copyFromFile(sqlite, file.path, () => {
    for (const table of KEPT_TABLE_NAMES) {
      sqlite.exec(`DELETE FROM main.${table}`);
      sqlite.exec(`INSERT INTO main.${table} SELECT * FROM attached.${table}`);
    }
  });
}

/**
 * Runs `copy` in one transaction with the file at `path` attached as `attached`, then deletes
 * the file (the second half's and the kept statistics' files are read once).
 */
function copyFromFile(sqlite: SQLite.Database, path: string, copy: () => void): void {
  sqlite.prepare("ATTACH ? AS attached").run(path);
  try {
    sqlite.transaction(copy)();
  } finally {
    sqlite.exec("DETACH attached");
  }
  rmSync(path, { force: true });
}

/** Where the plan is cut in two (the second half also makes the first's plan: a bit less). */
export function secondHalf(plan: DatasetPlan): number {
  return Math.ceil(plan.taskCount * 0.5);
}
