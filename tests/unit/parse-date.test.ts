import { describe, expect, it } from "vitest";
import { parseVnDate } from "../../client/ui/parse-date.ts";

describe("reading a date as a Vietnamese user types it", () => {
  it.each([
    ["26/11/2026", "2026-11-26"],
    ["6/1/2026", "2026-01-06"],
    ["06.01.2026", "2026-01-06"],
    ["06-01-2026", "2026-01-06"],
    ["  26/11/2026 ", "2026-11-26"],
    ["29/02/2024", "2024-02-29"],
    ["2026-11-26", "2026-11-26"],
    [" 2026-11-26 ", "2026-11-26"],
  ])("%j is %s", (typed, iso) => {
    expect(parseVnDate(typed)).toBe(iso);
  });

  it.each([
    ["31/02/2026", "a day February does not have"],
    ["29/02/2025", "29 February of a common year"],
    ["11/26/2026", "the American order, month first"],
    ["26/11/26", "a two-digit year"],
    ["2026-02-30", "an ISO date that does not exist"],
    ["26/11", "no year"],
    ["", "nothing"],
    ["hôm nay", "words"],
  ])("%j is no date (%s)", (typed) => {
    expect(parseVnDate(typed)).toBeNull();
  });
});
