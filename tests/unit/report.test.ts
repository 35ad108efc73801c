import { describe, expect, it } from "vitest";
import { seedCalendar } from "../../db/calendar.ts";
import { cleanFileName, evidenceType, MAX_FILE_NAME } from "../../shared/evidence.ts";
import {
  currentPeriod,
  fileablePeriods,
  missingStreak,
  periodLabel,
  periodsDue,
  periodsOwed,
  reportPeriods,
} from "../../shared/report.ts";
import { reportCreateInput, reportDutySchema } from "../../shared/report-input.ts";

const CAL = seedCalendar();
const monthly25 = { kind: "monthly", day: 25, startsOn: "2026-08-01" } as const;

describe("report periods", () => {
  it("gives one monthly period per month, due on the day, moved off weekends and holidays", () => {
    expect(reportPeriods(monthly25, "2026-08-01", "2026-12-31", CAL)).toEqual([
      { key: "2026-08", deadline: "2026-08-25", dueOn: "2026-08-25" },
      { key: "2026-09", deadline: "2026-09-25", dueOn: "2026-09-25" },
      // Sunday 25/10/2026: due Monday 26/10.
      { key: "2026-10", deadline: "2026-10-25", dueOn: "2026-10-26" },
      { key: "2026-11", deadline: "2026-11-25", dueOn: "2026-11-25" },
      { key: "2026-12", deadline: "2026-12-25", dueOn: "2026-12-25" },
    ]);
  });

  it("uses the last day of shorter months, and the working day after 30/04 and 01/05", () => {
    const periods = reportPeriods(
      { kind: "monthly", day: 31, startsOn: "2024-02-01" },
      "2024-01-01",
      "2024-04-30",
      CAL,
    );
    expect(periods).toEqual([
      { key: "2024-02", deadline: "2024-02-29", dueOn: "2024-02-29" },
      { key: "2024-03", deadline: "2024-03-31", dueOn: "2024-04-01" },
      { key: "2024-04", deadline: "2024-04-30", dueOn: "2024-05-02" },
    ]);
  });

  it("does not owe a month whose due day passed before the duty started", () => {
    const periods = reportPeriods(
      { kind: "monthly", day: 25, startsOn: "2024-03-28" },
      "2024-01-01",
      "2024-05-31",
      CAL,
    );
    expect(periods.map((p) => p.key)).toEqual(["2024-04", "2024-05"]);
  });

  it("gives quarterly periods due on the day of the month after the quarter, from the start", () => {
    const periods = reportPeriods(
      { kind: "quarterly", day: 10, startsOn: "2024-01-01" },
      "2024-01-01",
      "2025-01-31",
      CAL,
    );
    expect(periods).toEqual([
      { key: "2024-Q1", deadline: "2024-04-10", dueOn: "2024-04-10" },
      { key: "2024-Q2", deadline: "2024-07-10", dueOn: "2024-07-10" },
      { key: "2024-Q3", deadline: "2024-10-10", dueOn: "2024-10-10" },
      { key: "2024-Q4", deadline: "2025-01-10", dueOn: "2025-01-10" },
    ]);
  });

  it("gives a one-off duty a single period", () => {
    const once = { kind: "once", dueDate: "2026-11-15" } as const;
    // Sunday 15/11/2026: due Monday 16/11.
    expect(reportPeriods(once, "2026-01-01", "2026-12-31", CAL)).toEqual([
      { key: "once", deadline: "2026-11-15", dueOn: "2026-11-16" },
    ]);
    expect(periodsDue(once, "2026-11-16", CAL)).toEqual([]);
    expect(periodsDue(once, "2026-11-17", CAL).map((p) => p.key)).toEqual(["once"]);
  });

  it("counts a period as due from the day after its due date in force", () => {
    expect(periodsDue(monthly25, "2026-11-25", CAL).map((p) => p.key)).toEqual([
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
    expect(currentPeriod(monthly25, "2026-11-26", CAL)?.key).toBe("2026-11");
    expect(currentPeriod(monthly25, "2026-08-25", CAL)).toBeNull();
  });

  it("lets agencies report for the periods due and the one running, not further ahead", () => {
    expect(fileablePeriods(monthly25, "2026-11-26", CAL).map((p) => p.key)).toEqual([
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(fileablePeriods(monthly25, "2026-07-01", CAL).map((p) => p.key)).toEqual(["2026-08"]);
  });

  it("owes the periods due and not reported, and the next only once it falls due soon (bug 1)", () => {
    const reported = new Set(["2026-08", "2026-09", "2026-10"]);
    const owed = (today: string, until: string, done = reported) =>
      periodsOwed(fileablePeriods(monthly25, today, CAL), done, until).map((p) => p.key);
    // 26/11: November (due 25/11) is late; December (25/12) is far off.
    expect(owed("2026-11-26", "2026-12-07")).toEqual(["2026-11"]);
    // November reported: nothing is owed, so no period is proposed for the next report.
    expect(owed("2026-11-26", "2026-12-07", new Set([...reported, "2026-11"]))).toEqual([]);
    // 17/12: December falls due within the window.
    expect(owed("2026-12-17", "2026-12-28", new Set([...reported, "2026-11"]))).toEqual([
      "2026-12",
    ]);
  });
});

describe("missing reports", () => {
  const due = reportPeriods(monthly25, "2026-08-01", "2026-11-25", CAL);

  it("counts the latest periods missed in a row", () => {
    expect(missingStreak(due, new Set(["2026-08"]))).toEqual({
      streak: 3,
      missed: ["2026-09", "2026-10", "2026-11"],
    });
  });

  it("keeps a missed month missed when a later month is reported", () => {
    expect(missingStreak(due, new Set(["2026-08", "2026-10"]))).toEqual({
      streak: 1,
      missed: ["2026-09", "2026-11"],
    });
    expect(missingStreak(due, new Set(["2026-11"]))).toEqual({
      streak: 0,
      missed: ["2026-08", "2026-09", "2026-10"],
    });
  });

  it("gives nothing missing when nothing is due", () => {
    expect(missingStreak([], new Set())).toEqual({ streak: 0, missed: [] });
  });
});

describe("report inputs", () => {
  it("accepts monthly, quarterly and one-off duties and refuses a day beyond 31", () => {
    expect(reportDutySchema.safeParse(monthly25).success).toBe(true);
    expect(
      reportDutySchema.safeParse({ kind: "quarterly", day: 15, startsOn: "2026-01-01" }).success,
    ).toBe(true);
    expect(reportDutySchema.safeParse({ kind: "once", dueDate: "2026-12-01" }).success).toBe(true);
    expect(
      reportDutySchema.safeParse({ kind: "monthly", day: 32, startsOn: "2026-01-01" }).success,
    ).toBe(false);
    expect(
      reportDutySchema.safeParse({ kind: "weekly", day: 1, startsOn: "2026-01-01" }).success,
    ).toBe(false);
  });

  it("takes period keys of months, quarters and one-off reports only", () => {
    const base = { taskId: 1, version: 1, summary: "Đã làm", progress: 10 };
    for (const periodKey of ["2026-03", "2026-Q4", "once", null]) {
      expect(reportCreateInput.safeParse({ ...base, periodKey }).success).toBe(true);
    }
    for (const periodKey of ["2026-13", "2026-Q5", "03/2026", ""]) {
      expect(reportCreateInput.safeParse({ ...base, periodKey }).success).toBe(false);
    }
  });

  it("names periods in Vietnamese and in English", () => {
    expect(periodLabel("2024-03")).toBe("tháng 3/2024");
    expect(periodLabel("2024-Q1")).toBe("quý I/2024");
    expect(periodLabel("2024-Q4", "en")).toBe("Q4 2024");
    expect(periodLabel("once")).toBe("báo cáo một lần");
  });
});

describe("evidence types, from the content", () => {
  it("accepts PDF, Word, Excel and images by the detected type, whatever the name", () => {
    expect(evidenceType({ ext: "pdf", mime: "application/pdf" }, "bao-cao.docx")?.ext).toBe("pdf");
    expect(
      evidenceType(
        {
          ext: "docx",
          mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        },
        "x",
      )?.label,
    ).toBe("Word");
    expect(evidenceType({ ext: "jpg", mime: "image/jpeg" }, "anh.png")?.mime).toBe("image/jpeg");
  });

  it("accepts an old Office container only when named .doc or .xls", () => {
    const cfb = { ext: "cfb", mime: "application/x-cfb" };
    expect(evidenceType(cfb, "Báo cáo.DOC")?.mime).toBe("application/msword");
    expect(evidenceType(cfb, "so-lieu.xls")?.mime).toBe("application/vnd.ms-excel");
    expect(evidenceType(cfb, "thu.msg")).toBeNull();
  });

  it("refuses anything else, and content nothing recognises", () => {
    expect(evidenceType({ ext: "zip", mime: "application/zip" }, "a.pdf")).toBeNull();
    expect(evidenceType({ ext: "exe", mime: "application/x-msdownload" }, "a.pdf")).toBeNull();
    expect(evidenceType(undefined, "bao-cao.pdf")).toBeNull();
  });
});

describe("file names kept for evidence", () => {
  it("keeps Vietnamese names, drops any path and control characters", () => {
    expect(cleanFileName("Báo cáo tháng 3.pdf")).toBe("Báo cáo tháng 3.pdf");
    expect(cleanFileName("C:\\Users\\an\\..\\bao-cao.pdf")).toBe("bao-cao.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("a\u0000b\nc.pdf")).toBe("abc.pdf");
    expect(cleanFileName("  ")).toBe("tep-dinh-kem");
  });

  it("shortens long names, keeping the extension", () => {
    const name = cleanFileName(`${"x".repeat(400)}.xlsx`);
    expect(name).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith(".xlsx")).toBe(true);
  });
});
