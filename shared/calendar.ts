import type { Calendar, IsoDate } from "./date.ts";

/** Exceptions to "Monday to Friday". The database has a CHECK on the same list. */
export const CALENDAR_DAY_KINDS = ["day_off", "working_day"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** The calendar as the API sends it, for the browser to compute what the server computes. */
export type CalendarData = {
  years: number[];
  daysOff: IsoDate[];
  workingDays: IsoDate[];
};

export function calendarFromData(data: CalendarData): Calendar {
  return {
    years: new Set(data.years),
    daysOff: new Set(data.daysOff),
    workingDays: new Set(data.workingDays),
  };
}
