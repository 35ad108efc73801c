/**
 * A count as a badge shows it: up to `max`, then `max` and a plus ("99+"), so that the badge keeps
 * its place beside what it counts; the page it leads to says the exact figure.
 */
export function badgeCount(count: number, max: number): string {
  return count > max ? `${max}+` : String(count);
}
