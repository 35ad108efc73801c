import { addDays, type Calendar, deadlineInForce, formatMonth, type IsoDate } from "./date.ts";
import type { Language } from "./i18n/language.ts";
import type { ReportDuty } from "./report-input.ts";

/** How often a task's agencies report. The database has a CHECK on the same list. */
export const REPORT_DUTY_KINDS = ["monthly", "quarterly", "once"] as const;
export type ReportDutyKind = (typeof REPORT_DUTY_KINDS)[number];

/** A periodic progress report, or the report that the task is done (with its evidence). */
export const REPORT_KINDS = ["progress", "completion"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Whether the reporting agency leads the task (chủ trì) or coordinates (phối hợp). */
export const REPORT_AGENCY_ROLES = ["lead", "coordinator"] as const;
export type ReportAgencyRole = (typeof REPORT_AGENCY_ROLES)[number];

/** "2024-03" (month), "2024-Q1" (quarter), "once". */
export const PERIOD_KEY = /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|once)$/;

/** One occurrence of a duty: its key, the due date as written and the due date in force. */
export type ReportPeriod = { key: string; deadline: IsoDate; dueOn: IsoDate };

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day `day` of the month, or its last day when the month is shorter. */
function dayOf(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
}

function period(key: string, deadline: IsoDate, calendar: Calendar): ReportPeriod {
  return { key, deadline, dueOn: deadlineInForce(deadline, calendar) };
}

/**
 * The occurrences of a duty whose written due date lies in [from, until], oldest first, leaving
 * out those that end or fall due before the duty starts.
 */
export function reportPeriods(
  duty: ReportDuty,
  from: IsoDate,
  until: IsoDate,
  calendar: Calendar,
): ReportPeriod[] {
  if (duty.kind === "once") {
    return duty.dueDate >= from && duty.dueDate <= until
      ? [period("once", duty.dueDate, calendar)]
      : [];
  }
  const lower = from > duty.startsOn ? from : duty.startsOn;
  const result: ReportPeriod[] = [];
  let year = Number(lower.slice(0, 4));
  if (duty.kind === "monthly") {
    let month = Number(lower.slice(5, 7));
    for (;;) {
      const deadline = dayOf(year, month, duty.day);
      if (deadline > until) break;
      if (deadline >= lower) result.push(period(`${year}-${pad(month)}`, deadline, calendar));
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return result;
  }
  // Quarterly: start one quarter early, since a quarter's report falls due in the next one.
  let quarter = Math.ceil(Number(lower.slice(5, 7)) / 3) - 1;
  if (quarter < 1) {
    quarter = 4;
    year -= 1;
  }
  for (;;) {
    const dueYear = quarter === 4 ? year + 1 : year;
    const dueMonth = quarter === 4 ? 1 : quarter * 3 + 1;
    const deadline = dayOf(dueYear, dueMonth, duty.day);
    if (deadline > until) break;
    const quarterEnd = dayOf(year, quarter * 3, 31);
    if (deadline >= lower && quarterEnd >= duty.startsOn) {
      result.push(period(`${year}-Q${quarter}`, deadline, calendar));
    }
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
  }
  return result;
}

function dutyStart(duty: ReportDuty): IsoDate {
  return duty.kind === "once" ? duty.dueDate : duty.startsOn;
}

/** The periods that should have been reported by `today`: due in force before today. */
export function periodsDue(duty: ReportDuty, today: IsoDate, calendar: Calendar): ReportPeriod[] {
  return reportPeriods(duty, dutyStart(duty), today, calendar).filter((p) => p.dueOn < today);
}

/**
 * The periods an agency may report for on `today`: those already due, and the next one (the
 * period now running), oldest first. A monthly or quarterly duty always has a next one; its
 * written due date is at most about four months ahead.
 */
export function fileablePeriods(
  duty: ReportDuty,
  today: IsoDate,
  calendar: Calendar,
): ReportPeriod[] {
  const horizon = duty.kind === "once" ? duty.dueDate : addDays(today, 130);
  const all = reportPeriods(duty, dutyStart(duty), horizon > today ? horizon : today, calendar);
  const due = all.filter((p) => p.dueOn < today);
  const next = all.find((p) => p.dueOn >= today);
  return next ? [...due, next] : due;
}

/**
 * The periods an agency owes, out of those fileable today (fileablePeriods), oldest first: those already due and not reported
 * (late), and the next ones not reported whose due date in force is no later than `until`
 * (due soon). The first is the period a report form proposes; none when nothing is owed yet, so
 * that a report is never filed silently in a period far ahead.
 */
export function periodsOwed(
  fileable: readonly ReportPeriod[],
  reported: ReadonlySet<string>,
  until: IsoDate,
): ReportPeriod[] {
  return fileable.filter((p) => !reported.has(p.key) && p.dueOn <= until);
}

/** The period now due: the latest period due before today, or null when none is yet. */
export function currentPeriod(
  duty: ReportDuty,
  today: IsoDate,
  calendar: Calendar,
): ReportPeriod | null {
  return periodsDue(duty, today, calendar).at(-1) ?? null;
}

/**
 * How an agency stands against the periods due (oldest first): the keys it has not reported for,
 * and how many of the latest periods in a row it has missed (0 when the latest is reported).
 * A missed March report stays missed when April is filed: it is in `missed`, not in the streak.
 */
export function missingStreak(
  due: readonly ReportPeriod[],
  reported: ReadonlySet<string>,
): { streak: number; missed: string[] } {
  const missed = due.filter((p) => !reported.has(p.key)).map((p) => p.key);
  let streak = 0;
  for (let i = due.length - 1; i >= 0; i -= 1) {
    const p = due[i];
    if (!p || reported.has(p.key)) break;
    streak += 1;
  }
  return { streak, missed };
}

/** How a period is named: "tháng 3/2024", "quý I/2024" in Vietnamese; "3/2024", "Q1 2024" in English. */
export function periodLabel(key: string, language: Language = "vi"): string {
  if (key === "once") return language === "vi" ? "báo cáo một lần" : "one-off report";
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const n = Number(quarter[2]);
    return language === "vi"
      ? `quý ${["I", "II", "III", "IV"][n - 1]}/${quarter[1]}`
      : `Q${n} ${quarter[1]}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return language === "vi" ? `tháng ${formatMonth(key)}` : formatMonth(key);
  return key;
}
