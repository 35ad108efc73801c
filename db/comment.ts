import { AGENCY_REF_COLUMNS, type AgencyRef, agencyRef, agencyRefColumns } from "./agency.ts";
import { type EvidenceFile, filesOf } from "./evidence.ts";
import type { Db } from "./open.ts";

export type NewComment = {
  taskId: number;
  authorId: number;
  agencyId: number;
  body: string;
  createdAt: string;
};

/** Inserts a comment and its mentions (inside the caller's transaction). */
export async function insertComment(
  db: Db,
  comment: NewComment,
  mentionAgencyIds: readonly number[],
): Promise<number> {
  const { id } = await db
    .insertInto("taskComment")
    .values(comment)
    .returning("taskComment.id")
    .executeTakeFirstOrThrow();
  const mentions = [...new Set(mentionAgencyIds)];
  if (mentions.length > 0) {
    await db
      .insertInto("commentMention")
      .values(mentions.map((agencyId) => ({ commentId: id, agencyId })))
      .execute();
  }
  return id;
}

export type Comment = {
  id: number;
  taskId: number;
  body: string;
  author: { id: number; fullName: string };
  agency: AgencyRef;
  mentions: AgencyRef[];
  files: EvidenceFile[];
  createdAt: string;
};

/** A task's comments, oldest first (a conversation reads downwards). */
export async function commentsOfTask(db: Db, taskId: number): Promise<Comment[]> {
  const rows = await db
    .selectFrom("taskComment")
    .innerJoin("appUser", "appUser.id", "taskComment.authorId")
    .innerJoin("agency", "agency.id", "taskComment.agencyId")
    .select([
      "taskComment.id",
      "taskComment.taskId",
      "taskComment.body",
      "taskComment.createdAt",
      "appUser.id as authorId",
      "appUser.fullName as authorName",
      ...agencyRefColumns("agency"),
    ])
    .where("taskComment.taskId", "=", taskId)
    .orderBy("taskComment.createdAt")
    .orderBy("taskComment.id")
    .execute();
  const ids = rows.map((row) => row.id);
  const mentionRows =
    ids.length === 0
      ? []
      : await db
          .selectFrom("commentMention")
          .innerJoin("agency", "agency.id", "commentMention.agencyId")
          .select(["commentMention.commentId", ...AGENCY_REF_COLUMNS])
          .where("commentMention.commentId", "in", ids)
          .orderBy("agency.name")
          .execute();
  const mentions = new Map<number, AgencyRef[]>();
  for (const { commentId, ...agency } of mentionRows) {
    mentions.set(commentId, [...(mentions.get(commentId) ?? []), agency]);
  }
  const files = await filesOf(db, "commentId", ids);
  return rows.map((row) => ({
    id: row.id,
    taskId: row.taskId,
    body: row.body,
    author: { id: row.authorId, fullName: row.authorName },
    agency: agencyRef(row, "agency"),
    mentions: mentions.get(row.id) ?? [],
    files: files.get(row.id) ?? [],
    createdAt: row.createdAt,
  }));
}
