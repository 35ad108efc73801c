/**
 * The worker thread of scripts/bench-data.ts: makes the plan (the same as the main thread's),
 * writes its second half into a file of its own (writeRange), tells the main thread, then adds
 * the first half's kept counts it is sent to its own and writes the kept statistics' file.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { IsoDate } from "../shared/date.ts";
import {
  type PlanReference,
  planFrom,
  type RangeJob,
  writeKeptFile,
  writeRange,
} from "./dataset.ts";
import type { KeptSnapshot } from "./dataset-kept.ts";

const work: {
  job: RangeJob;
  reference: PlanReference;
  options: { tasks: number; today: IsoDate };
} = workerData;
if (!parentPort) throw new Error("scripts/dataset-range.ts runs on a worker thread");
const port = parentPort;
const kept = writeRange(work.job, planFrom(work.reference, work.options));
const first = new Promise<KeptSnapshot>((resolve) => port.once("message", resolve));
port.postMessage("rows");
kept.merge(await first);
await writeKeptFile(work.job.kept, kept);
