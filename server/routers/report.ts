import {
  reportCompleteInput,
  reportCreateInput,
  reportListInput,
  reportMissingInput,
  reportSetDutyInput,
} from "../../shared/report-input.ts";
import {
  fileReport,
  listMissingReports,
  reportCompletion,
  setReportDuty,
  viewTaskReports,
} from "../domain/report.ts";
import { authedProcedure, router } from "../trpc.ts";

export const reportRouter = router({
  /** Sets or clears the task's report duty (officers of the assigning agency). */
  setDuty: authedProcedure
    .input(reportSetDutyInput)
    .mutation(({ ctx, input }) => setReportDuty(ctx, input)),

  /** The task's reports, duty, periods and agencies, and what the viewer may do. */
  list: authedProcedure
    .input(reportListInput)
    .query(({ ctx, input }) => viewTaskReports(ctx, input.taskId)),

  /** A progress report for a period, or a correction; the lead agency's moves the progress. */
  create: authedProcedure
    .input(reportCreateInput)
    .mutation(({ ctx, input }) => fileReport(ctx, input)),

  /** The lead agency reports the task done with its evidence. */
  complete: authedProcedure
    .input(reportCompleteInput)
    .mutation(({ ctx, input }) => reportCompletion(ctx, input)),

  /** The agencies behind on their reports, for those who follow the tasks up. */
  missing: authedProcedure
    .input(reportMissingInput)
    .query(({ ctx, input }) => listMissingReports(ctx, input)),
});
