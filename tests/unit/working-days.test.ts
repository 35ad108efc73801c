/**
 * `workingDaysBetween` counts by arithmetic and the calendar's exceptions (shared/date.ts); here it
 * must agree with the definition, day by day through `isWorkingDay`, on random ranges and random
 * calendars (days off and make-up days on weekdays and weekends, some both).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  type Calendar,
  type IsoDate,
  isWorkingDay,
  workingDaysBetween,
} from "../../shared/date.ts";

function countDayByDay(from: IsoDate, to: IsoDate, calendar: Calendar): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}

const BASE: IsoDate = "2024-01-01";
const offset = fc.integer({ min: 0, max: 800 });

describe("working days between two dates", () => {
  it("agrees with counting day by day", () => {
    fc.assert(
      fc.property(
        offset,
        fc.integer({ min: -10, max: 400 }),
        fc.uniqueArray(offset, { maxLength: 60 }),
        fc.uniqueArray(offset, { maxLength: 20 }),
        (start, length, off, worked) => {
          const from = addDays(BASE, start);
          const to = addDays(from, length);
          const calendar: Calendar = {
            years: new Set([2024, 2025, 2026]),
            daysOff: new Set(off.map((days) => addDays(BASE, days))),
            workingDays: new Set(worked.map((days) => addDays(BASE, days))),
          };
          expect(workingDaysBetween(from, to, calendar)).toBe(countDayByDay(from, to, calendar));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("counts Tết 2025 out: 20 working days from 20/01 to 21/02/2025", () => {
    // 25/01 (Saturday) worked, 27/01–02/02 off: the 2025 Tết arrangement.
    const calendar: Calendar = {
      years: new Set([2025]),
      daysOff: new Set(["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]),
      workingDays: new Set(["2025-01-25"]),
    };
    // 21/01–21/02: 24 weekdays, less 5 days off, plus the Saturday worked.
    expect(workingDaysBetween("2025-01-20", "2025-02-21", calendar)).toBe(20);
  });
});
