import { type IsoDate, isIsoDate } from "../../shared/date.ts";

const DMY = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;

/**
 * Reads a date as a Vietnamese user types it, dd/mm/yyyy (also d/m/yyyy, with dots or dashes),
 * or as ISO "YYYY-MM-DD"; null when it is no date of the calendar (31/02/2026).
 */
export function parseVnDate(text: string): IsoDate | null {
  const match = DMY.exec(text);
  if (!match) return isIsoDate(text.trim()) ? text.trim() : null;
  const [, d, m, y] = match;
  const iso = `${y}-${(m ?? "").padStart(2, "0")}-${(d ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}
