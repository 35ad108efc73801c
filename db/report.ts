import type { IsoDate } from "../shared/date.ts";
import type { Viewer } from "../shared/permission.ts";
import type { ReportAgencyRole, ReportKind } from "../shared/report.ts";
import type { ReportDuty } from "../shared/report-input.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { type AgencyRef, agencyRef, agencyRefColumns } from "./agency.ts";
import { type EvidenceFile, filesOf } from "./evidence.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import { TASK_REF_COLUMNS, type TaskRef, taskRef } from "./task.ts";
import { taskFollowedBy, taskOwedBy, taskVisibleTo } from "./visibility.ts";

export type ReportDutyRow = ReportDuty & { setAt: string; setBy: number | null };

function toDuty(row: {
  kind: ReportDuty["kind"];
  day: number | null;
  startsOn: string | null;
  dueDate: string | null;
}): ReportDuty | undefined {
  if (row.kind === "once")
    return row.dueDate === null ? undefined : { kind: "once", dueDate: row.dueDate };
  if (row.day === null || row.startsOn === null) return undefined;
  return { kind: row.kind, day: row.day, startsOn: row.startsOn };
}

export async function reportDutyOf(db: Db, taskId: number): Promise<ReportDutyRow | null> {
  const row = await db
    .selectFrom("taskReportDuty")
    .select([
      "taskReportDuty.kind",
      "taskReportDuty.day",
      "taskReportDuty.startsOn",
      "taskReportDuty.dueDate",
      "taskReportDuty.setAt",
      "taskReportDuty.setBy",
    ])
    .where("taskReportDuty.taskId", "=", taskId)
    .executeTakeFirst();
  const duty = row && toDuty(row);
  return row && duty ? { ...duty, setAt: row.setAt, setBy: row.setBy } : null;
}

/** Replaces (or with null removes) the task's duty, inside the caller's transaction. */
export async function saveReportDuty(
  db: Db,
  taskId: number,
  duty: ReportDuty | null,
  setBy: number,
  setAt: string,
): Promise<void> {
  await db.deleteFrom("taskReportDuty").where("taskReportDuty.taskId", "=", taskId).execute();
  if (duty === null) return;
  await db
    .insertInto("taskReportDuty")
    .values({
      taskId,
      kind: duty.kind,
      day: duty.kind === "once" ? null : duty.day,
      startsOn: duty.kind === "once" ? null : duty.startsOn,
      dueDate: duty.kind === "once" ? duty.dueDate : null,
      setBy,
      setAt,
    })
    .execute();
}

export type NewReport = {
  taskId: number;
  kind: ReportKind;
  agencyId: number;
  agencyRole: ReportAgencyRole;
  periodKey: string | null;
  periodDueOn: IsoDate | null;
  summary: string;
  progress: number;
  difficulties: string;
  proposals: string;
  nextSteps: string;
  documentNumber: string | null;
  documentDate: IsoDate | null;
  correctsId: number | null;
  /** Why the report puts the progress below where it was ('' when it does not). */
  progressLoweredReason: string;
  createdBy: number;
  createdAt: string;
};

export async function insertReport(db: Db, report: NewReport): Promise<number> {
  const { id } = await db
    .insertInto("taskReport")
    .values(report)
    .returning("taskReport.id")
    .executeTakeFirstOrThrow();
  return id;
}

/** What a correction must match: the report's task, agency, kind and period. */
export async function reportFacts(db: Db, id: number) {
  return db
    .selectFrom("taskReport")
    .leftJoin("taskReport as correction", "correction.correctsId", "taskReport.id")
    .select([
      "taskReport.id",
      "taskReport.taskId",
      "taskReport.kind",
      "taskReport.agencyId",
      "taskReport.periodKey",
      "taskReport.periodDueOn",
      "correction.id as correctedById",
    ])
    .where("taskReport.id", "=", id)
    .executeTakeFirst();
}

