import { isIsoDate } from "../../shared/date.ts";
import { DIRECTIVE_TYPES, type DirectiveType } from "../../shared/directive.ts";
import { OVERDUE_DEFAULT_FILTERS } from "../../shared/overdue-page.ts";
import {
  AGENCY_STATISTIC_SORTS,
  type AgencyStatisticSort,
  PERIOD_KINDS,
  type PeriodKind,
  SORT_DIRECTIONS,
  type SortDirection,
  STATISTIC_BASES,
  STATISTIC_LEVELS,
  type StatisticBasis,
  type StatisticCell,
  type StatisticLevel,
  URGED_FILTERS,
  type UrgedFilter,
} from "../../shared/statistic.ts";
import { enumParam, intParam } from "../ui/url-state.ts";

/**
 * The statistics scope as it sits in the URL, shared by the statistics page, its print view and
 * the lists of the tasks behind its figures. Parameter names: directive, type, key=1, agency, period (issued or
 * due), from, to, asOf (ISO dates), basis=original, level (all, agency) with assigner, rfrom
 * (the report period's first day), urged (urged, not_urged), and for the per-agency table sort
 * and dir.
 */
export type UrlScope = {
  directiveId: number | undefined;
  directiveType: DirectiveType | undefined;
  keyOnly: boolean;
  agencyId: number | undefined;
  periodBy: PeriodKind;
  from: string | undefined;
  to: string | undefined;
  asOf: string | undefined;
  basis: StatisticBasis;
  level: StatisticLevel;
  assignerAgencyId: number | undefined;
  reportFrom: string | undefined;
  urged: UrgedFilter;
};

function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value !== null && isIsoDate(value) ? value : undefined;
}

export function scopeFromParams(params: URLSearchParams): UrlScope {
  return {
    directiveId: intParam(params, "directive"),
    directiveType: enumParam(params, "type", DIRECTIVE_TYPES),
    keyOnly: params.get("key") === "1",
    agencyId: intParam(params, "agency"),
    periodBy: enumParam(params, "period", PERIOD_KINDS) ?? "issued",
    from: dateParam(params, "from"),
    to: dateParam(params, "to"),
    asOf: dateParam(params, "asOf"),
    basis: enumParam(params, "basis", STATISTIC_BASES) ?? "in_force",
    level: enumParam(params, "level", STATISTIC_LEVELS) ?? "directive",
    assignerAgencyId: intParam(params, "assigner"),
    reportFrom: dateParam(params, "rfrom"),
    urged: enumParam(params, "urged", URGED_FILTERS) ?? "all",
  };
}

export function sortFromParams(params: URLSearchParams): {
  sort: AgencyStatisticSort;
  direction: SortDirection;
} {
  return {
    sort: enumParam(params, "sort", AGENCY_STATISTIC_SORTS) ?? "overdue",
    direction: enumParam(params, "dir", SORT_DIRECTIONS) ?? "desc",
  };
}

/** The scope fields the overdue list takes (it always stands at today, by the deadline in force). */
export function overdueScope(scope: UrlScope) {
  return {
    level: scope.level,
    assignerAgencyId: scope.assignerAgencyId,
    directiveId: scope.directiveId,
    directiveType: scope.directiveType,
    keyOnly: scope.keyOnly,
    agencyId: scope.agencyId,
    periodBy: scope.periodBy,
    from: scope.from,
    to: scope.to,
    urged: scope.urged,
  };
}

/**
 * "From" after "to", or level "agency" without its agency: the server would refuse it, so the
 * page says so beside the field.
 */
export function periodOutOfOrder(scope: UrlScope): boolean {
  return scope.from !== undefined && scope.to !== undefined && scope.from > scope.to;
}

/** Level "agency" needs the assigning agency before anything is counted. */
export function levelIncomplete(scope: UrlScope): boolean {
  return scope.level === "agency" && scope.assignerAgencyId === undefined;
}

