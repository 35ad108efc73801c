import { addDays, formatDate, type IsoDate } from "./date.ts";
import type { DeadlineKind } from "./deadline.ts";
import type { DirectiveType } from "./directive.ts";
import type { Language } from "./i18n/language.ts";
import { formatNumber } from "./number.ts";
import type { TaskStatus } from "./task-status.ts";
import { TIMELINESS, type Timeliness } from "./timeliness.ts";

/**
 * Statistics in the form the Government publishes them (DOMAIN.md, "How the government counts").
 *
 * Definitions (cancelled tasks are left out of every figure):
 * - total = completed + open; completed = on time + late; open = within deadline + no deadline
 *   + overdue, where within deadline = in_deadline + due_soon;
 * - completion rate = completed / total;
 * - overdue share = open overdue / total (the published "tỷ lệ quá hạn": 289 / 10.448);
 * - on-time rate = completed on time / (completed + open overdue): of the tasks whose deadline
 *   has been put to the test (finished, or already late), the share that met it;
 * - average days overdue = mean days past the deadline in force of the open overdue tasks.
 * Rates are percentages cut (not rounded) to two decimals, as the published report writes
 * 289 / 10.448 = 2,766… as 2,76%; null when the denominator is 0.
 */

/** Count against the deadline in force (after extensions), or the deadline first assigned. */
export const STATISTIC_BASES = ["in_force", "original"] as const;
export type StatisticBasis = (typeof STATISTIC_BASES)[number];

