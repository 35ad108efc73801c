/** Every date in the product is a calendar date in Vietnam's time zone. */
export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** A calendar date written as ISO 8601 "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Vietnam's offset from UTC: Asia/Ho_Chi_Minh has kept UTC+7, without daylight saving, since
 * 13/06/1975 (IANA time zone database; DOMAIN.md), so the date and the clock in Vietnam are the
 * instant moved seven hours. Computed, not asked of Intl.DateTimeFormat, whose first use costs a
 * page 40–60 ms of ICU start-up (four times that on a slow phone) before the first paint;
 * tests/unit/vn-time.test.ts checks it against Intl with the time zone's name.
 */
const VN_OFFSET_MS = 7 * 3_600_000;

/** Vietnam's wall clock at the instant, as "YYYY-MM-DDTHH:mm:ss.sssZ" (the Z is not true). */
function vnClock(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
}

/** The calendar date in Vietnam at the given instant, whatever the process's time zone. */
export function vnDate(instant: Date): IsoDate {
  return vnClock(instant).slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
}

function toUtcMidnight(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMidnight(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / 86_400_000);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

/**
 * The civil servants' calendar (a value from the database, `calendar.get` in the browser):
 * the years entered, their weekdays off (holidays, Tết, swaps) and weekend days worked.
 * A year not entered counts Monday to Friday only, and the product warns about it.
 */
export type Calendar = {
  years: ReadonlySet<number>;
  daysOff: ReadonlySet<IsoDate>;
  workingDays: ReadonlySet<IsoDate>;
};

/** Whether the year of `date` has a calendar (else only weekends are known). */
export function hasCalendarFor(calendar: Calendar, date: IsoDate): boolean {
  return calendar.years.has(Number(date.slice(0, 4)));
}

/** A civil servant's working day: Monday to Friday less days off, plus make-up weekend days. */
export function isWorkingDay(date: IsoDate, calendar: Calendar): boolean {
  if (calendar.workingDays.has(date)) return true;
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !calendar.daysOff.has(date);
}

/**
 * Civil Code art. 148(5): when the last day of a time limit falls on a weekend or a holiday, the
 * limit ends at the end of the next working day. This gives the date a deadline really falls on.
 */
export function deadlineInForce(deadline: IsoDate, calendar: Calendar): IsoDate {
  let date = deadline;
  while (!isWorkingDay(date, calendar)) date = addDays(date, 1);
  return date;
}

/** The `count`-th working day after `from` (a time limit "N ngày làm việc kể từ ngày ký"). */
export function workingDaysAfter(from: IsoDate, count: number, calendar: Calendar): IsoDate {
  let date = from;
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) left -= 1;
  }
  return date;
}

/**
 * The working day `n` working days after `date` (n ≥ 0): n = 0 is `date` itself when it is a
 * working day, else the next one; "within 7 working days" of today ends on addWorkingDays(today, 7).
 * Counted on the civil-servant calendar (isWorkingDay).
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: Calendar): IsoDate {
  let day = deadlineInForce(date, calendar);
  for (let left = n; left > 0; left -= 1) day = deadlineInForce(addDays(day, 1), calendar);
  return day;
}

/** dd/mm/yyyy, the way Vietnamese documents write dates. */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * A month as Vietnamese documents write it, without a leading zero: "2024-03" (or any date in
 * it) → "3/2024", read "tháng 3/2024".
 */
export function formatMonth(month: string): string {
  return `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
}

/** dd/mm/yyyy HH:mm in Vietnam's time, for an ISO instant. */
export function formatDateTime(instant: string): string {
  const clock = vnClock(new Date(instant));
  return `${formatDate(clock.slice(0, 10))} ${clock.slice(11, 16)}`;
}

/**
 * How many working days fall after `from` up to and including `to` (0 when `to` ≤ `from`):
 * Monday to Friday counted by arithmetic, then the calendar's exceptions in the range (the
 * reminder job asks this for thousands of tasks an hour).
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: Calendar): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  const start = weekday(from);
  let count = Math.floor(days / 7) * 5;
  for (let k = days - (days % 7) + 1; k <= days; k++) {
    const day = (start + k) % 7;
    if (day !== 0 && day !== 6) count += 1;
  }
  const inRange = (date: IsoDate) => date > from && date <= to;
  const weekend = (date: IsoDate) => {
    const day = weekday(date);
    return day === 0 || day === 6;
  };
  for (const date of calendar.daysOff) {
    if (inRange(date) && !weekend(date) && !calendar.workingDays.has(date)) count -= 1;
  }
  for (const date of calendar.workingDays) {
    if (inRange(date) && weekend(date)) count += 1;
  }
  return count;
}

/** The last working day before `date`. */
export function previousWorkingDay(date: IsoDate, calendar: Calendar): IsoDate {
  let day = addDays(date, -1);
  while (!isWorkingDay(day, calendar)) day = addDays(day, -1);
  return day;
}
