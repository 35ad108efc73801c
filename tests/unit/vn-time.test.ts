import { describe, expect, it } from "vitest";
import { formatDateTime, VN_TIME_ZONE, vnDate } from "../../shared/date.ts";

/** The time zone database's answer, which the product's arithmetic must give. */
const zoneDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: VN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const zoneClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: VN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
function zoneDateTime(instant: Date): string {
  const parts = Object.fromEntries(zoneClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Instants from 1976 to 2100: every 61 h 13 min 17 s, so each hour of the day comes round. */
function* instants(): Generator<Date> {
  const step = (61 * 3600 + 13 * 60 + 17) * 1000;
  for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2100, 0, 1); t += step) yield new Date(t);
}

describe("Vietnam's date and clock", () => {
  it("are the time zone database's for every instant since 1976", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const instant of instants()) {
      const date = vnDate(instant);
      const clock = formatDateTime(instant.toISOString());
      if (date !== zoneDate.format(instant) || clock !== zoneDateTime(instant)) {
        wrong.push(`${instant.toISOString()}: ${date}, ${clock}`);
      }
      checked += 1;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(17_000);
  });

  it("turn the date at 17:00 UTC, midnight in Hanoi, whatever the process's time zone", () => {
    expect(vnDate(new Date("2024-03-31T16:59:59.999Z"))).toBe("2024-03-31");
    expect(vnDate(new Date("2024-03-31T17:00:00.000Z"))).toBe("2024-04-01");
    expect(formatDateTime("2024-03-31T17:00:00.000Z")).toBe("01/04/2024 00:00");
    expect(formatDateTime("2024-12-31T23:30:00+07:00")).toBe("31/12/2024 23:30");
  });
});