/** A period selects tasks of directives issued in it, or tasks falling due in it. */
export const PERIOD_KINDS = ["issued", "due"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * Which tasks a table counts (never a task twice in one table):
 * - directive: the tasks a directive assigns (top-level tasks), the official figures;
 * - all: every task, breakdowns inside agencies included;
 * - agency: the breakdowns one agency assigned (`assignerAgencyId`), for it to follow its own.
 */
export const STATISTIC_LEVELS = ["directive", "all", "agency"] as const;
export type StatisticLevel = (typeof STATISTIC_LEVELS)[number];

/** Tasks urged at least once (as of the figures' day), never urged, or both. */
export const URGED_FILTERS = ["all", "urged", "not_urged"] as const;
export type UrgedFilter = (typeof URGED_FILTERS)[number];

/**
 * The figures of the statistics page that count tasks, each of which opens the list of exactly
 * those tasks (statistic.tasks). openNotOverdue is the published "đang thực hiện trong hạn"
 * (every open task not overdue: in_deadline + due_soon + no_deadline); withinDeadline is the
 * per-agency column of the open tasks with a deadline not yet passed (in_deadline + due_soon).
 */
export const STATISTIC_CELLS = [
  "total",
  "completed",
  "completedOnTime",
  "completedLate",
  "open",
  "openNotOverdue",
  "withinDeadline",
  "inDeadline",
  "dueSoon",
  "noDeadline",
  "overdue",
  "keyTasks",
  "awaitingConfirmation",
  "cancelled",
  "continuing",
] as const;
export type StatisticCell = (typeof STATISTIC_CELLS)[number];

const OPEN_TIMELINESS: readonly Timeliness[] = [
  "in_deadline",
  "due_soon",
  "no_deadline",
  "overdue",
];

/**
 * What a cell counts: tasks in these timeliness categories (and, for keyTasks, key tasks; with
 * `status`, tasks in that status). Shown apart from the four cells: tasks reported done and
 * awaiting confirmation (still open, judged by the day they were reported, and inside the
 * cells), and cancelled tasks (thu hồi), which are outside every other figure.
 */
export const CELL_DEFINITIONS: Record<
  StatisticCell,
  {
    timeliness: readonly Timeliness[];
    keyOnly: boolean;
    status?: TaskStatus;
    /** "thường xuyên": among the tasks without deadline, those the directive calls continuing. */
    deadlineKind?: DeadlineKind;
  }
> = {
  continuing: { timeliness: ["no_deadline"], keyOnly: false, deadlineKind: "continuing" },
  awaitingConfirmation: { timeliness: OPEN_TIMELINESS, keyOnly: false, status: "reported_done" },
  cancelled: { timeliness: [], keyOnly: false, status: "cancelled" },
  total: { timeliness: TIMELINESS, keyOnly: false },
  completed: { timeliness: ["completed_on_time", "completed_late"], keyOnly: false },
  completedOnTime: { timeliness: ["completed_on_time"], keyOnly: false },
  completedLate: { timeliness: ["completed_late"], keyOnly: false },
  open: { timeliness: ["in_deadline", "due_soon", "no_deadline", "overdue"], keyOnly: false },
  openNotOverdue: { timeliness: ["in_deadline", "due_soon", "no_deadline"], keyOnly: false },
  withinDeadline: { timeliness: ["in_deadline", "due_soon"], keyOnly: false },
  inDeadline: { timeliness: ["in_deadline"], keyOnly: false },
  dueSoon: { timeliness: ["due_soon"], keyOnly: false },
  noDeadline: { timeliness: ["no_deadline"], keyOnly: false },
  overdue: { timeliness: ["overdue"], keyOnly: false },
  keyTasks: { timeliness: TIMELINESS, keyOnly: true },
};

/** Whether a task of this status and timeliness (null: cancelled) counts in the cell. */
export function inStatisticCell(
  cell: StatisticCell,
  task: {
    timeliness: Timeliness | null;
    isKey: boolean;
    status: TaskStatus;
    deadlineKind?: DeadlineKind;
  },
): boolean {
  const definition = CELL_DEFINITIONS[cell];
  if (definition.status === "cancelled") return task.status === "cancelled";
  return (
    task.timeliness !== null &&
    definition.timeliness.includes(task.timeliness) &&
    (!definition.keyOnly || task.isKey) &&
    (definition.status === undefined || definition.status === task.status) &&
    (definition.deadlineKind === undefined || definition.deadlineKind === task.deadlineKind)
  );
}

/** The number a cell shows, from a row of figures. */
export function cellValue(cells: StatisticCells, cell: StatisticCell): number {
  return cell === "openNotOverdue" ? cells.open - cells.overdue : cells[cell];
}

/** Columns of the per-agency table, each sortable. */
export const AGENCY_STATISTIC_SORTS = [
  "name",
  "total",
  "completed",
  "completedOnTime",
  "completedLate",
  "open",
  "withinDeadline",
  "dueSoon",
  "noDeadline",
  "overdue",
  "awaitingConfirmation",
  "cancelled",
  "continuing",
  "completionRate",
  "overdueShare",
  "onTimeRate",
  "avgDaysOverdue",
] as const;
export type AgencyStatisticSort = (typeof AGENCY_STATISTIC_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** "2026-11". */
export type IsoMonth = string;

/** The most months a trend covers. */
export const TREND_MAX_MONTHS = 60;

/** The lead agency "has not reported" when its last progress report is older than this. */
export const STALE_REPORT_DAYS = 30;

/** Counts that SQL returns for a scope; every other figure derives from them. */
export type StatisticCounts = Record<Timeliness, number> & {
  /** Key tasks (trọng tâm) among the counted ones. */
  keyTasks: number;
  /** Sum over the open overdue tasks of their days past the deadline. */
  overdueDays: number;
  /** Reported done, awaiting confirmation (inside the open cells above). */
  awaitingConfirmation: number;
  /** Cancelled (thu hồi): outside every other count. */
  cancelled: number;
  /** Open "thường xuyên" tasks (inside no_deadline). */
  continuing: number;
};

/** The figures of one row of a statistics table. */
export type StatisticCells = {
  total: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  open: number;
  /** in_deadline + due_soon */
  withinDeadline: number;
  inDeadline: number;
  dueSoon: number;
  noDeadline: number;
  overdue: number;
  keyTasks: number;
  /** Reported done, awaiting confirmation: open, inside the cells, shown apart. */
  awaitingConfirmation: number;
  /** Cancelled (thu hồi): outside the total, shown apart. */
  cancelled: number;
  /** Of the tasks without deadline, the continuing ones ("thường xuyên"). */
  continuing: number;
  /** Percentages, cut to two decimals; null when nothing to divide by. */
  completionRate: number | null;
  overdueShare: number | null;
  onTimeRate: number | null;
  /** Days, rounded to one decimal; null without overdue tasks. */
  avgDaysOverdue: number | null;
};

export function emptyCounts(): StatisticCounts {
  return {
    completed_on_time: 0,
    completed_late: 0,
    in_deadline: 0,
    due_soon: 0,
    overdue: 0,
    no_deadline: 0,
    keyTasks: 0,
    overdueDays: 0,
    awaitingConfirmation: 0,
    cancelled: 0,
    continuing: 0,
  };
}

export function addCounts(a: StatisticCounts, b: StatisticCounts): StatisticCounts {
  return {
    completed_on_time: a.completed_on_time + b.completed_on_time,
    completed_late: a.completed_late + b.completed_late,
    in_deadline: a.in_deadline + b.in_deadline,
    due_soon: a.due_soon + b.due_soon,
    overdue: a.overdue + b.overdue,
    no_deadline: a.no_deadline + b.no_deadline,
    keyTasks: a.keyTasks + b.keyTasks,
    overdueDays: a.overdueDays + b.overdueDays,
    awaitingConfirmation: a.awaitingConfirmation + b.awaitingConfirmation,
    cancelled: a.cancelled + b.cancelled,
    continuing: a.continuing + b.continuing,
  };
}

/** part / whole in percent, cut (not rounded) to two decimals; null when whole is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 10_000) / whole) / 100;
}

export function cellsFromCounts(counts: StatisticCounts): StatisticCells {
  const completed = counts.completed_on_time + counts.completed_late;
  const withinDeadline = counts.in_deadline + counts.due_soon;
  const open = withinDeadline + counts.no_deadline + counts.overdue;
  const total = completed + open;
  return {
    total,
    completed,
    completedOnTime: counts.completed_on_time,
    completedLate: counts.completed_late,
    open,
    withinDeadline,
    inDeadline: counts.in_deadline,
    dueSoon: counts.due_soon,
    noDeadline: counts.no_deadline,
    overdue: counts.overdue,
    keyTasks: counts.keyTasks,
    awaitingConfirmation: counts.awaitingConfirmation,
    cancelled: counts.cancelled,
    continuing: counts.continuing,
    completionRate: percent(completed, total),
    overdueShare: percent(counts.overdue, total),
    onTimeRate: percent(counts.completed_on_time, completed + counts.overdue),
    avgDaysOverdue:
      counts.overdue === 0 ? null : Math.round((counts.overdueDays * 10) / counts.overdue) / 10,
  };
}

/** The instant a day ends in Vietnam (the next day 00:00 at +07:00), as UTC ISO text. */
export function endOfVnDay(date: IsoDate): string {
  return new Date(`${addDays(date, 1)}T00:00:00+07:00`).toISOString();
}

/** Last calendar day of a month "YYYY-MM". */
export function lastDayOfMonth(month: IsoMonth): IsoDate {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

export function addMonths(month: IsoMonth, count: number): IsoMonth {
  const [y, m] = month.split("-").map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Months from `from` to `to` (0 when the same month). */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0));
}

/** The trend's points: the end of each month, or `asOf` for the month containing it. */
export function trendPoints(
  asOf: IsoDate,
  fromMonth: IsoMonth | undefined,
  toMonth: IsoMonth | undefined,
): { month: IsoMonth; asOf: IsoDate }[] {
  const last = toMonth ?? asOf.slice(0, 7);
  const first = fromMonth ?? addMonths(last, -11);
  const points = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const end = lastDayOfMonth(month);
    if (month > asOf.slice(0, 7)) break;
    points.push({ month, asOf: end < asOf ? end : asOf });
  }
  return points;
}

