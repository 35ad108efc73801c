/**
 * The inputs of the audit procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from audit.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { AUDIT_KINDS } from "./audit.ts";
import { isoDateSchema, pageFields } from "./validation.ts";

export const auditListInput = z
  .object({
    /** Words of the actor's username or name, the action or the details. */
    query: z.string().trim().max(100).default(""),
    kind: z.enum(AUDIT_KINDS).optional(),
    /** Vietnam dates, inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    ...pageFields(200),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    path: ["to"],
    error: "validation.dateRange",
  });
export type AuditListInput = z.input<typeof auditListInput>;
