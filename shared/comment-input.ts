/**
 * The inputs of the comment procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from comment.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { MAX_MENTIONS } from "./comment.ts";
import { MAX_FILES_PER_REPORT } from "./evidence.ts";
import { idSchema, requiredTextSchema } from "./validation.ts";

/**
 * A comment on a task, by anyone who may see it; it may mention agencies concerned by the task
 * and carry files (a coordinating agency's contribution).
 */
export const commentCreateInput = z.object({
  taskId: idSchema,
  body: requiredTextSchema(4_000),
  mentionAgencyIds: z.array(idSchema).max(MAX_MENTIONS).default([]),
  fileIds: z.array(idSchema).max(MAX_FILES_PER_REPORT).default([]),
});
export type CommentCreateInput = z.input<typeof commentCreateInput>;

export const commentListInput = z.object({ taskId: idSchema });
export type CommentListInput = z.input<typeof commentListInput>;