/** Sorts per-agency rows by a column; missing rates sort last whatever the direction. */
export function sortAgencyRows<
  T extends StatisticCells & { agency: { name: string; code: string } },
>(rows: readonly T[], sort: AgencyStatisticSort, direction: SortDirection): T[] {
  const collator = new Intl.Collator("vi", { sensitivity: "base" });
  const sign = direction === "asc" ? 1 : -1;
  const byName = (a: T, b: T) => collator.compare(a.agency.name, b.agency.name);
  return [...rows].sort((a, b) => {
    if (sort === "name") return sign * byName(a, b) || a.agency.code.localeCompare(b.agency.code);
    const x = a[sort];
    const y = b[sort];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return sign * (x - y);
    }
    return byName(a, b) || a.agency.code.localeCompare(b.agency.code);
  });
}

/** 10448 → "10.448" (Vietnamese: dot thousands) or "10,448". */
export function formatCount(value: number, language: Language = "vi"): string {
  return formatNumber(value, language, { max: 1 });
}

/** 2.76 → "2,76%" (Vietnamese: decimal comma, no space before the sign), "2.76%"; null → "–". */
export function formatPercent(value: number | null, language: Language = "vi"): string {
  if (value === null) return "–";
  return `${formatNumber(value, language, { min: 2, max: 2 })}%`;
}

/**
 * Report periods (Decree 09/2019/NĐ-CP art. 12: data from the 15th of the month before to the
 * 14th of the last month) and calendar periods, each ending on its as-of day.
 */
