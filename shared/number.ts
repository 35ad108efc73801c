import type { Language } from "./i18n/language.ts";

/**
 * How each language writes a number: Vietnamese "21.914" and "2,5", English "21,914" and "2.5",
 * a separator between every three digits (from 1.000 on, as both write it).
 */
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

/** Fraction digits shown: at most `max`, trailing zeros dropped down to `min`. */
export type FractionDigits = { min?: number; max: number };

/**
 * A finite number as the language writes it, rounded to `digits.max` fraction digits as
 * `Intl.NumberFormat` rounds (half away from zero, on the shortest decimal that reads back as the
 * number: 1.005 → 1.01), and equal to its output (tests/unit/number.test.ts compares them).
 * Written out because a page's first Intl formatter costs 40–60 ms of ICU start-up on a desktop
 * and four times that on a slow phone, before the figures can show (README, Decisions).
 */
export function formatNumber(value: number, language: Language, digits: FractionDigits): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) {
    throw new RangeError(`not a number to write out: ${value}`);
  }
  const { group, decimal } = SEPARATORS[language];
  const [whole, fraction] = rounded(Math.abs(value), digits.max);
  const kept = fraction.replace(/0+$/, "").padEnd(digits.min ?? 0, "0");
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${grouped}${kept ? `${decimal}${kept}` : ""}`;
}

/** The whole and fraction digits of `value` ≥ 0 rounded half up to `max` places. */
function rounded(value: number, max: number): [string, string] {
  const shortest = String(value);
  // Below 1e-6 JavaScript writes an exponent; such a value rounds to zero at any places shown.
  if (shortest.includes("e")) return ["0", "0".repeat(max)];
  const [whole = "0", fraction = ""] = shortest.split(".");
  if (fraction.length <= max) return [whole, fraction.padEnd(max, "0")];
  const cut = `${whole}${fraction.slice(0, max)}`;
  const up = (fraction[max] ?? "0") >= "5";
  const digits = up ? (BigInt(cut) + 1n).toString().padStart(cut.length, "0") : cut;
  return max === 0 ? [digits, ""] : [digits.slice(0, -max), digits.slice(-max)];
}
