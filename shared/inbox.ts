/**
 * "Việc cần làm": one page per role saying what the user owes today (issue 8). What each role's
 * inbox holds is built by server/domain/inbox.ts from these rules.
 */

/**
 * What a user can mark as seen: a report received (officer), an extension answer and a comment
 * mentioning the agency (reporter), an account or an agency to look at (administrator). The
 * database has a CHECK on the same list.
 */
export const INBOX_SEEN_KINDS = ["report", "extension", "comment", "account", "agency"] as const;
export type InboxSeenKind = (typeof INBOX_SEEN_KINDS)[number];

/** Tasks and report periods falling due within this many working days are in the inbox. */
export const INBOX_AHEAD_WORKING_DAYS = 7;

/** Reports received, answers and mentions stay this many days unless marked seen earlier. */
export const INBOX_RECENT_DAYS = 30;

/** An overdue task urged (a note by the user's agency) within this many days counts as handled. */
export const URGED_WITHIN_DAYS = 7;

/** Agencies whose validity ends within this many days are in the administrator's inbox. */
export const AGENCY_ENDING_DAYS = 60;
