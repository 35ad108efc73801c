import { describe, expect, it } from "vitest";
import { seedCalendar } from "../../db/calendar.ts";
import { addWorkingDays, deadlineInForce, vnDate } from "../../shared/date.ts";
import { daysOverdue, timeliness } from "../../shared/timeliness.ts";

describe("today is Vietnam's calendar date, whatever the process's time zone", () => {
  it("runs this file with the process in UTC", () => {
    expect(process.env.TZ).toBe("UTC");
    expect(new Date("2024-03-31T12:00:00").getTimezoneOffset()).toBe(0);
  });

  it("turns 01/04 at 00:00 in Hà Nội, which is 17:00 UTC on 31/03", () => {
    expect(vnDate(new Date("2024-03-31T16:59:59.999Z"))).toBe("2024-03-31");
    expect(vnDate(new Date("2024-03-31T17:00:00.000Z"))).toBe("2024-04-01");
  });

  it("makes a task due on 31/03 overdue from 01/04 00:00 Vietnam time, not from UTC midnight", () => {
    // 29/03/2024 was a Friday, so 31/03 (Sunday) moves to Monday 01/04 under Civil Code art. 148;
    // take a working day instead: Friday 29/03/2024.
    const task = { status: "in_progress", dueOn: "2024-03-29", doneOn: null } as const;
    const beforeVnMidnight = vnDate(new Date("2024-03-29T16:59:59Z"));
    const afterVnMidnight = vnDate(new Date("2024-03-29T17:00:00Z"));
    expect(timeliness(task, beforeVnMidnight)).toBe("due_soon");
    expect(timeliness(task, afterVnMidnight)).toBe("overdue");
    // At 20:00 UTC on 29/03 it is still 29/03 in UTC, but already 30/03 in Vietnam.
    expect(timeliness(task, vnDate(new Date("2024-03-29T20:00:00Z")))).toBe("overdue");
    expect(daysOverdue(task, "2024-04-01")).toBe(3);
  });
});

describe("timeliness categories", () => {
  const today = "2026-11-26";
  it.each([
    [{ status: "completed", dueOn: "2026-11-20", doneOn: "2026-11-20" }, "completed_on_time"],
    [{ status: "completed", dueOn: "2026-11-20", doneOn: "2026-11-21" }, "completed_late"],
    [{ status: "completed", dueOn: null, doneOn: "2026-11-21" }, "completed_on_time"],
    [{ status: "in_progress", dueOn: null, doneOn: null }, "no_deadline"],
    [{ status: "in_progress", dueOn: "2026-11-25", doneOn: null }, "overdue"],
    [{ status: "not_started", dueOn: "2026-11-26", doneOn: null }, "due_soon"],
    [{ status: "not_started", dueOn: "2026-11-29", doneOn: null }, "due_soon"],
    [{ status: "not_started", dueOn: "2026-11-30", doneOn: null }, "in_deadline"],
    // Reported done on time: judged by the report date, not overdue while awaiting confirmation.
    [{ status: "reported_done", dueOn: "2026-11-20", doneOn: "2026-11-19" }, "in_deadline"],
    [{ status: "reported_done", dueOn: "2026-11-20", doneOn: "2026-11-22" }, "overdue"],
    [{ status: "reported_done", dueOn: "2026-11-27", doneOn: "2026-11-26" }, "in_deadline"],
    [{ status: "cancelled", dueOn: "2026-11-01", doneOn: null }, null],
  ] as const)("%j is %s", (task, expected) => {
    expect(timeliness(task, today)).toBe(expected);
  });

  it("counts days overdue from the deadline in force", () => {
    expect(daysOverdue({ status: "in_progress", dueOn: "2026-11-16", doneOn: null }, today)).toBe(
      10,
    );
    expect(daysOverdue({ status: "in_progress", dueOn: "2026-11-26", doneOn: null }, today)).toBe(
      0,
    );
    expect(
      daysOverdue({ status: "reported_done", dueOn: "2026-11-16", doneOn: "2026-11-18" }, today),
    ).toBe(2);
  });
});

describe("deadline in force (Civil Code art. 148: weekend or holiday → next working day)", () => {
  it.each([
    ["2026-11-27", "2026-11-27", "a Friday stays"],
    ["2026-11-28", "2026-11-30", "a Saturday moves to Monday"],
    ["2026-11-29", "2026-11-30", "a Sunday moves to Monday"],
    ["2024-02-10", "2024-02-15", "Tết Giáp Thìn: 08–14/02/2024 off"],
    ["2024-04-30", "2024-05-02", "30/4 and 1/5"],
    ["2024-04-29", "2024-05-02", "the swapped Monday 29/04/2024"],
    ["2024-05-04", "2024-05-04", "make-up Saturday 04/05/2024 is a working day"],
    ["2026-01-02", "2026-01-05", "the swapped Friday 02/01/2026"],
    ["2026-01-10", "2026-01-10", "make-up Saturday 10/01/2026"],
    ["2025-09-01", "2025-09-03", "Quốc khánh 2025"],
    ["2025-02-08", "2025-02-08", "make-up Saturday 08/02/2025 (for Monday 27/01, Tết Ất Tỵ)"],
    ["2025-01-27", "2025-02-03", "Tết Ất Tỵ: 27–31/01/2025 off"],
    ["2027-02-06", "2027-02-08", "2027 has no calendar yet: weekends only"],
  ])("%s → %s (%s)", (deadline, expected) => {
    expect(deadlineInForce(deadline, seedCalendar())).toBe(expected);
  });
});

describe("working days ahead (“due within 7 working days”)", () => {
  it.each([
    ["2026-11-26", 0, "2026-11-26", "a Thursday is its own 0th working day"],
    ["2026-11-28", 0, "2026-11-30", "from a Saturday, the 0th is Monday"],
    ["2026-11-26", 1, "2026-11-27", "Thursday + 1 → Friday"],
    ["2026-11-26", 2, "2026-11-30", "Thursday + 2 skips the weekend"],
    ["2026-11-26", 7, "2026-12-07", "Thursday + 7 → the Monday after next"],
    ["2024-02-07", 1, "2024-02-15", "over Tết Giáp Thìn"],
    ["2024-05-03", 1, "2024-05-04", "onto the make-up Saturday 04/05/2024"],
  ])("%s + %i → %s (%s)", (date, n, expected) => {
    expect(addWorkingDays(date, n, seedCalendar())).toBe(expected);
  });
});
