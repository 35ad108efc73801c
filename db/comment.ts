import type { Viewer } from "../shared/permission.ts";
import { AGENCY_REF_COLUMNS, type AgencyRef, agencyRef, agencyRefColumns } from "./agency.ts";
import { type EvidenceFile, filesOf } from "./evidence.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import { TASK_REF_COLUMNS, type TaskRef, taskRef } from "./task.ts";
import { taskVisibleTo } from "./visibility.ts";

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

export type Mention = {
  id: number;
  task: TaskRef;
  body: string;
  author: { id: number; fullName: string };
  agency: AgencyRef;
  createdAt: string;
};

/**
 * Comments since `since` by other agencies that mention the viewer's agency, on tasks the
 * viewer may see, that `userId` has not marked as seen, newest first.
 */
export async function mentionsOf(
  db: Db,
  viewer: Viewer,
  since: string,
  userId: number,
): Promise<Mention[]> {
  if (viewer.ownAgencyIds.length === 0) return [];
  const rows = await db
    .selectFrom("taskComment")
    .innerJoin("task", "task.id", "taskComment.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .innerJoin("appUser", "appUser.id", "taskComment.authorId")
    .innerJoin("agency", "agency.id", "taskComment.agencyId")
    .select([
      "taskComment.id",
      ...TASK_REF_COLUMNS,
      "taskComment.body",
      "taskComment.createdAt",
      "appUser.id as authorId",
      "appUser.fullName as authorName",
      ...agencyRefColumns("agency"),
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("commentMention")
          .select("commentMention.commentId")
          .whereRef("commentMention.commentId", "=", "taskComment.id")
          .where("commentMention.agencyId", "in", viewer.ownAgencyIds),
      ),
    )
    .where("taskComment.agencyId", "not in", viewer.ownAgencyIds)
    .where("taskComment.createdAt", ">=", since)
    .where(taskVisibleTo(viewer))
    .where(notSeenBy(userId, "comment", "taskComment.id"))
    .orderBy("taskComment.createdAt", "desc")
    .orderBy("taskComment.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    task: taskRef(row),
    body: row.body,
    author: { id: row.authorId, fullName: row.authorName },
    agency: agencyRef(row, "agency"),
    createdAt: row.createdAt,
  }));
}