/** The scope as URL parameters, the inverse of scopeFromParams (defaults left out). */
export function scopeParams(scope: UrlScope): URLSearchParams {
  const params = new URLSearchParams();
  if (scope.directiveId !== undefined) params.set("directive", String(scope.directiveId));
  if (scope.directiveType !== undefined) params.set("type", scope.directiveType);
  if (scope.keyOnly) params.set("key", "1");
  if (scope.agencyId !== undefined) params.set("agency", String(scope.agencyId));
  if (scope.periodBy !== "issued") params.set("period", scope.periodBy);
  if (scope.from !== undefined) params.set("from", scope.from);
  if (scope.to !== undefined) params.set("to", scope.to);
  if (scope.asOf !== undefined) params.set("asOf", scope.asOf);
  if (scope.basis !== "in_force") params.set("basis", scope.basis);
  if (scope.level !== "directive") params.set("level", scope.level);
  if (scope.assignerAgencyId !== undefined) params.set("assigner", String(scope.assignerAgencyId));
  if (scope.reportFrom !== undefined) params.set("rfrom", scope.reportFrom);
  if (scope.urged !== "all") params.set("urged", scope.urged);
  return params;
}

/**
 * The rows shown until the reader asks for all: the first of the order chosen (by default the
 * most overdue). A hundred agencies' rows are 9,000 px on a phone, and laying them out was the
 * statistics page's longest task; the print view and the Excel file hold every row.
 */
export const AGENCY_ROWS_SHOWN = 20;

/**
 * The address of the tasks one figure counts (statistic.tasks): the scope, the cell, and for a
 * row of the per-agency table its lead agency of the time (`lead`).
 */
export function statisticTasksHref(
  scope: UrlScope,
  cell: StatisticCell,
  lead?: number | undefined,
): string {
  return statisticTasksHrefs(scope)(cell, lead);
}

/** statisticTasksHref for many figures of one scope (a table's): the scope written once. */
export function statisticTasksHrefs(
  scope: UrlScope,
): (cell: StatisticCell, lead?: number | undefined) => string {
  const params = scopeParams(scope).toString();
  const prefix = `/statistics/tasks?${params}${params === "" ? "" : "&"}`;
  return (cell, lead) =>
    `${prefix}cell=${encodeURIComponent(cell)}${lead === undefined ? "" : `&lead=${lead}`}`;
}

/**
 * Whether the overdue list (today's overdue tasks by the deadline in force, of an agency and
 * those under it) holds exactly the tasks of this figure, so that it can offer urging and the
 * Excel file: the overdue figure of the whole scope, today, with no directive type or period.
 */
export function overdueListMatches(
  scope: UrlScope,
  cell: StatisticCell,
  lead: number | undefined,
): boolean {
  return (
    cell === "overdue" &&
    lead === undefined &&
    scope.level === "all" &&
    scope.asOf === undefined &&
    scope.basis === "in_force" &&
    scope.directiveType === undefined &&
    scope.from === undefined &&
    scope.to === undefined
  );
}

/** The overdue list's filters as its URL holds them (see overdueHref). */
export function overdueFiltersFromParams(params: URLSearchParams) {
  return {
    directiveId: intParam(params, "directive"),
    agencyId: intParam(params, "lead"),
    keyOnly: params.get("key") === "1",
    minDaysOverdue: intParam(params, "minDays") ?? OVERDUE_DEFAULT_FILTERS.minDaysOverdue,
    urged: enumParam(params, "urged", URGED_FILTERS) ?? OVERDUE_DEFAULT_FILTERS.urged,
  };
}

/** The overdue list of the scope (its agency and those under it). */
export function overdueHref(
  scope: Pick<UrlScope, "directiveId" | "keyOnly" | "agencyId"> & { urged?: UrgedFilter },
): string {
  const params = new URLSearchParams();
  if (scope.directiveId !== undefined) params.set("directive", String(scope.directiveId));
  if (scope.agencyId !== undefined) params.set("lead", String(scope.agencyId));
  if (scope.keyOnly) params.set("key", "1");
  if (scope.urged !== undefined && scope.urged !== "all") params.set("urged", scope.urged);
  const query = params.toString();
  return query === "" ? "/overdue" : `/overdue?${query}`;
}

/** The text key (statistics.cell.*) naming each figure. */
export const CELL_LABEL_KEYS: Record<StatisticCell, string> = {
  total: "total",
  completed: "completed",
  completedOnTime: "completedOnTime",
  completedLate: "completedLate",
  open: "open",
  openNotOverdue: "withinDeadline",
  withinDeadline: "withinDeadlineOnly",
  inDeadline: "inDeadline",
  dueSoon: "dueSoon",
  noDeadline: "noDeadline",
  overdue: "overdue",
  keyTasks: "keyTasks",
  awaitingConfirmation: "awaitingConfirmation",
  cancelled: "cancelled",
  continuing: "continuing",
};