export const PERIOD_PRESETS = [
  "decree09Month",
  "decree09Quarter",
  "decree09Half",
  "decree09Year",
  "month",
  "quarter",
  "year",
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type ReportPeriod = { preset: PeriodPreset; from: IsoDate; asOf: IsoDate };

function monthStart(month: IsoMonth): IsoDate {
  return `${month}-01`;
}
function fifteenth(month: IsoMonth): IsoDate {
  return `${month}-15`;
}
function fourteenth(month: IsoMonth): IsoDate {
  return `${month}-14`;
}

/**
 * The latest period of a preset that has ended by `today` (its as-of day is today or earlier):
 * the period a report signed today covers. Months are "YYYY-MM"; a period ending in month m of
 * length n months (1, 3, 6, 12) starts n months earlier.
 */
export function latestReportPeriod(preset: PeriodPreset, today: IsoDate): ReportPeriod {
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const monthNumber = Number(today.slice(5, 7));
  switch (preset) {
    case "decree09Month": {
      const last = today >= fourteenth(month) ? month : addMonths(month, -1);
      return { preset, from: fifteenth(addMonths(last, -1)), asOf: fourteenth(last) };
    }
    case "decree09Quarter":
    case "decree09Half":
    case "decree09Year": {
      const size = preset === "decree09Quarter" ? 3 : preset === "decree09Half" ? 6 : 12;
      // The latest last month of a period (March, June…; June, December; December) whose
      // 14th has come.
      let last = month;
      while (Number(last.slice(5, 7)) % size !== 0 || fourteenth(last) > today) {
        last = addMonths(last, -1);
      }
      return { preset, from: fifteenth(addMonths(last, -size)), asOf: fourteenth(last) };
    }
    case "month": {
      const last = addMonths(month, -1);
      return { preset, from: monthStart(last), asOf: lastDayOfMonth(last) };
    }
    case "quarter": {
      const quarterStart = `${year}-${String(monthNumber - ((monthNumber - 1) % 3)).padStart(2, "0")}`;
      const first = addMonths(quarterStart, -3);
      return { preset, from: monthStart(first), asOf: lastDayOfMonth(addMonths(first, 2)) };
    }
    case "year":
      return { preset, from: `${year - 1}-01-01`, asOf: `${year - 1}-12-31` };
  }
}

/** "Nhiệm vụ đến hạn": tasks whose deadline fell in the report period, and the share completed. */
export type DueInPeriod = {
  from: IsoDate;
  asOf: IsoDate;
  total: number;
  completed: number;
  completedOnTime: number;
  /** completed / total in percent, cut to two decimals; null when none fell due. */
  completionRate: number | null;
};

/**
 * What a scope's description names, found by its caller: the browser in its lists,
 * the server in its database.
 */
export type ScopeNames = {
  directive: { type: DirectiveType; number: string; issuedOn: IsoDate } | null | undefined;
  agency: { name: string } | null | undefined;
  assigner: { name: string } | null | undefined;
};

/** The filters a scope's description reads. */
export type DescribedScope = {
  directiveType?: DirectiveType | undefined;
  keyOnly: boolean;
  periodBy: PeriodKind;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  minDaysOverdue?: number | undefined;
  urged?: UrgedFilter | undefined;
  basis?: StatisticBasis | undefined;
  level: StatisticLevel;
};

/** A translation: the text of a key with its values, in the reader's language. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The scope in words, as the pages, the Excel title and the report write it ("Chỉ thị số
 * 06/CT-TTg ngày 15/02/2024; Cơ quan chủ trì: UBND tỉnh Lạng Sơn và các đơn vị trực thuộc").
 */
export function scopeInWords(scope: DescribedScope, names: ScopeNames, t: Translate): string {
  const parts: string[] = [];
  const { directive, agency, assigner } = names;
  if (directive) {
    const date = formatDate(directive.issuedOn);
    parts.push(
      t("statistic.scope.directive", { type: directive.type, number: directive.number, date }),
    );
  }
  if (scope.directiveType !== undefined) {
    parts.push(t("statistic.scope.directiveType", { type: scope.directiveType }));
  }
  if (agency) parts.push(t("statistic.scope.agency", { name: agency.name }));
  if (scope.keyOnly) parts.push(t("statistic.scope.keyOnly"));
  if (scope.from !== undefined || scope.to !== undefined) {
    const range = [t(`statistic.scope.${scope.periodBy}`)];
    if (scope.from !== undefined) {
      range.push(t("statistic.scope.from", { date: formatDate(scope.from) }));
    }
    if (scope.to !== undefined) {
      range.push(t("statistic.scope.to", { date: formatDate(scope.to) }));
    }
    parts.push(range.join(" "));
  }
  if (scope.minDaysOverdue !== undefined && scope.minDaysOverdue > 0) {
    parts.push(t("statistic.scope.minDaysOverdue", { days: scope.minDaysOverdue }));
  }
  if (scope.urged === "urged") parts.push(t("statistic.scope.urged"));
  if (scope.urged === "not_urged") parts.push(t("statistic.scope.notUrged"));
  if (scope.basis === "original") parts.push(t("statistic.basisOriginal"));
  if (scope.level === "directive") parts.push(t("statistic.scope.levelDirective"));
  if (scope.level === "agency" && assigner) {
    parts.push(t("statistic.scope.levelAgency", { name: assigner.name }));
  }
  return parts.length === 0 ? t("statistic.scope.all") : parts.join("; ");
}
