import { agenciesByIds } from "../../db/agency.ts";
import { attachEvidence, pendingFileIds } from "../../db/evidence.ts";
import type { Db } from "../../db/open.ts";
import {
  followedDutyTasks,
  hasPeriodReport,
  insertReport,
  reportDutyOf,
  reportedPeriods,
  reportFacts,
  reportsOfTask,
  saveReportDuty,
} from "../../db/report.ts";
import { type AgencyRef, appendTaskEvents, coordinatorsOf, updateTask } from "../../db/task.ts";
import { formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import { taskActors } from "../../shared/permission.ts";
import {
  currentPeriod,
  fileablePeriods,
  missingStreak,
  periodLabel,
  periodsDue,
  type ReportAgencyRole,
  type ReportDuty,
  reportCompleteInput,
  reportCreateInput,
  reportListInput,
  reportMissingInput,
  reportSetDutyInput,
} from "../../shared/report.ts";
import {
  canFileReport,
  canReportCompletion,
  canSeeMissingReports,
  canSetReportDuty,
  reportingAgency,
} from "../../shared/reporting-permission.ts";
import { fail } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";
import { checkStatusChange, progressChange, statusChange, visibleTask } from "./task.ts";

/** The ids, once each, if all are the user's files not yet attached; BAD_REQUEST otherwise. */
export async function checkPendingFiles(
  db: Db,
  fileIds: readonly number[],
  userId: number,
): Promise<number[]> {
  const ids = [...new Set(fileIds)];
  const pending = await pendingFileIds(db, ids, userId);
  if (pending.length !== ids.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
  return ids;
}

function vnDateOf(instant: string): IsoDate {
  return vnDate(new Date(instant));
}

/** The lead agency and the coordinating agencies of a task, as references. */
async function taskAgencies(
  db: Db,
  taskId: number,
  leadAgencyId: number,
): Promise<{ agency: AgencyRef; role: ReportAgencyRole }[]> {
  const [lead] = await agenciesByIds(db, [leadAgencyId]);
  const coordinators = (await coordinatorsOf(db, [taskId])).get(taskId) ?? [];
  return [
    ...(lead
      ? [
          {
            agency: { id: lead.id, code: lead.code, name: lead.name, shortName: lead.shortName },
            role: "lead" as const,
          },
        ]
      : []),
    ...coordinators.map((agency) => ({ agency, role: "coordinator" as const })),
  ];
}

export const reportRouter = router({
  /** Sets or clears the task's report duty (officers of the assigning agency). */
  setDuty: authedProcedure.input(reportSetDutyInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    if (!canSetReportDuty(ctx.viewer, facts)) fail("FORBIDDEN", "error.forbidden");
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      const before = await reportDutyOf(trx, input.taskId);
      await saveReportDuty(trx, input.taskId, input.duty, ctx.user.id, at);
      const old: ReportDuty | null = before && dutyOnly(before);
      await appendTaskEvents(trx, [
        {
          taskId: input.taskId,
          actorId: ctx.user.id,
          at,
          kind: "field",
          field: "reportDuty",
          oldValue: old === null ? null : JSON.stringify(old),
          newValue: input.duty === null ? null : JSON.stringify(input.duty),
        },
      ]);
    });
    return { taskId: input.taskId, duty: input.duty };
  }),

  /**
   * The reports of a task (newest first, for the timeline), its duty and periods, how each of
   * its agencies stands against the periods due, and what the viewer may do.
   */
  list: authedProcedure.input(reportListInput).query(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    const today = vnDate(ctx.clock.now());
    const duty = await reportDutyOf(ctx.db, input.taskId);
    const reports = await reportsOfTask(ctx.db, input.taskId, vnDateOf);
    const due = duty ? periodsDue(duty, today) : [];
    const reported = await reportedPeriods(ctx.db, [input.taskId]);
    const agencies = (await taskAgencies(ctx.db, input.taskId, facts.leadAgencyId)).map(
      ({ agency, role }) => {
        const keys = new Set(
          (reported.get(`${input.taskId}:${agency.id}`) ?? []).map((r) => r.periodKey),
        );
        return { agency, role, reportedPeriodKeys: [...keys], ...missingStreak(due, keys) };
      },
    );
    const current = duty ? currentPeriod(duty, today) : null;
    return {
      duty,
      /** Periods one may report for today, oldest first: those due and the one now running. */
      periods: duty ? fileablePeriods(duty, today) : [],
      currentPeriod: current,
      agencies,
      reports,
      permissions: {
        reportingAgency: reportingAgency(ctx.viewer, facts),
        canFileReport: canFileReport(ctx.viewer, facts),
        canReportCompletion: canReportCompletion(ctx.viewer, facts),
        canSetReportDuty: canSetReportDuty(ctx.viewer, facts),
      },
    };
  }),

  /**
   * Files a progress report for a period (or an unscheduled one), or a correction of an earlier
   * report. The lead agency's report moves the task's progress.
   */
  create: authedProcedure.input(reportCreateInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    const agency = reportingAgency(ctx.viewer, facts);
    if (!agency) fail("FORBIDDEN", "error.reportNotConcerned");
    if (!canFileReport(ctx.viewer, facts)) {
      fail("BAD_REQUEST", "error.reportClosed", { status: facts.status });
    }
    const now = ctx.clock.now();
    const at = now.toISOString();
    const today = vnDate(now);
    let period: { key: string; dueOn: IsoDate } | null = null;
    if (input.correctsId !== null) {
      const corrected = await reportFacts(ctx.db, input.correctsId);
      if (!corrected || corrected.taskId !== input.taskId) {
        fail("NOT_FOUND", "error.reportNotFound", { id: input.correctsId }, "correctsId");
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
      period =
        corrected.periodKey === null || corrected.periodDueOn === null
          ? null
          : { key: corrected.periodKey, dueOn: corrected.periodDueOn };
    } else if (input.periodKey !== null) {
      const key = input.periodKey;
      const duty = await reportDutyOf(ctx.db, input.taskId);
      if (!duty) fail("BAD_REQUEST", "error.noReportDuty", {}, "periodKey");
      const open = fileablePeriods(duty, today).find((p) => p.key === key);
      if (!open)
        fail(
          "BAD_REQUEST",
          "error.periodNotOpen",
          { period: periodLabel(key, ctx.language) },
          "periodKey",
        );
      if (await hasPeriodReport(ctx.db, input.taskId, agency.agencyId, key)) {
        fail(
          "CONFLICT",
          "error.periodReported",
          { period: periodLabel(key, ctx.language) },
          "periodKey",
        );
      }
      period = { key, dueOn: open.dueOn };
    }
    const fileIds = await checkPendingFiles(ctx.db, input.fileIds, ctx.user.id);

    const isLead = agency.role === "lead";
    const { patch, events } = progressChange(facts, input.progress, input.summary, ctx.user.id, at);
    return ctx.db.transaction().execute(async (trx) => {
      let version = facts.version;
      if (isLead) {
        if (!(await updateTask(trx, input.taskId, input.version, patch, at))) {
          fail("CONFLICT", "error.staleVersion", { id: input.taskId });
        }
        await appendTaskEvents(trx, events);
        version = input.version + 1;
      }
      const id = await insertReport(trx, {
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
        createdBy: ctx.user.id,
        createdAt: at,
      });
      const attached = await attachEvidence(
        trx,
        fileIds,
        ctx.user.id,
        { taskId: input.taskId, reportId: id },
        at,
      );
      if (attached !== fileIds.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
      return { id, taskId: input.taskId, version };
    });
  }),

  /**
   * The lead agency reports the task done with its evidence (document number and date, files):
   * a completion report and the move to "awaiting confirmation", in one transaction. The done
   * date is today in Vietnam, the day it is reported, whatever the document's date.
   */
  complete: authedProcedure.input(reportCompleteInput).mutation(async ({ ctx, input }) => {
    const facts = await visibleTask(ctx.db, ctx.viewer, input.taskId);
    if (!taskActors(ctx.viewer, facts).has("lead")) fail("FORBIDDEN", "error.completionLeadOnly");
    checkStatusChange(facts, ctx.viewer, "reported_done", input.note);
    const now = ctx.clock.now();
    const at = now.toISOString();
    const today = vnDate(now);
    if (input.documentDate > today) {
      fail("BAD_REQUEST", "error.documentDateFuture", { date: formatDate(today) }, "documentDate");
    }
    const fileIds = await checkPendingFiles(ctx.db, input.fileIds, ctx.user.id);
    const { patch, events } = statusChange(facts, "reported_done", input.note, ctx.user.id, now);
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await updateTask(trx, input.taskId, input.version, patch, at))) {
        fail("CONFLICT", "error.staleVersion", { id: input.taskId });
      }
      await appendTaskEvents(trx, events);
      const reportId = await insertReport(trx, {
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
        createdBy: ctx.user.id,
        createdAt: at,
      });
      const attached = await attachEvidence(
        trx,
        fileIds,
        ctx.user.id,
        { taskId: input.taskId, reportId },
        at,
      );
      if (attached !== fileIds.length) fail("BAD_REQUEST", "error.filesUnavailable", {}, "fileIds");
      return {
        id: input.taskId,
        reportId,
        status: "reported_done" as const,
        doneOn: today,
        version: input.version + 1,
      };
    });
  }),

  /**
   * For the officers and leaders of the agencies that follow tasks up (assigning or tracking):
   * the lead and coordinating agencies that have not reported for the period now due, with how
   * many periods in a row they have missed, longest first.
   */
  missing: authedProcedure.input(reportMissingInput).query(async ({ ctx, input }) => {
    if (!canSeeMissingReports(ctx.viewer)) fail("FORBIDDEN", "error.forbidden");
    const today = vnDate(ctx.clock.now());
    const tasks = await followedDutyTasks(ctx.db, ctx.viewer, input.directiveId);
    const taskIds = tasks.map((task) => task.taskId);
    const [coordinators, reported] = await Promise.all([
      coordinatorsOf(ctx.db, taskIds),
      reportedPeriods(ctx.db, taskIds),
    ]);
    const items = [];
    for (const task of tasks) {
      const due = periodsDue(task.duty, today);
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
  }),
});

function dutyOnly(row: ReportDuty): ReportDuty {
  return row.kind === "once"
    ? { kind: "once", dueDate: row.dueDate }
    : { kind: row.kind, day: row.day, startsOn: row.startsOn };
}