/** The progress of the agency's latest progress report on the task, or null before any. */
export async function latestProgressOf(
  db: Db,
  taskId: number,
  agencyId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom("taskReport")
    .select("taskReport.progress")
    .where("taskReport.taskId", "=", taskId)
    .where("taskReport.agencyId", "=", agencyId)
    .where("taskReport.kind", "=", "progress")
    .orderBy("taskReport.createdAt", "desc")
    .orderBy("taskReport.id", "desc")
    .executeTakeFirst();
  return row?.progress ?? null;
}

/** Whether the agency has an original report (not a correction) for the task's period. */
export async function hasPeriodReport(
  db: Db,
  taskId: number,
  agencyId: number,
  periodKey: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("taskReport")
    .select("taskReport.id")
    .where("taskReport.taskId", "=", taskId)
    .where("taskReport.agencyId", "=", agencyId)
    .where("taskReport.periodKey", "=", periodKey)
    .where("taskReport.kind", "=", "progress")
    .where("taskReport.correctsId", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

export type Report = {
  id: number;
  taskId: number;
  kind: ReportKind;
  agency: AgencyRef;
  agencyRole: ReportAgencyRole;
  periodKey: string | null;
  periodDueOn: IsoDate | null;
  /** Filed after the period's due date in force (Vietnam date of filing). */
  isLate: boolean;
  summary: string;
  progress: number;
  difficulties: string;
  proposals: string;
  nextSteps: string;
  documentNumber: string | null;
  documentDate: IsoDate | null;
  correctsId: number | null;
  /** Why the report put the progress below where it was ('' when it did not). */
  progressLoweredReason: string;
  /** The report that corrects this one, if any: this one is then superseded. */
  correctedById: number | null;
  author: { id: number; fullName: string; agencyShortName: string };
  createdAt: string;
  files: EvidenceFile[];
};

/** A task's reports, newest first, with their files; `vnDateOf` turns an instant into a date. */
export async function reportsOfTask(
  db: Db,
  taskId: number,
  vnDateOf: (instant: string) => IsoDate,
): Promise<Report[]> {
  const rows = await db
    .selectFrom("taskReport")
    .innerJoin("agency", "agency.id", "taskReport.agencyId")
    .innerJoin("appUser as author", "author.id", "taskReport.createdBy")
    .innerJoin("agency as authorAgency", "authorAgency.id", "author.agencyId")
    .leftJoin("taskReport as correction", "correction.correctsId", "taskReport.id")
    .select([
      "taskReport.id",
      "taskReport.taskId",
      "taskReport.kind",
      ...agencyRefColumns("agency"),
      "taskReport.agencyRole",
      "taskReport.periodKey",
      "taskReport.periodDueOn",
      "taskReport.summary",
      "taskReport.progress",
      "taskReport.difficulties",
      "taskReport.proposals",
      "taskReport.nextSteps",
      "taskReport.documentNumber",
      "taskReport.documentDate",
      "taskReport.correctsId",
      "taskReport.progressLoweredReason",
      "correction.id as correctedById",
      "author.id as authorId",
      "author.fullName as authorName",
      "authorAgency.shortName as authorAgency",
      "taskReport.createdAt",
    ])
    .where("taskReport.taskId", "=", taskId)
    .orderBy("taskReport.createdAt", "desc")
    .orderBy("taskReport.id", "desc")
    .execute();
  const files = await filesOf(
    db,
    "reportId",
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    taskId: row.taskId,
    kind: row.kind,
    agency: agencyRef(row, "agency"),
    agencyRole: row.agencyRole,
    periodKey: row.periodKey,
    periodDueOn: row.periodDueOn,
    isLate: row.periodDueOn !== null && vnDateOf(row.createdAt) > row.periodDueOn,
    summary: row.summary,
    progress: row.progress,
    difficulties: row.difficulties,
    proposals: row.proposals,
    nextSteps: row.nextSteps,
    documentNumber: row.documentNumber,
    documentDate: row.documentDate,
    correctsId: row.correctsId,
    progressLoweredReason: row.progressLoweredReason,
    correctedById: row.correctedById,
    author: { id: row.authorId, fullName: row.authorName, agencyShortName: row.authorAgency },
    createdAt: row.createdAt,
    files: files.get(row.id) ?? [],
  }));
}

export type LastReport = {
  id: number;
  kind: ReportKind;
  periodKey: string | null;
  progress: number;
  summary: string;
  author: { fullName: string; agencyShortName: string };
  createdAt: string;
};

