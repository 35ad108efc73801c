/**
 * The inputs of the extension procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from extension.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { EXTENSION_DECISIONS } from "./extension.ts";
import { encodeMessage } from "./message.ts";
import { idSchema, isoDateSchema, requiredTextSchema, textSchema } from "./validation.ts";

/** The lead agency asks for a new deadline (later than the one in force), with a reason. */
export const extensionRequestInput = z.object({
  taskId: idSchema,
  deadline: isoDateSchema,
  reason: requiredTextSchema(4_000),
});
export type ExtensionRequestInput = z.input<typeof extensionRequestInput>;

/**
 * The assigning agency's officer decides a pending request: approve (with the requested date
 * when `deadline` is null, or another date) or reject, which needs a reason.
 */
export const extensionDecideInput = z
  .object({
    id: idSchema,
    decision: z.enum(EXTENSION_DECISIONS),
    deadline: isoDateSchema.nullable().default(null),
    note: textSchema(4_000).default(""),
  })
  .refine((input) => input.decision === "approve" || input.note !== "", {
    error: encodeMessage("validation.reasonRequired"),
    path: ["note"],
  });
export type ExtensionDecideInput = z.input<typeof extensionDecideInput>;

export const extensionListInput = z.object({ taskId: idSchema });
export type ExtensionListInput = z.input<typeof extensionListInput>;
