import type { z } from "zod";
import { type AgencyRef, agenciesByIds, toAgencyRef } from "../../db/agency.ts";
import { loadCalendar } from "../../db/calendar.ts";
import type { Db } from "../../db/open.ts";
import {
  dutyTasks,
  hasPeriodReport,
  insertReport,
  latestProgressOf,
  type NewReport,
  reportDutyOf,
  reportedPeriods,
  reportFacts,
  reportsOfTask,
  saveReportDuty,
} from "../../db/report.ts";
import { appendTaskEvents, coordinatorsOf, type TaskFacts } from "../../db/task.ts";
import { addWorkingDays, formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import { INBOX_AHEAD_WORKING_DAYS } from "../../shared/inbox.ts";
import { canUrge, taskActors } from "../../shared/permission.ts";
import {
  currentPeriod,
  fileablePeriods,
  missingStreak,
  periodLabel,
  periodsDue,
  type ReportAgencyRole,
} from "../../shared/report.ts";
import type {
  ReportDuty,
  reportCompleteInput,
  reportCreateInput,
  reportMissingInput,
  reportSetDutyInput,
} from "../../shared/report-input.ts";
import {
  canFileReport,
  canReportCompletion,
  canSeeMissingReports,
  canSetReportDuty,
  type ReportingAgency,
  reportingAgency,
} from "../../shared/reporting-permission.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";
import { attachFiles, checkPendingFiles } from "./evidence.ts";
import { checkStatusChange, findVisibleTask, writeTaskChange } from "./task.ts";
import { progressChange, statusChange } from "./task-change.ts";

function vnDateOf(instant: string): IsoDate {
  return vnDate(new Date(instant));
}

function dutyOnly(row: ReportDuty): ReportDuty {
  return row.kind === "once"
    ? { kind: "once", dueDate: row.dueDate }
    : { kind: row.kind, day: row.day, startsOn: row.startsOn };
}

/** Sets or clears the task's report duty (officers of the assigning agency), with its history. */
export async function setReportDuty(
  actor: Actor,
  input: z.output<typeof reportSetDutyInput>,
): Promise<{ taskId: number; duty: ReportDuty | null }> {
  const facts = await findVisibleTask(actor, input.taskId);
  if (!canSetReportDuty(actor.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
  const at = actor.clock.now().toISOString();
  await actor.db.transaction().execute(async (trx) => {
    const before = await reportDutyOf(trx, input.taskId);
    await saveReportDuty(trx, input.taskId, input.duty, actor.user.id, at);
    await appendTaskEvents(trx, [
      {
        taskId: input.taskId,
        actorId: actor.user.id,
        at,
        kind: "field",
        field: "reportDuty",
        oldValue: before === null ? null : JSON.stringify(dutyOnly(before)),
        newValue: input.duty === null ? null : JSON.stringify(input.duty),
      },
    ]);
  });
  return { taskId: input.taskId, duty: input.duty };
}

/** The lead agency and the coordinating agencies of a task, as references. */
async function taskAgencies(
  db: Db,
  facts: TaskFacts,
): Promise<{ agency: AgencyRef; role: ReportAgencyRole }[]> {
  const [lead] = await agenciesByIds(db, [facts.leadAgencyId]);
  const coordinators = (await coordinatorsOf(db, [facts.id])).get(facts.id) ?? [];
  return [
    ...(lead ? [{ agency: toAgencyRef(lead), role: "lead" as const }] : []),
    ...coordinators.map((agency) => ({ agency, role: "coordinator" as const })),
  ];
}

/**
 * The reports of a task (newest first, for the timeline), its duty and periods, how each of
 * its agencies stands against the periods due, and what the viewer may do.
 */
export async function viewTaskReports(actor: Actor, taskId: number) {
  const { db, viewer } = actor;
  const facts = await findVisibleTask(actor, taskId);
  const today = vnDate(actor.clock.now());
  const duty = await reportDutyOf(db, taskId);
  const reports = await reportsOfTask(db, taskId, vnDateOf);
  const calendar = await loadCalendar(db);
  const due = duty ? periodsDue(duty, today, calendar) : [];
  const reported = await reportedPeriods(db, [taskId]);
  const agencies = (await taskAgencies(db, facts)).map(({ agency, role }) => {
    const keys = new Set((reported.get(`${taskId}:${agency.id}`) ?? []).map((r) => r.periodKey));
    return { agency, role, reportedPeriodKeys: [...keys], ...missingStreak(due, keys) };
  });
  return {
    duty,
    /** Periods one may report for today, oldest first: those due and the one now running. */
    periods: duty ? fileablePeriods(duty, today, calendar) : [],
    currentPeriod: duty ? currentPeriod(duty, today, calendar) : null,
    /** A period due by this day counts as owed ("due within 7 working days"). */
    owedUntil: addWorkingDays(today, INBOX_AHEAD_WORKING_DAYS, calendar),
    agencies,
    reports,
    permissions: {
      reportingAgency: reportingAgency(viewer, facts),
      canFileReport: canFileReport(viewer, facts),
      canReportCompletion: canReportCompletion(viewer, facts),
      canSetReportDuty: canSetReportDuty(viewer, facts),
    },
  };
}

type Period = { key: string; dueOn: IsoDate };

/**
 * The period a correction is for: the corrected report's, which must be a progress report of
 * the same task and agency not corrected yet.
 */
async function correctedPeriod(
  actor: Actor,
  input: z.output<typeof reportCreateInput>,
  correctsId: number,
  agency: ReportingAgency,
): Promise<Period | null> {
  const corrected = await reportFacts(actor.db, correctsId);
  if (!corrected || corrected.taskId !== input.taskId) {
    fail("NOT_FOUND", "error.reportNotFound", { id: correctsId }, "correctsId");
  }
  if (corrected.kind !== "progress") {
    fail("BAD_REQUEST", "error.correctCompletion", {}, "correctsId");
  }
  if (corrected.agencyId !== agency.agencyId) fail("FORBIDDEN", "error.correctOtherAgency");
  if (corrected.correctedById !== null) {
    fail(
      "CONFLICT",
      "error.reportCorrected",
      { id: corrected.id, by: corrected.correctedById },
      "correctsId",
    );
  }
  if (input.periodKey !== null && input.periodKey !== corrected.periodKey) {
    fail("BAD_REQUEST", "error.correctionPeriod", {}, "periodKey");
  }
  return corrected.periodKey === null || corrected.periodDueOn === null
    ? null
    : { key: corrected.periodKey, dueOn: corrected.periodDueOn };
}

/** A period of the task's duty open today, for which the agency has not reported yet. */
async function openPeriod(
  actor: Actor,
  taskId: number,
  key: string,
  agency: ReportingAgency,
  today: IsoDate,
): Promise<Period> {
  const duty = await reportDutyOf(actor.db, taskId);
  if (!duty) fail("BAD_REQUEST", "error.noReportDuty", {}, "periodKey");
  const calendar = await loadCalendar(actor.db);
  const open = fileablePeriods(duty, today, calendar).find((p) => p.key === key);
  const period = { period: periodLabel(key, actor.language) };
  if (!open) fail("BAD_REQUEST", "error.periodNotOpen", period, "periodKey");
  if (await hasPeriodReport(actor.db, taskId, agency.agencyId, key)) {
    fail("CONFLICT", "error.periodReported", period, "periodKey");
  }
  return { key, dueOn: open.dueOn };
}

/** Inserts a report and attaches its files, inside the caller's transaction. */
async function insertReportWithFiles(
  trx: Db,
  report: NewReport,
  fileIds: readonly number[],
): Promise<number> {
  const id = await insertReport(trx, report);
  const owner = { taskId: report.taskId, reportId: id };
  await attachFiles(trx, fileIds, report.createdBy, owner, report.createdAt);
  return id;
}

/**
 * Where the agency's progress stands before this report: the task's progress for the lead
 * agency, its own latest report's for a coordinating agency (0 before any).
 */
async function progressBefore(db: Db, facts: TaskFacts, agency: ReportingAgency) {
  if (agency.role === "lead") return facts.progress;
  return (await latestProgressOf(db, facts.id, agency.agencyId)) ?? 0;
}

/**
 * Progress never moves down by accident (issue 8, bug 1): a report below where the agency's
 * progress stands must say why. A correction says it already: it replaces a report the agency
 * declares wrong. Returns the reason to keep ('' when the progress does not fall).
 */
async function checkProgressFall(
  db: Db,
  facts: TaskFacts,
  agency: ReportingAgency,
  input: z.output<typeof reportCreateInput>,
): Promise<string> {
  if (input.correctsId !== null) return "";
  const before = await progressBefore(db, facts, agency);
  if (input.progress >= before) return "";
  if (input.progressLoweredReason === "") {
    fail(
      "BAD_REQUEST",
      "error.progressLowered",
      { from: before, to: input.progress },
      "progressLoweredReason",
    );
  }
  return input.progressLoweredReason;
}

/**
 * Files a progress report for a period (or an unscheduled one), or a correction of an earlier
 * report. The lead agency's report moves the task's progress and becomes its last report.
 */
export async function fileReport(
  actor: Actor,
  input: z.output<typeof reportCreateInput>,
): Promise<{ id: number; taskId: number; version: number }> {
  const facts = await findVisibleTask(actor, input.taskId);
  const agency = reportingAgency(actor.viewer, facts);
  if (!agency) fail("FORBIDDEN", "error.reportNotConcerned");
  if (!canFileReport(actor.viewer, facts)) {
    fail("BAD_REQUEST", "error.reportClosed", { status: facts.status });
  }
  const now = actor.clock.now();
  const at = now.toISOString();
  const period =
    input.correctsId !== null
      ? await correctedPeriod(actor, input, input.correctsId, agency)
      : input.periodKey !== null
        ? await openPeriod(actor, input.taskId, input.periodKey, agency, vnDate(now))
        : null;
  const loweredReason = await checkProgressFall(actor.db, facts, agency, input);
  const fileIds = await checkPendingFiles(actor.db, input.fileIds, actor.user.id);
  return actor.db.transaction().execute(async (trx) => {
    const id = await insertReportWithFiles(
      trx,
      {
        taskId: input.taskId,
        kind: "progress",
        agencyId: agency.agencyId,
        agencyRole: agency.role,
        periodKey: period?.key ?? null,
        periodDueOn: period?.dueOn ?? null,
        summary: input.summary,
        progress: input.progress,
        difficulties: input.difficulties,
        proposals: input.proposals,
        nextSteps: input.nextSteps,
        documentNumber: null,
        documentDate: null,
        correctsId: input.correctsId,
        progressLoweredReason: loweredReason,
        createdBy: actor.user.id,
        createdAt: at,
      },
      fileIds,
    );
    const by = { actorId: actor.user.id, now };
    const change = progressChange(facts, input.progress, input.summary, by, {
      reportId: id,
      summary: input.summary,
    });
    const version =
      agency.role === "lead"
        ? await writeTaskChange(trx, input.taskId, input.version, change, at)
        : facts.version;
    return { id, taskId: input.taskId, version };
  });
}

/**
 * The lead agency reports the task done with its evidence (document number and date, files):
 * a completion report and the move to "awaiting confirmation", in one transaction. The done
 * date is today in Vietnam, the day it is reported, whatever the document's date.
 */
export async function reportCompletion(actor: Actor, input: z.output<typeof reportCompleteInput>) {
  const facts = await findVisibleTask(actor, input.taskId);
  if (!taskActors(actor.viewer, facts).has("lead")) fail("FORBIDDEN", "error.completionLeadOnly");
  checkStatusChange(facts, actor.viewer, "reported_done", input.note, "completion_report");
  const now = actor.clock.now();
  const at = now.toISOString();
  const today = vnDate(now);
  if (input.documentDate > today) {
    fail("BAD_REQUEST", "error.documentDateFuture", { date: formatDate(today) }, "documentDate");
  }
  const fileIds = await checkPendingFiles(actor.db, input.fileIds, actor.user.id);
  return actor.db.transaction().execute(async (trx) => {
    const reportId = await insertReportWithFiles(
      trx,
      {
        taskId: input.taskId,
        kind: "completion",
        agencyId: facts.leadAgencyId,
        agencyRole: "lead",
        periodKey: null,
        periodDueOn: null,
        summary: input.note,
        progress: 100,
        difficulties: "",
        proposals: "",
        nextSteps: "",
        documentNumber: input.documentNumber,
        documentDate: input.documentDate,
        correctsId: null,
        progressLoweredReason: "",
        createdBy: actor.user.id,
        createdAt: at,
      },
      fileIds,
    );
    const by = { actorId: actor.user.id, now };
    const change = statusChange(facts, "reported_done", input.note, by, {
      reportId,
      summary: input.note,
    });
    const version = await writeTaskChange(trx, input.taskId, input.version, change, at);
    return { id: input.taskId, reportId, status: "reported_done" as const, doneOn: today, version };
  });
}

/**
 * The lead and coordinating agencies that have not reported for the period now due, with how
 * many periods in a row they have missed, longest first. Officers and leaders see it for the
 * tasks their agency follows up (assigning or tracking); a reporter sees its own agency's part,
 * on the tasks it leads or coordinates.
 */
export async function listMissingReports(actor: Actor, input: z.output<typeof reportMissingInput>) {
  const { db, viewer } = actor;
  if (!canSeeMissingReports(viewer)) fail("FORBIDDEN", "error.forbidden");
  const today = vnDate(actor.clock.now());
  const owes = viewer.role === "reporter";
  const own = new Set(viewer.ownAgencyIds);
  const tasks = await dutyTasks(db, viewer, owes ? "owes" : "follows", input.directiveId);
  const taskIds = tasks.map((task) => task.taskId);
  const [coordinators, reported] = await Promise.all([
    coordinatorsOf(db, taskIds),
    reportedPeriods(db, taskIds),
  ]);
  const calendar = await loadCalendar(db);
  const items = [];
  for (const task of tasks) {
    const due = periodsDue(task.duty, today, calendar);
    const period = due.at(-1);
    if (!period) continue;
    const agencies = [
      { agency: task.leadAgency, role: "lead" as const },
      ...(coordinators.get(task.taskId) ?? []).map((agency) => ({
        agency,
        role: "coordinator" as const,
      })),
    ];
    for (const { agency, role } of agencies) {
      if (owes && !own.has(agency.id)) continue;
      const filed = reported.get(`${task.taskId}:${agency.id}`) ?? [];
      const keys = new Set(filed.map((r) => r.periodKey));
      if (keys.has(period.key)) continue;
      const { streak, missed } = missingStreak(due, keys);
      items.push({
        task: {
          id: task.taskId,
          directiveId: task.directiveId,
          directiveNumber: task.directiveNumber,
          clause: task.clause,
          title: task.title,
          status: task.status,
          leadAgency: task.leadAgency,
          // Still being worked on (dutyTasks), so urging it turns on who may urge.
          mayUrge: canUrge(viewer, task),
        },
        duty: task.duty,
        agency,
        role,
        period,
        streak,
        missedPeriodKeys: missed,
        lastReportedAt: filed.at(-1)?.createdAt ?? null,
      });
    }
  }
  items.sort((a, b) => b.streak - a.streak);
  return { asOf: today, items };
}
