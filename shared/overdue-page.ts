/**
 * The overdue list's pages: their size, their input, how the app and the server's painted page
 * draw them. A module of its own, so that the app's start (client/main.tsx), which asks for the
 * first page, loads these lines and not the statistics' rules.
 */

/**
 * The overdue list's pages: a hundred tasks, windowed on screen. A page of 500 (the first choice)
 * came as 430 KB of JSON at a national scale, and a phone spent 70–220 ms at a time only receiving
 * and reading it (README, fifteenth round); the whole filtered list goes to Excel.
 */
export const OVERDUE_PAGE_SIZE = 100;

/**
 * Above this many tasks a page of the overdue list draws only the rows in view, inside a box of its
 * own that scrolls (client/statistic/overdue-table.tsx; the server's first cards on a phone are
 * drawn in the same box, server/overdue-top.ts).
 */
export const OVERDUE_WINDOW_FROM = 30;

/**
 * The overdue list's first cards that the server writes into the page on a phone: the first one
 * whole and the top of the second at 412 × 823 px, a third for taller screens. The app draws as
 * many in its first pass, so that they stay in place when it takes over.
 */
export const OVERDUE_PAINTED_CARDS = 3;

/** The overdue list's filters when its address names none (`/overdue`). */
export const OVERDUE_DEFAULT_FILTERS = {
  keyOnly: false,
  minDaysOverdue: 0,
  urged: "all",
} as const;

/**
 * The input of a page of the overdue list: the list's own page asks for it, and the server asks
 * for the first page of `/overdue` itself, with the page (server/static-assets.ts); both write it
 * here, so that the two are the same request.
 */
export function overduePageInput<Filters extends object>(filters: Filters, page: number) {
  return { ...filters, page, pageSize: OVERDUE_PAGE_SIZE };
}
