import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../shared/i18n/language.ts";
import { formatNumber } from "../../shared/number.ts";
import { formatCount, formatPercent } from "../../shared/statistic.ts";

const LOCALES = { vi: "vi-VN", en: "en-GB" } as const;

/** Counts, days and rates as the product shows them, with the halves and ties rounding meets. */
const VALUES = [
  0,
  1,
  9,
  12,
  999,
  1000,
  1234,
  9999,
  10_448,
  21_914,
  100_000,
  999_999,
  1_000_000,
  1_234_567_890,
  0.05,
  0.15,
  0.25,
  0.45,
  1.005,
  2.5,
  2.76,
  2.755,
  12.345,
  99.95,
  99.995,
  33.333_333,
  66.666_666,
  1234.5678,
  0.000_4,
  1e15 + 0.3,
  -1,
  -0.04,
  -1234.56,
];

describe("numbers as each language writes them", () => {
  for (const language of LANGUAGES) {
    for (const [min, max] of [
      [0, 0],
      [0, 1],
      [0, 3],
      [2, 2],
    ] as const) {
      it(`${language}: the same as Intl.NumberFormat with ${min}–${max} fraction digits`, () => {
        const intl = new Intl.NumberFormat(LOCALES[language], {
          minimumFractionDigits: min,
          maximumFractionDigits: max,
        });
        for (const value of VALUES) {
          expect(formatNumber(value, language, { min, max })).toBe(intl.format(value));
        }
      });
    }
  }

  it("writes the published reports' figures", () => {
    expect(formatCount(10_448)).toBe("10.448");
    expect(formatCount(10_448, "en")).toBe("10,448");
    expect(formatPercent(2.76)).toBe("2,76%");
    expect(formatPercent(50, "en")).toBe("50.00%");
    expect(formatPercent(null)).toBe("–");
  });

  it("refuses what it cannot write out", () => {
    expect(() => formatNumber(Number.NaN, "vi", { max: 0 })).toThrow(RangeError);
    expect(() => formatNumber(1e21, "vi", { max: 0 })).toThrow(RangeError);
  });
});
