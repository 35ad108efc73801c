import { describe, expect, it } from "vitest";
import { latestReportPeriod } from "../../shared/statistic.ts";

describe("report periods (Decree 09/2019/NĐ-CP art. 12, and calendar periods)", () => {
  it.each([
    // Today Thursday 26/11/2026: the November report covers 15/10 to 14/11.
    ["decree09Month", "2026-11-26", "2026-10-15", "2026-11-14"],
    // On the 13th the month's cut-off has not come: the October report.
    ["decree09Month", "2026-11-13", "2026-09-15", "2026-10-14"],
    ["decree09Month", "2026-01-20", "2025-12-15", "2026-01-14"],
    ["decree09Quarter", "2026-11-26", "2026-06-15", "2026-09-14"],
    ["decree09Quarter", "2026-12-14", "2026-09-15", "2026-12-14"],
    ["decree09Quarter", "2026-02-01", "2025-09-15", "2025-12-14"],
    ["decree09Half", "2026-11-26", "2025-12-15", "2026-06-14"],
    ["decree09Year", "2026-11-26", "2024-12-15", "2025-12-14"],
    ["decree09Year", "2026-12-15", "2025-12-15", "2026-12-14"],
    ["month", "2026-11-26", "2026-10-01", "2026-10-31"],
    ["quarter", "2026-11-26", "2026-07-01", "2026-09-30"],
    ["quarter", "2026-02-10", "2025-10-01", "2025-12-31"],
    ["year", "2026-11-26", "2025-01-01", "2025-12-31"],
  ] as const)("%s on %s: %s to %s", (preset, today, from, asOf) => {
    expect(latestReportPeriod(preset, today)).toEqual({ preset, from, asOf });
  });
});
