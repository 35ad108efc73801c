import { useTranslation } from "react-i18next";
import { isIsoDate } from "../../shared/date.ts";
import { DIRECTIVE_TYPES, type DirectiveType } from "../../shared/directive.ts";
import { DEFAULT_LANGUAGE } from "../../shared/i18n/language.ts";
import {
  AGENCY_STATISTIC_SORTS,
  type AgencyStatisticSort,
  formatCount,
  formatPercent,
  PERIOD_KINDS,
  type PeriodKind,
  SORT_DIRECTIONS,
  type SortDirection,
  STATISTIC_BASES,
  type StatisticBasis,
} from "../../shared/statistic.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import { isLanguage } from "../i18n.ts";
import { enumParam, intParam } from "../ui/url-state.ts";

/**
 * The statistics scope as it sits in the URL, shared by the statistics page, its print view and
 * the links to the task lists. Parameter names: directive, type, key=1, agency, period (issued or
 * due), from, to, asOf (ISO dates), basis=original, and for the per-agency table sort and dir.
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
    directiveId: scope.directiveId,
    directiveType: scope.directiveType,
    keyOnly: scope.keyOnly,
    agencyId: scope.agencyId,
    periodBy: scope.periodBy,
    from: scope.from,
    to: scope.to,
  };
}

/** "From" after "to": the server would refuse it, so the page says so beside the field. */
export function periodOutOfOrder(scope: UrlScope): boolean {
  return scope.from !== undefined && scope.to !== undefined && scope.from > scope.to;
}

/**
 * Whether the task lists (which show tasks as they are today, by their own lead agency) can show
 * exactly the tasks a figure counts: not when the figures stand at a past day, cover a period or
 * a directive type, count against the original deadline, or take in the agencies under one.
 */
export function listsMatchScope(scope: UrlScope): boolean {
  return (
    scope.asOf === undefined &&
    scope.directiveType === undefined &&
    scope.from === undefined &&
    scope.to === undefined &&
    scope.basis === "in_force" &&
    scope.agencyId === undefined
  );
}

/** The task-list address of the tasks in some timeliness categories, within the scope. */
export function taskListHref(
  scope: Pick<UrlScope, "directiveId" | "keyOnly">,
  options: { timeliness: readonly Timeliness[]; lead?: number | undefined },
): string {
  const params = new URLSearchParams();
  if (options.lead !== undefined) params.set("lead", String(options.lead));
  params.set("timeliness", options.timeliness.join(","));
  if (scope.directiveId !== undefined) params.set("directive", String(scope.directiveId));
  if (scope.keyOnly) params.set("key", "1");
  return `/tasks?${params.toString()}`;
}

/** The overdue list of the scope (the agencies under `lead` included). */
export function overdueHref(
  scope: Pick<UrlScope, "directiveId" | "keyOnly">,
  lead: number | undefined,
): string {
  const params = new URLSearchParams();
  if (scope.directiveId !== undefined) params.set("directive", String(scope.directiveId));
  if (lead !== undefined) params.set("lead", String(lead));
  if (scope.keyOnly) params.set("key", "1");
  const query = params.toString();
  return query === "" ? "/overdue" : `/overdue?${query}`;
}

/** The timeliness categories behind each figure that has a task list. */
export const CELL_CATEGORIES = {
  total: [
    "completed_on_time",
    "completed_late",
    "in_deadline",
    "due_soon",
    "no_deadline",
    "overdue",
  ],
  completed: ["completed_on_time", "completed_late"],
  completedOnTime: ["completed_on_time"],
  completedLate: ["completed_late"],
  open: ["in_deadline", "due_soon", "no_deadline", "overdue"],
  /** "Đang thực hiện trong hạn" as the published reports count it: every open task not overdue. */
  openNotOverdue: ["in_deadline", "due_soon", "no_deadline"],
  withinDeadline: ["in_deadline", "due_soon"],
  dueSoon: ["due_soon"],
  noDeadline: ["no_deadline"],
} as const satisfies Record<string, readonly Timeliness[]>;

/** Counts and rates written as the published reports write them: "10.448", "2,76 %". */
export function useStatisticFormat() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return {
    count: (value: number) => formatCount(value, language),
    percent: (value: number | null) => formatPercent(value, language),
    /** Days, one decimal; "–" when there is nothing to average. */
    days: (value: number | null) => (value === null ? "–" : formatCount(value, language)),
  };
}
