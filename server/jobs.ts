import { advanceCheckpoints } from "../db/kept-count.ts";
import { deleteLoginFailuresBefore } from "../db/login-failure.ts";
import type { Db } from "../db/open.ts";
import { deleteExpiredSessions } from "../db/session.ts";
import { vnDate } from "../shared/date.ts";
import { PENDING_FILE_HOURS } from "../shared/evidence.ts";
import type { Clock } from "./clock.ts";
import { deliverMail, queueDigests, type SendMail } from "./domain/mail.ts";
import { runReminders } from "./domain/reminder.ts";
import { filesDirOf, purgePendingEvidence, purgeStaleUploads, uploadsDirOf } from "./file-store.ts";
import { LOGIN_FAILURE_KEEP_MS } from "./login-throttle.ts";
import type { Reads } from "./reads.ts";

/**
 * Jobs that run beside the server, at start and then every hour: housekeeping and the reminders. A job is a plain
 * function of what it needs and the instant it runs at, so a test runs it with a fixed instant.
 */
export type JobDeps = {
  db: Db;
  dataDir: string;
  /** Mail: the links' base, and how to send (null without SMTP: mail stays in the outbox). */
  mail?: { publicUrl: string; send: SendMail | null };
  /** The reader threads (server/read-pool.ts) for the jobs' long reads; absent: on `db`. */
  reads?: Reads;
};
export type Job = (deps: JobDeps, now: Date) => Promise<void>;

/** Sessions past their expiry can never sign anyone in again: their rows go. */
export const purgeExpiredSessions: Job = async ({ db }, now) => {
  await deleteExpiredSessions(db, now.toISOString());
};

/** Uploads never attached to a report or a comment within PENDING_FILE_HOURS (abandoned forms). */
export const purgeAbandonedUploads: Job = async ({ db, dataDir }, now) => {
  const before = new Date(now.getTime() - PENDING_FILE_HOURS * 3_600_000).toISOString();
  await purgePendingEvidence(db, filesDirOf(dataDir), before);
};

/** Temporary upload files left by requests cut off mid-way (an hour without a write). */
export const purgeStaleUploadFiles: Job = async ({ dataDir }) => {
  await purgeStaleUploads(uploadsDirOf(dataDir), 3_600_000, Date.now());
};

/** Failed sign-ins older than the throttle's longest window count nowhere any more. */
export const purgeLoginFailures: Job = async ({ db }, now) => {
  await deleteLoginFailuresBefore(
    db,
    new Date(now.getTime() - LOGIN_FAILURE_KEEP_MS).toISOString(),
  );
};

/** Reminders, overdue notices and escalations of the day (once each, whatever runs them). */
export const sendReminders: Job = async ({ db, reads }, now) => {
  await runReminders(db, now, reads ? { reads } : {});
};

/** The daily digests whose hour has come go into the outbox. */
export const queueDigestMail: Job = async ({ db, mail }, now) => {
  if (mail) await queueDigests(db, now, mail.publicUrl);
};

/** The kept statistics get the checkpoint of each month that has begun (migration 0008). */
export const addStatisticCheckpoints: Job = async ({ db }, now) => {
  await advanceCheckpoints(db, vnDate(now));
};

/** The outbox's due mail goes out over SMTP (when configured), with backoff on failure. */
export const deliverOutbox: Job = async ({ db, mail }, now) => {
  if (mail?.send) await deliverMail(db, now, mail.send);
};

/** Sending runs more often than the hourly jobs, so that a retry after a minute happens. */
export const MAIL_JOBS: readonly Job[] = [deliverOutbox];
export const MAIL_INTERVAL_MS = 60_000;

export const JOBS: readonly Job[] = [
  purgeExpiredSessions,
  purgeAbandonedUploads,
  purgeStaleUploadFiles,
  purgeLoginFailures,
  sendReminders,
  queueDigestMail,
  addStatisticCheckpoints,
];

export const JOB_INTERVAL_MS = 3_600_000;

export type JobErrorHandler = (job: Job, error: unknown) => void;

function logJobError(job: Job, error: unknown): void {
  console.error(`Job ${job.name || "(anonymous)"} failed:`, error);
}

/**
 * Runs every job once, one after the other; a failing job is reported and the others still run.
 * Once `stopping()` says so, the jobs not yet started are left for the next start.
 */
export async function runJobs(
  deps: JobDeps,
  jobs: readonly Job[],
  now: Date,
  onError: JobErrorHandler = logJobError,
  stopping: () => boolean = () => false,
): Promise<void> {
  for (const job of jobs) {
    if (stopping()) return;
    try {
      await job(deps, now);
    } catch (error) {
      onError(job, error);
    }
  }
}

/**
 * Runs the jobs now and then every `intervalMs`, at the clock's time. The timer keeps no process
 * alive. `stop()` (on shutdown) clears it and resolves once the round under way, if any, has
 * finished its current job: the database and the reader threads may then close under no job
 * (a reminder round cut there is taken up again by the next start, each reminder being sent once).
 * Started by server/main.ts, not by createApp, so that tests stay quiet.
 */
export function startJobs(
  deps: JobDeps & { clock: Clock },
  options: { jobs?: readonly Job[]; intervalMs?: number; onError?: JobErrorHandler } = {},
): { stop(): Promise<void> } {
  const jobs = options.jobs ?? JOBS;
  let round: Promise<void> | null = null;
  let stopped = false;
  // One round at a time: a round still running when the next is due makes that one skip.
  const tick = () => {
    if (round || stopped) return;
    round = runJobs(deps, jobs, deps.clock.now(), options.onError, () => stopped).finally(() => {
      round = null;
    });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? JOB_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}
