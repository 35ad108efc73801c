import { type Calendar, formatMonth, type IsoDate, workingDaysAfter } from "./date.ts";

/**
 * How a directive words a deadline, kept beside the date it means:
 * - by_date: "trước ngày 31/3/2024" (chậm nhất ngày…): that day;
 * - in_month: "trong tháng 3/2024": the month's last day;
 * - in_quarter: "trong Quý I/2024": the quarter's last day;
 * - working_days: "trong 10 ngày làm việc kể từ ngày ký": counted on the calendar from the
 *   directive's issue date;
 * - continuing: "thường xuyên": no deadline, never overdue, reported on periodically;
 * - none: no deadline given.
 * The database has a CHECK on the same list.
 */
export const DEADLINE_KINDS = [
  "by_date",
  "in_month",
  "in_quarter",
  "working_days",
  "continuing",
  "none",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Kinds that carry a date. */
export function hasDate(kind: DeadlineKind): boolean {
  return kind !== "continuing" && kind !== "none";
}

function lastDayOfMonthOf(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** 1 to 4. */
export function quarterOf(date: IsoDate): number {
  return Math.ceil(Number(date.slice(5, 7)) / 3);
}

function lastDayOfQuarterOf(date: IsoDate): IsoDate {
  const month = quarterOf(date) * 3;
  return lastDayOfMonthOf(`${date.slice(0, 4)}-${String(month).padStart(2, "0")}-01`);
}

export type WrittenDeadline = {
  kind: DeadlineKind;
  /** The date the wording means (any day of the month or quarter is taken to its last day). */
  deadline: IsoDate | null;
  /** For working_days: how many. */
  days: number | null;
};

/**
 * The date a wording means. `issuedOn` and the calendar count "N ngày làm việc kể từ ngày ký";
 * a date without a kind that needs one, or a kind without what it needs, gives kind "none".
 */
export function resolveDeadline(
  written: WrittenDeadline,
  context: { issuedOn: IsoDate; calendar: Calendar },
): { kind: DeadlineKind; deadline: IsoDate | null; days: number | null } {
  const { kind, deadline, days } = written;
  switch (kind) {
    case "working_days":
      return days === null
        ? { kind: "none", deadline: null, days: null }
        : { kind, deadline: workingDaysAfter(context.issuedOn, days, context.calendar), days };
    case "continuing":
    case "none":
      return { kind, deadline: null, days: null };
    default:
      if (deadline === null) return { kind: "none", deadline: null, days: null };
      return {
        kind,
        deadline:
          kind === "in_month"
            ? lastDayOfMonthOf(deadline)
            : kind === "in_quarter"
              ? lastDayOfQuarterOf(deadline)
              : deadline,
        days: null,
      };
  }
}

const ROMAN = ["I", "II", "III", "IV"] as const;

/**
 * The wording as a text key under "deadline." and its parameters: "trong tháng 3/2024" (the
 * month without a leading zero), "trong Quý I/2024", "thường xuyên"…
 */
export function deadlineWording(written: WrittenDeadline): {
  key: `deadline.${DeadlineKind}`;
  params: Record<string, string | number>;
} {
  const { kind, deadline, days } = written;
  const key = `deadline.${kind}` as const;
  if (deadline === null) return { key, params: { days: days ?? 0 } };
  const [y, m, d] = deadline.split("-");
  return {
    key,
    params: {
      date: `${d}/${m}/${y}`,
      month: formatMonth(deadline),
      quarter: `${ROMAN[quarterOf(deadline) - 1] ?? ""}/${y}`,
      days: days ?? 0,
    },
  };
}
