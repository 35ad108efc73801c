/**
 * The inputs of the agency procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from agency.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { isoDateSchema } from "./validation.ts";

export const agencySearchInput = z.object({
  query: z.string().trim().max(100).default(""),
  /** Only agencies in existence on this date (default: all, including merged ones). */
  activeOn: isoDateSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type AgencySearchInput = z.input<typeof agencySearchInput>;

/** Agency groups with their members of a day (default: every member they ever had). */
export const agencyGroupsInput = z
  .object({ on: isoDateSchema.optional() })
  .default({ on: undefined });
export type AgencyGroupsInput = z.input<typeof agencyGroupsInput>;
