import { z } from "zod";
import { isoDateSchema } from "./validation.ts";

/**
 * The audit log as its readers see it: administrators (everything) and leaders (what concerns
 * their agency and the units under it: its accounts, their sign-ins, refusals and requests).
 * Kinds of rows: account and sign-in events, directive changes, and one row per API request that
 * changed something or was refused ("request").
 */
export const AUDIT_KINDS = ["login", "account", "directive", "request", "refusal"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const auditListInput = z
  .object({
    /** Words of the actor's username or name, the action or the details. */
    query: z.string().trim().max(100).default(""),
    kind: z.enum(AUDIT_KINDS).optional(),
    /** Vietnam dates, inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    path: ["to"],
    error: "validation.dateRange",
  });
export type AuditListInput = z.input<typeof auditListInput>;

/** The most rows one export holds. */
export const MAX_AUDIT_EXPORT = 50_000;

/** Who reads the audit log: administrators, and leaders for their own agency. */
export function canReadAudit(role: string): boolean {
  return role === "admin" || role === "leader";
}
