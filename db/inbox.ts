import { type Expression, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../shared/date.ts";
import type { InboxSeenKind } from "../shared/inbox.ts";
import type { Viewer } from "../shared/permission.ts";
import type { Db } from "./open.ts";
import { type TaskItemOrder, taskCountWhere } from "./task.ts";
import { overdueHalf, timelinessCondition } from "./timeliness.ts";
import { taskAssignedBy, taskFollowedBy, taskOwedBy } from "./visibility.ts";

/**
 * What users have marked as seen in their inboxes. The items themselves (reports, answers,
 * comments, accounts, agencies) are untouched: an inbox leaves out what its user has seen.
 */

/** Items of `kind` the user has not marked as seen; `itemColumn` holds the item's id. */
export function notSeenBy(
  userId: number,
  kind: InboxSeenKind,
  itemColumn: string,
): Expression<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM ${sql.table("inboxSeen")} WHERE ${sql.ref(
    "inboxSeen.userId",
  )} = ${userId} AND ${sql.ref("inboxSeen.kind")} = ${kind} AND ${sql.ref(
    "inboxSeen.itemId",
  )} = ${sql.ref(itemColumn)})`;
}

/** Marks items as seen (inside the caller's transaction); items seen already stay as they were. */
export async function markSeen(
  db: Db,
  seen: { userId: number; kind: InboxSeenKind; itemIds: readonly number[]; at: string },
): Promise<void> {
  if (seen.itemIds.length === 0) return;
  await db
    .insertInto("inboxSeen")
    .values(
      seen.itemIds.map((itemId) => ({
        userId: seen.userId,
        kind: seen.kind,
        itemId,
        seenAt: seen.at,
      })),
    )
    .onConflict((oc) => oc.columns(["userId", "kind", "itemId"]).doNothing())
    .execute();
}

/** Open tasks (not yet reported done) the viewer's agency leads or coordinates, due by `until`. */
export function dueBy(viewer: Viewer, until: IsoDate): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref("task.status")} IN ('not_started', 'in_progress')
    AND ${sql.ref("task.dueOn")} <= ${until} AND ${taskOwedBy(viewer)})`;
}

/** Tasks reported done that wait for the viewer's agency, which assigned them, to confirm. */
export function awaitingConfirmation(viewer: Viewer): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref("task.status")} = 'reported_done' AND ${taskAssignedBy(viewer)})`;
}

/** When the lead agency last reported on the task, or it was assigned (task_last_report). */
const lastReport = sql`COALESCE(${sql.ref("task.lastProgressAt")}, ${sql.ref("task.createdAt")})`;

/**
 * A section of overdue tasks: which (a condition on `task`), the order that puts the most days
 * overdue first for them, and how they are counted (with how many are among `ids`).
 */
export type OverdueSection = {
  condition: Expression<SqlBool>;
  order: TaskItemOrder;
  count: (ids: readonly number[]) => Promise<{ total: number; among: number }>;
};

/**
 * Overdue tasks the viewer's agency follows up whose lead agency has not reported since
 * `before` (counting from the assignment when it never has), not awaiting confirmation: the
 * overdue list's "no report for over 30 days" (db/statistic.ts, staleReport). Not awaiting
 * confirmation means the open half of "overdue" (db/timeliness.ts), late by today − due_on:
 * most days overdue first is earliest deadline first, the order of that half's index
 * (task_open_due), so the first of a hundred thousand are read without sorting them all. They
 * are counted as the open overdue tasks the viewer follows (that index alone) less those reported
 * or assigned since `before` (a short range of task_last_report), rather than reading 150,000
 * rows for their dates.
 */
export function silentOverdue(
  db: Db,
  viewer: Viewer,
  today: IsoDate,
  before: string,
): OverdueSection {
  const open = sql<SqlBool>`(${overdueHalf("open", today)} AND ${taskFollowedBy(viewer)})`;
  return {
    condition: sql<SqlBool>`(${open} AND ${lastReport} < ${before})`,
    order: "earliest_due",
    count: async (ids) => {
      const [all, recent] = await Promise.all([
        taskCountWhere(db, viewer, open, ids),
        taskCountWhere(db, viewer, sql<SqlBool>`(${open} AND ${lastReport} >= ${before})`, ids),
      ]);
      return { total: all.total - recent.total, among: all.among - recent.among };
    },
  };
}

/** Key tasks overdue (the leader reads them first). */
export function keyOverdue(db: Db, viewer: Viewer, today: IsoDate): OverdueSection {
  const condition = sql<SqlBool>`(${sql.ref("task.isKey")} = 1 AND ${timelinessCondition(
    "overdue",
    today,
  )})`;
  return {
    condition,
    order: "most_late",
    count: (ids) => taskCountWhere(db, viewer, condition, ids),
  };
}

/** The tasks of inbox items of a kind that belongs to a task, by item id; unknown ids are absent. */
export async function taskIdsOfItems(
  db: Db,
  kind: "report" | "extension" | "comment",
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows =
    kind === "report"
      ? await db
          .selectFrom("taskReport")
          .select(["taskReport.id", "taskReport.taskId"])
          .where("taskReport.id", "in", ids)
          .execute()
      : kind === "extension"
        ? await db
            .selectFrom("taskExtension")
            .select(["taskExtension.id", "taskExtension.taskId"])
            .where("taskExtension.id", "in", ids)
            .execute()
        : await db
            .selectFrom("taskComment")
            .select(["taskComment.id", "taskComment.taskId"])
            .where("taskComment.id", "in", ids)
            .execute();
  return new Map(rows.map((row) => [row.id, row.taskId]));
}

/** Which of these ids are accounts (kind "account") or agencies (kind "agency"). */
export async function existingIds(
  db: Db,
  kind: "account" | "agency",
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows =
    kind === "account"
      ? await db.selectFrom("appUser").select("appUser.id").where("appUser.id", "in", ids).execute()
      : await db.selectFrom("agency").select("agency.id").where("agency.id", "in", ids).execute();
  return new Set(rows.map((row) => row.id));
}
