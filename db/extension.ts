import type { IsoDate } from "../shared/date.ts";
import type { ExtensionStatus } from "../shared/extension.ts";
import type { Viewer } from "../shared/permission.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { type AgencyRef, agencyRef, agencyRefColumns } from "./agency.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import { TASK_REF_COLUMNS, type TaskRef, taskRef } from "./task.ts";
import { taskVisibleTo } from "./visibility.ts";

export type NewExtension = {
  taskId: number;
  requestedBy: number;
  requestedAt: string;
  agencyId: number;
  currentDeadline: IsoDate;
  requestedDeadline: IsoDate;
  reason: string;
};

export async function insertExtension(db: Db, request: NewExtension): Promise<number> {
  const { id } = await db
    .insertInto("taskExtension")
    .values(request)
    .returning("taskExtension.id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function hasPendingExtension(db: Db, taskId: number): Promise<boolean> {
  const row = await db
    .selectFrom("taskExtension")
    .select("taskExtension.id")
    .where("taskExtension.taskId", "=", taskId)
    .where("taskExtension.status", "=", "pending")
    .executeTakeFirst();
  return row !== undefined;
}

export async function extensionFacts(db: Db, id: number) {
  return db
    .selectFrom("taskExtension")
    .select([
      "taskExtension.id",
      "taskExtension.taskId",
      "taskExtension.requestedBy",
      "taskExtension.requestedDeadline",
      "taskExtension.reason",
      "taskExtension.status",
    ])
    .where("taskExtension.id", "=", id)
    .executeTakeFirst();
}

/**
 * Records the decision on a request that is still pending (inside the caller's transaction).
 * Returns false when someone decided it first.
 */
export async function saveDecision(
  db: Db,
  id: number,
  decision: {
    status: "approved" | "rejected";
    decidedBy: number;
    decidedAt: string;
    note: string;
    approvedDeadline: IsoDate | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("taskExtension")
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
      decisionNote: decision.note,
      approvedDeadline: decision.approvedDeadline,
    })
    .where("taskExtension.id", "=", id)
    .where("taskExtension.status", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

type Person = { id: number; fullName: string; agencyShortName: string };

export type Extension = {
  id: number;
  taskId: number;
  agency: AgencyRef;
  requestedBy: Person;
  requestedAt: string;
  currentDeadline: IsoDate;
  requestedDeadline: IsoDate;
  reason: string;
  status: ExtensionStatus;
  decidedBy: Person | null;
  decidedAt: string | null;
  decisionNote: string;
  approvedDeadline: IsoDate | null;
};

function extensionRows(db: Db) {
  return db
    .selectFrom("taskExtension")
    .innerJoin("agency", "agency.id", "taskExtension.agencyId")
    .innerJoin("appUser as requester", "requester.id", "taskExtension.requestedBy")
    .innerJoin("agency as requesterAgency", "requesterAgency.id", "requester.agencyId")
    .leftJoin("appUser as decider", "decider.id", "taskExtension.decidedBy")
    .leftJoin("agency as deciderAgency", "deciderAgency.id", "decider.agencyId")
    .select([
      "taskExtension.id",
      "taskExtension.taskId",
      ...agencyRefColumns("agency"),
      "requester.id as requesterId",
      "requester.fullName as requesterName",
      "requesterAgency.shortName as requesterAgency",
      "taskExtension.requestedAt",
      "taskExtension.currentDeadline",
      "taskExtension.requestedDeadline",
      "taskExtension.reason",
      "taskExtension.status",
      "decider.id as deciderId",
      "decider.fullName as deciderName",
      "deciderAgency.shortName as deciderAgency",
      "taskExtension.decidedAt",
      "taskExtension.decisionNote",
      "taskExtension.approvedDeadline",
    ]);
}

type ExtensionRow = Awaited<ReturnType<ReturnType<typeof extensionRows>["execute"]>>[number];

function toExtension(row: ExtensionRow): Extension {
  return {
    id: row.id,
    taskId: row.taskId,
    agency: agencyRef(row, "agency"),
    requestedBy: {
      id: row.requesterId,
      fullName: row.requesterName,
      agencyShortName: row.requesterAgency,
    },
    requestedAt: row.requestedAt,
    currentDeadline: row.currentDeadline,
    requestedDeadline: row.requestedDeadline,
    reason: row.reason,
    status: row.status,
    decidedBy:
      row.deciderId !== null && row.deciderName !== null
        ? { id: row.deciderId, fullName: row.deciderName, agencyShortName: row.deciderAgency ?? "" }
        : null,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    approvedDeadline: row.approvedDeadline,
  };
}

/** A task's requests, newest first. */
export async function extensionsOfTask(db: Db, taskId: number): Promise<Extension[]> {
  const rows = await extensionRows(db)
    .where("taskExtension.taskId", "=", taskId)
    .orderBy("taskExtension.requestedAt", "desc")
    .orderBy("taskExtension.id", "desc")
    .execute();
  return rows.map(toExtension);
}

export type PendingExtension = Extension & {
  task: {
    id: number;
    directiveId: number;
    directiveNumber: string;
    clause: string;
    title: string;
    status: TaskStatus;
    deadline: IsoDate | null;
    dueOn: IsoDate | null;
    assignerAgencyId: number;
    leadAgencyId: number;
  };
};

/** Pending requests on open tasks that the viewer's agency assigned, oldest first. */
export async function pendingExtensionsAssignedBy(
  db: Db,
  viewer: Viewer,
): Promise<PendingExtension[]> {
  if (viewer.ownAgencyIds.length === 0) return [];
  const rows = await extensionRows(db)
    .innerJoin("task", "task.id", "taskExtension.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select([
      "task.directiveId",
      "directive.number as directiveNumber",
      "task.clause",
      "task.title",
      "task.status as taskStatus",
      "task.deadline",
      "task.dueOn",
      "task.assignerAgencyId",
      "task.leadAgencyId",
    ])
    .where("taskExtension.status", "=", "pending")
    .where("task.status", "in", ["not_started", "in_progress", "reported_done"])
    .where("task.assignerAgencyId", "in", viewer.ownAgencyIds)
    .where(taskVisibleTo(viewer))
    .orderBy("taskExtension.requestedAt")
    .orderBy("taskExtension.id")
    .execute();
  return rows.map((row) => ({
    ...toExtension(row),
    task: {
      id: row.taskId,
      directiveId: row.directiveId,
      directiveNumber: row.directiveNumber,
      clause: row.clause,
      title: row.title,
      status: row.taskStatus,
      deadline: row.deadline,
      dueOn: row.dueOn,
      assignerAgencyId: row.assignerAgencyId,
      leadAgencyId: row.leadAgencyId,
    },
  }));
}

/**
 * Answers since `since` to the requests of the viewer's agency (approved or rejected), that
 * `userId` has not marked as seen, newest first.
 */
export async function extensionAnswers(
  db: Db,
  viewer: Viewer,
  since: string,
  userId: number,
): Promise<(Extension & { task: TaskRef })[]> {
  if (viewer.ownAgencyIds.length === 0) return [];
  const rows = await extensionRows(db)
    .innerJoin("task", "task.id", "taskExtension.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select(TASK_REF_COLUMNS)
    .where("taskExtension.status", "in", ["approved", "rejected"])
    .where("taskExtension.agencyId", "in", viewer.ownAgencyIds)
    .where("taskExtension.decidedAt", ">=", since)
    .where(taskVisibleTo(viewer))
    .where(notSeenBy(userId, "extension", "taskExtension.id"))
    .orderBy("taskExtension.decidedAt", "desc")
    .orderBy("taskExtension.id", "desc")
    .execute();
  return rows.map((row) => ({ ...toExtension(row), task: taskRef(row) }));
}
