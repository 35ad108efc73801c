import type { Role } from "./user.ts";

/** A page's heading as keys of the shared texts (shared/i18n). */
export type PageHeading = { title: string; intro: string };

/** The values a heading's introduction may use: the user's agency, and today (dd/mm/yyyy). */
export type PageHeadingValues = { agency: string; date: string };

/**
 * The headings of the pages a leader opens first: the inbox, the statistics and the overdue
 * list. Their pages draw them (client/inbox/inbox-page.tsx, client/statistic/statistic-page.tsx,
 * client/statistic/overdue-page.tsx), and the server writes them into the page it sends
 * (server/page-heading.ts), so that on a slow link a page's title and introduction show as soon
 * as the page itself has arrived, seconds before the app's scripts (issue 13). One place for the
 * keys, so the two never differ.
 */
export const PAGE_HEADINGS = {
  inbox: (role: Role): PageHeading => ({
    title: "pageHeading.inbox.title",
    intro: `pageHeading.inbox.intro.${role}`,
  }),
  statistics: (): PageHeading => ({
    title: "pageHeading.statistics.title",
    intro: "pageHeading.statistics.intro",
  }),
  overdue: (): PageHeading => ({
    title: "pageHeading.overdue.title",
    intro: "pageHeading.overdue.intro",
  }),
} as const;

const PATHS = new Map<string, (role: Role) => PageHeading>([
  ["/", PAGE_HEADINGS.inbox],
  ["/statistics", PAGE_HEADINGS.statistics],
  ["/overdue", PAGE_HEADINGS.overdue],
]);

/** The heading of the page at `path` (a URL's path) for a role, or null for a page without one. */
export function pageHeadingOf(path: string): ((role: Role) => PageHeading) | null {
  return PATHS.get(path) ?? null;
}
