import type { Role } from "./user.ts";

/** A page's heading as keys of the shared texts (shared/i18n). */
export type PageHeading = { title: string; intro: string };

/** The values a heading's introduction may use: the user's agency, and today (dd/mm/yyyy). */
export type PageHeadingValues = { agency: string; date: string };

const HEADINGS = new Map<string, (role: Role) => PageHeading>([
  ["/", (role) => ({ title: "pageHeading.inbox.title", intro: `pageHeading.inbox.intro.${role}` })],
  [
    "/statistics",
    () => ({ title: "pageHeading.statistics.title", intro: "pageHeading.statistics.intro" }),
  ],
  ["/overdue", () => ({ title: "pageHeading.overdue.title", intro: "pageHeading.overdue.intro" })],
]);

/**
 * The heading of the page at `path` (a URL's path) for a user of `role`, or null for a page
 * without one. The server writes these headings into the page it sends (server/page-heading.ts),
 * so that on a slow link a page's title and introduction show as soon as the page itself has
 * arrived, seconds before the app's scripts (issue 13); the app's pages draw theirs from the
 * same texts, so the two never differ: the inbox, the statistics and the overdue list, the
 * pages a leader opens first.
 */
export function pageHeadingOf(path: string): ((role: Role) => PageHeading) | null {
  return HEADINGS.get(path) ?? null;
}
