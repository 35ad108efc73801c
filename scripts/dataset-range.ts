/**
 * The worker thread of scripts/bench-data.ts: makes the plan (the same as the main thread's) and
 * writes its second half into a file of its own (writeRange).
 */
import { workerData } from "node:worker_threads";
import type { IsoDate } from "../shared/date.ts";
import { type PlanReference, planFrom, type RangeJob, writeRange } from "./dataset.ts";

const work: {
  job: RangeJob;
  reference: PlanReference;
  options: { tasks: number; today: IsoDate };
} = workerData;
writeRange(work.job, planFrom(work.reference, work.options));
