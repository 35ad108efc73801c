/**
 * The inputs of the inbox procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from inbox.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { INBOX_SEEN_KINDS } from "./inbox.ts";
import { idSchema } from "./validation.ts";

/** Marks items of one kind as seen (the items stay in the database; the inbox drops them). */
export const inboxMarkSeenInput = z.object({
  kind: z.enum(INBOX_SEEN_KINDS),
  ids: z
    .array(idSchema)
    .min(1)
    .max(200)
    .transform((ids) => [...new Set(ids)]),
});
export type InboxMarkSeenInput = z.input<typeof inboxMarkSeenInput>;
