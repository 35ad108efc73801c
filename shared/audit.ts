/**
 * The audit log as its readers see it: administrators (everything) and leaders (what concerns
 * their agency and the units under it: its accounts, their sign-ins, refusals and requests).
 * Kinds of rows: account and sign-in events, directive changes, and one row per API request that
 * changed something or was refused ("request").
 */
export const AUDIT_KINDS = ["login", "account", "directive", "request", "refusal"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The most rows one export holds. */
export const MAX_AUDIT_EXPORT = 50_000;

/** Who reads the audit log: administrators, and leaders for their own agency. */
export function canReadAudit(role: string): boolean {
  return role === "admin" || role === "leader";
}
