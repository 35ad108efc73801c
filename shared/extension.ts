/** Where a deadline extension request stands. The database has a CHECK on the same list. */
export const EXTENSION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const EXTENSION_DECISIONS = ["approve", "reject"] as const;
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];
