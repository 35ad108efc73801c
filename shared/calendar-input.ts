/**
 * The inputs of the calendar procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from calendar.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { type IsoDate, isIsoDate, weekday } from "./date.ts";
import { encodeMessage } from "./message.ts";

const daySchema = z.string().refine(isIsoDate, { error: encodeMessage("validation.invalidDate") });

function inYear(year: number, days: readonly IsoDate[]): boolean {
  return days.every((day) => day.startsWith(`${year}-`));
}
function isWeekend(day: IsoDate): boolean {
  const n = weekday(day);
  return n === 0 || n === 6;
}

/**
 * A year's calendar as the Government publishes it each autumn: the weekdays off (holidays,
 * Tết, swapped days) and the weekend days worked instead (make-up Saturdays).
 */
export const calendarSetYearInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    daysOff: z.array(daySchema).max(60),
    workingDays: z.array(daySchema).max(20),
  })
  .refine((value) => inYear(value.year, [...value.daysOff, ...value.workingDays]), {
    error: encodeMessage("validation.calendarYear"),
    path: ["daysOff"],
  })
  .refine((value) => value.daysOff.every((day) => !isWeekend(day)), {
    error: encodeMessage("validation.calendarDayOff"),
    path: ["daysOff"],
  })
  .refine((value) => value.workingDays.every(isWeekend), {
    error: encodeMessage("validation.calendarWorkingDay"),
    path: ["workingDays"],
  });
export type CalendarSetYearInput = z.input<typeof calendarSetYearInput>;
