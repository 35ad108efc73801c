/**
 * The worker thread of scripts/bench-data.ts: makes the plan (the same as the main thread's) and
 * writes its "history" half into a file of its own (writeHistory).
 */
import { workerData } from "node:worker_threads";
import type { IsoDate } from "../shared/date.ts";
import { type HistoryJob, type PlanReference, planFrom, writeHistory } from "./dataset.ts";

const work: {
  job: HistoryJob;
  reference: PlanReference;
  options: { tasks: number; today: IsoDate };
} = workerData;
writeHistory(work.job, planFrom(work.reference, work.options));