/**
 * The lead agency's latest report on the task (progress or completion), with who wrote it: what
 * the task page shows as its last report. Notes and changes without a report are not reports.
 */
export async function lastLeadReport(db: Db, taskId: number): Promise<LastReport | null> {
  const row = await db
    .selectFrom("taskReport")
    .innerJoin("appUser as author", "author.id", "taskReport.createdBy")
    .innerJoin("agency as authorAgency", "authorAgency.id", "author.agencyId")
    .select([
      "taskReport.id",
      "taskReport.kind",
      "taskReport.periodKey",
      "taskReport.progress",
      "taskReport.summary",
      "taskReport.createdAt",
      "author.fullName as authorName",
      "authorAgency.shortName as authorAgency",
    ])
    .where("taskReport.taskId", "=", taskId)
    .where("taskReport.agencyRole", "=", "lead")
    .orderBy("taskReport.createdAt", "desc")
    .orderBy("taskReport.id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  const { authorName, authorAgency, ...report } = row;
  return { ...report, author: { fullName: authorName, agencyShortName: authorAgency } };
}

/** For each task, agency and period: whether a progress report was filed (corrections included). */
export async function reportedPeriods(
  db: Db,
  taskIds: readonly number[],
): Promise<Map<string, { periodKey: string; createdAt: string }[]>> {
  const result = new Map<string, { periodKey: string; createdAt: string }[]>();
  if (taskIds.length === 0) return result;
  const rows = await db
    .selectFrom("taskReport")
    .select([
      "taskReport.taskId",
      "taskReport.agencyId",
      "taskReport.periodKey",
      "taskReport.createdAt",
    ])
    .where("taskReport.taskId", "in", taskIds)
    .where("taskReport.kind", "=", "progress")
    .where("taskReport.periodKey", "is not", null)
    .orderBy("taskReport.createdAt")
    .execute();
  for (const row of rows) {
    if (row.periodKey === null) continue;
    const key = `${row.taskId}:${row.agencyId}`;
    result.set(key, [
      ...(result.get(key) ?? []),
      { periodKey: row.periodKey, createdAt: row.createdAt },
    ]);
  }
  return result;
}

export type DutyTask = {
  taskId: number;
  directiveId: number;
  directiveNumber: string;
  clause: string;
  title: string;
  status: TaskStatus;
  duty: ReportDuty;
  leadAgency: AgencyRef;
  assignerAgencyId: number;
  trackingAgencyId: number;
};

/**
 * Tasks still being worked on that carry a report duty, as the viewer's agency (and the agencies
 * it succeeded) stands towards them: "follows" those it assigned or whose directive it tracks,
 * "owes" those it leads or coordinates (its reports are due). Only tasks the viewer may see.
 */
export async function dutyTasks(
  db: Db,
  viewer: Viewer,
  concern: "follows" | "owes",
  directiveId: number | undefined,
): Promise<DutyTask[]> {
  if (viewer.ownAgencyIds.length === 0) return [];
  let query = db
    .selectFrom("taskReportDuty")
    .innerJoin("task", "task.id", "taskReportDuty.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .innerJoin("agency as lead", "lead.id", "task.leadAgencyId")
    .select([
      "task.id as taskId",
      "task.directiveId",
      "directive.number as directiveNumber",
      "task.clause",
      "task.title",
      "task.status",
      "taskReportDuty.kind",
      "taskReportDuty.day",
      "taskReportDuty.startsOn",
      "taskReportDuty.dueDate",
      "task.assignerAgencyId",
      "directive.trackingAgencyId",
      ...agencyRefColumns("lead"),
    ])
    .where("task.status", "in", ["not_started", "in_progress"])
    .where(taskVisibleTo(viewer))
    .where(concern === "follows" ? taskFollowedBy(viewer) : taskOwedBy(viewer));
  if (directiveId !== undefined) query = query.where("task.directiveId", "=", directiveId);
  const rows = await query.orderBy("directive.issuedOn").orderBy("task.id").execute();
  const result: DutyTask[] = [];
  for (const row of rows) {
    const duty = toDuty(row);
    if (!duty) continue;
    result.push({
      taskId: row.taskId,
      directiveId: row.directiveId,
      directiveNumber: row.directiveNumber,
      clause: row.clause,
      title: row.title,
      status: row.status,
      duty,
      leadAgency: agencyRef(row, "lead"),
      assignerAgencyId: row.assignerAgencyId,
      trackingAgencyId: row.trackingAgencyId,
    });
  }
  return result;
}

/** Every task still being worked on that carries a report duty, with its lead agency. */
export async function openDutyTasks(
  db: Db,
): Promise<{ taskId: number; leadAgencyId: number; trackingAgencyId: number; duty: ReportDuty }[]> {
  const rows = await db
    .selectFrom("taskReportDuty")
    .innerJoin("task", "task.id", "taskReportDuty.taskId")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select([
      "task.id as taskId",
      "task.leadAgencyId",
      "directive.trackingAgencyId",
      "taskReportDuty.kind",
      "taskReportDuty.day",
      "taskReportDuty.startsOn",
      "taskReportDuty.dueDate",
    ])
    .where("task.status", "in", ["not_started", "in_progress"])
    .orderBy("task.id")
    .execute();
  return rows.flatMap((row) => {
    const duty = toDuty(row);
    return duty
      ? [
          {
            taskId: row.taskId,
            leadAgencyId: row.leadAgencyId,
            trackingAgencyId: row.trackingAgencyId,
            duty,
          },
        ]
      : [];
  });
}

export type ReceivedReport = {
  id: number;
  task: TaskRef;
  kind: ReportKind;
  agency: AgencyRef;
  agencyRole: ReportAgencyRole;
  periodKey: string | null;
  progress: number;
  summary: string;
  author: { fullName: string; agencyShortName: string };
  createdAt: string;
};

/**
 * Progress reports filed since `since` by other agencies on the tasks the viewer's agency follows
 * up, that `userId` has not marked as seen: the newest `limit`, and how many in all.
 */
export async function reportsReceived(
  db: Db,
  viewer: Viewer,
  since: string,
  userId: number,
  limit: number,
): Promise<{ items: ReceivedReport[]; total: number }> {
  if (viewer.ownAgencyIds.length === 0) return { items: [], total: 0 };
  const received = db
    .selectFrom("taskReport")
    .innerJoin("task", "task.id", "taskReport.taskId")
    .where("taskReport.kind", "=", "progress")
    .where("taskReport.createdAt", ">=", since)
    .where("taskReport.agencyId", "not in", viewer.ownAgencyIds)
    .where(taskVisibleTo(viewer))
    .where(taskFollowedBy(viewer))
    .where(notSeenBy(userId, "report", "taskReport.id"));
  // The newest `limit` with their names and texts (none: a count alone); the others only counted.
  const [rows, counted] = await Promise.all([
    limit === 0
      ? []
      : received
          .innerJoin("directive", "directive.id", "task.directiveId")
          .innerJoin("agency", "agency.id", "taskReport.agencyId")
          .innerJoin("appUser as author", "author.id", "taskReport.createdBy")
          .innerJoin("agency as authorAgency", "authorAgency.id", "author.agencyId")
          .select([
            "taskReport.id",
            ...TASK_REF_COLUMNS,
            "taskReport.kind",
            ...agencyRefColumns("agency"),
            "taskReport.agencyRole",
            "taskReport.periodKey",
            "taskReport.progress",
            "taskReport.summary",
            "author.fullName as authorName",
            "authorAgency.shortName as authorAgency",
            "taskReport.createdAt",
          ])
          .orderBy("taskReport.createdAt", "desc")
          .orderBy("taskReport.id", "desc")
          .limit(limit)
          .execute(),
    received.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => ({
    id: row.id,
    task: taskRef(row),
    kind: row.kind,
    agency: agencyRef(row, "agency"),
    agencyRole: row.agencyRole,
    periodKey: row.periodKey,
    progress: row.progress,
    summary: row.summary,
    author: { fullName: row.authorName, agencyShortName: row.authorAgency },
    createdAt: row.createdAt,
  }));
  return { items, total: Number(counted.total) };
}
