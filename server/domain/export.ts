import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { TFunction } from "i18next";
import { agencyById } from "../../db/agency.ts";
import { appendAudit } from "../../db/audit.ts";
import type { Db } from "../../db/open.ts";
import { listOverdue, type OverdueItem, statisticTable } from "../../db/statistic.ts";
import { symbolAbbreviation } from "../../shared/agency.ts";
import { type IsoDate, vnDate } from "../../shared/date.ts";
import {
  EXPORT_BATCH_SIZE,
  EXPORT_MAX_RUNNING,
  EXPORT_TTL_MINUTES,
  type ExportKind,
  type ExportState,
  type ExportStatus,
  exportDownloadUrl,
} from "../../shared/export.ts";
import type { ExportRequest } from "../../shared/export-input.ts";
import type { Language } from "../../shared/i18n/language.ts";
import type { Viewer } from "../../shared/permission.ts";
import type { OverdueFilters } from "../../shared/statistic-input.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";
import {
  type DocumentFrame,
  type ExportWorkbook,
  openOverdueSheet,
  openStatisticsSheet,
  openWorkbook,
  overdueRow,
  statisticsRow,
} from "../export-workbook.ts";
import { translatorFor } from "../i18n.ts";
import { resolveAsOf, scopeTitleLines } from "./statistic.ts";

/**
 * Export jobs, kept in memory beside the database they read (one registry per Db value), with
 * their files under `<dataDir>/exports` (default: the database file's folder, or for an in-memory
 * database a folder in the system's temp). A job builds its rows in batches of EXPORT_BATCH_SIZE
 * and yields to the event loop between batches, so other users' requests are served meanwhile.
 * Jobs and files are forgotten EXPORT_TTL_MINUTES after they start (swept on every access, and
 * left-over files of an earlier process when the folder is first used).
 */

export type ExportJob = {
  id: string;
  userId: number;
  kind: ExportKind;
  state: ExportState;
  rowsDone: number;
  rowsTotal: number;
  filename: string;
  path: string;
  startedAt: Date;
};

const TTL_MS = EXPORT_TTL_MINUTES * 60_000;
const registries = new WeakMap<Db, Map<string, ExportJob>>();
const sweptDirs = new Set<string>();

function jobsOf(db: Db): Map<string, ExportJob> {
  let jobs = registries.get(db);
  if (!jobs) {
    jobs = new Map();
    registries.set(db, jobs);
  }
  return jobs;
}

function removeFile(path: string): void {
  void rm(path, { force: true }).catch(() => undefined);
}

/** Forgets expired jobs and deletes their files. */
function sweep(db: Db, now: Date): void {
  const jobs = jobsOf(db);
  for (const [id, job] of jobs) {
    if (job.startedAt.getTime() + TTL_MS <= now.getTime()) {
      jobs.delete(id);
      removeFile(job.path);
    }
  }
}

/** Files an earlier process left behind, older than the time to live. */
async function sweepDirectory(dir: string): Promise<void> {
  if (sweptDirs.has(dir)) return;
  sweptDirs.add(dir);
  const limit = Date.now() - TTL_MS;
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith(".xlsx")) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < limit) removeFile(path);
  }
}

const pause = () => new Promise<void>((resolvePause) => setImmediate(resolvePause));

type ExportDeps = {
  db: Db;
  viewer: Viewer;
  userId: number;
  now: Date;
  language: Language;
  dataDir: string;
  /** The printed pages' header and footer: the user's agency issues, the user signs. */
  frame: DocumentFrame;
};

/**
 * Starts an export for the actor: the statistics as of the day asked for (never a future day),
 * or today's overdue list. Returns the job's id at once; `exportJobStatus` tells its progress.
 */
export async function startExport(
  actor: Actor & { dataDir: string },
  request: ExportRequest,
): Promise<{ id: string }> {
  const now = actor.clock.now();
  const asOf =
    request.kind === "statistics" ? resolveAsOf(actor.clock, request.filters.asOf) : vnDate(now);
  const deps = {
    db: actor.db,
    viewer: actor.viewer,
    userId: actor.user.id,
    now,
    language: actor.language,
    dataDir: actor.dataDir,
    frame: {
      issuer: actor.user.agencyName,
      symbol: `BC-${symbolAbbreviation((await agencyById(actor.db, actor.user.agencyId)) ?? { code: "", kind: "" })}`,
      signer: actor.user.fullName,
    },
  };
  const job = await registerExport(deps, request, asOf);
  return { id: job.id };
}

/**
 * Records the export in the audit log, registers the job and starts it; returns at once.
 * `asOf` is the day the statistics stand at (already checked not to be in the future).
 */
async function registerExport(
  deps: ExportDeps,
  request: ExportRequest,
  asOf: IsoDate,
): Promise<ExportJob> {
  const { db, now } = deps;
  sweep(db, now);
  const jobs = jobsOf(db);
  const running = [...jobs.values()].filter(
    (job) => job.userId === deps.userId && job.state === "running",
  ).length;
  if (running >= EXPORT_MAX_RUNNING) {
    fail("TOO_MANY_REQUESTS", "error.tooManyExports", { count: running });
  }
  const dir = resolve(deps.dataDir, "exports");
  await mkdir(dir, { recursive: true });
  await sweepDirectory(dir);
  const id = randomUUID();
  const base = request.kind === "statistics" ? "thong-ke" : "nhiem-vu-qua-han";
  const job: ExportJob = {
    id,
    userId: deps.userId,
    kind: request.kind,
    state: "running",
    rowsDone: 0,
    rowsTotal: 0,
    filename: `${base}-${asOf}.xlsx`,
    path: join(dir, `${id}.xlsx`),
    startedAt: now,
  };
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: deps.userId,
      at: now.toISOString(),
      action: "export",
      entity: "export",
      entityId: null,
      detail: { jobId: id, kind: request.kind, filters: request.filters },
    }),
  );
  jobs.set(id, job);
  // Also forget it when nobody asks about exports any more (the timer keeps no process alive).
  setTimeout(() => {
    if (jobs.get(id) === job) jobs.delete(id);
    if (job.state !== "running") removeFile(job.path);
  }, TTL_MS).unref();
  void runJob(job, deps, request, asOf);
  return job;
}

async function runJob(
  job: ExportJob,
  deps: ExportDeps,
  request: ExportRequest,
  asOf: IsoDate,
): Promise<void> {
  const t = translatorFor(deps.language);
  try {
    if (request.kind === "statistics") {
      await writeStatistics(job, deps, request.filters, asOf, t);
    } else {
      await writeOverdue(job, deps, request.filters, asOf, t);
    }
    job.state = "done";
  } catch (error) {
    console.error(`Export ${job.id} failed:`, error);
    job.state = "failed";
    removeFile(job.path);
  }
  // Swept while running: nobody can download it any more.
  if (jobsOf(deps.db).get(job.id) !== job) removeFile(job.path);
}

/**
 * The statistics as of `asOf` (one sheet), then today's overdue list of the same scope (a
 * second sheet), as the print view shows them.
 */
async function writeStatistics(
  job: ExportJob,
  deps: ExportDeps,
  filters: Extract<ExportRequest, { kind: "statistics" }>["filters"],
  asOf: IsoDate,
  t: TFunction,
): Promise<void> {
  const table = await statisticTable(deps.db, deps.viewer, filters, {
    basis: filters.basis,
    asOf,
    sort: filters.sort,
    direction: filters.direction,
  });
  // The overdue list of the same scope and level, always today and by the deadline in force.
  const overdueFilters: OverdueFilters = {
    directiveId: filters.directiveId,
    directiveType: filters.directiveType,
    keyOnly: filters.keyOnly,
    level: filters.level,
    assignerAgencyId: filters.assignerAgencyId,
    agencyId: filters.agencyId,
    periodBy: filters.periodBy,
    from: filters.from,
    to: filters.to,
    urged: filters.urged,
    minDaysOverdue: 0,
  };
  const today = vnDate(deps.now);
  const overdue = overduePages(deps, overdueFilters, today);
  const first = await overdue(1);
  job.rowsTotal = table.rows.length + 1 + first.total;
  const workbook = await openWorkbook(job.path);
  const lines = await scopeTitleLines(deps, t, t("statistic.titleStatistics"), filters, asOf);
  const sheet = openStatisticsSheet(
    workbook,
    t,
    lines,
    table.rows.map((row) => row.agency.name),
    deps.frame,
  );
  sheet.write([statisticsRow(null, t("statistic.totalRow"), table.total)], { bold: true });
  job.rowsDone = 1;
  for (let start = 0; start < table.rows.length; start += EXPORT_BATCH_SIZE) {
    await pause();
    const batch = table.rows.slice(start, start + EXPORT_BATCH_SIZE);
    sheet.write(batch.map((row, index) => statisticsRow(start + index + 1, row.agency.name, row)));
    job.rowsDone += batch.length;
  }
  sheet.close(t("statistic.statisticsNote"));
  const overdueLines = await scopeTitleLines(
    deps,
    t,
    t("statistic.titleOverdue"),
    overdueFilters,
    today,
  );
  await writeOverdueRows(job, deps, workbook, overdueLines, overdue, first, t);
  await workbook.commit();
}

type OverduePage = { items: OverdueItem[]; total: number };

/** Today's overdue list of the scope, a batch at a time. */
function overduePages(deps: ExportDeps, filters: OverdueFilters, today: IsoDate) {
  return (number: number): Promise<OverduePage> =>
    listOverdue(deps.db, deps.viewer, filters, {
      today,
      now: deps.now,
      page: number,
      pageSize: EXPORT_BATCH_SIZE,
    });
}

/** The overdue sheet: the first batch, then the next ones, yielding between batches. */
async function writeOverdueRows(
  job: ExportJob,
  deps: ExportDeps,
  workbook: ExportWorkbook,
  lines: readonly string[],
  page: (number: number) => Promise<OverduePage>,
  first: OverduePage,
  t: TFunction,
): Promise<void> {
  const sheet = openOverdueSheet(workbook, t, lines, first.items, deps.frame);
  let items = first.items;
  let written = 0;
  for (let number = 1; items.length > 0; number += 1) {
    const offset = written;
    sheet.write(items.map((item, index) => overdueRow(offset + index + 1, item, t)));
    written += items.length;
    job.rowsDone += items.length;
    if (items.length < EXPORT_BATCH_SIZE) break;
    await pause();
    items = (await page(number + 1)).items;
  }
  sheet.close();
}

async function writeOverdue(
  job: ExportJob,
  deps: ExportDeps,
  filters: Extract<ExportRequest, { kind: "overdue" }>["filters"],
  today: IsoDate,
  t: TFunction,
): Promise<void> {
  const page = overduePages(deps, filters, today);
  const first = await page(1);
  job.rowsTotal = first.total;
  const lines = await scopeTitleLines(deps, t, t("statistic.titleOverdue"), filters, today);
  const workbook = await openWorkbook(job.path);
  await writeOverdueRows(job, deps, workbook, lines, page, first, t);
  await workbook.commit();
}

function statusOf(job: ExportJob): ExportStatus {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    rowsDone: job.rowsDone,
    rowsTotal: Math.max(job.rowsTotal, job.rowsDone),
    filename: job.filename,
    downloadUrl: exportDownloadUrl(job.id),
    startedAt: job.startedAt.toISOString(),
    expiresAt: new Date(job.startedAt.getTime() + TTL_MS).toISOString(),
  };
}

/** The job's progress, for the user who started it only; anyone else gets NOT_FOUND. */
export function exportJobStatus(actor: Actor, id: string): ExportStatus {
  sweep(actor.db, actor.clock.now());
  const job = jobsOf(actor.db).get(id);
  if (!job || job.userId !== actor.user.id) fail("NOT_FOUND", "error.exportNotFound", { id });
  return statusOf(job);
}

/** The finished file of the user's job; "not_ready" while it runs; undefined if none or failed. */
export function exportFile(
  db: Db,
  userId: number,
  id: string,
  now: Date,
): { path: string; filename: string } | "not_ready" | undefined {
  sweep(db, now);
  const job = jobsOf(db).get(id);
  if (!job || job.userId !== userId || job.state === "failed") return undefined;
  if (job.state === "running") return "not_ready";
  return { path: job.path, filename: job.filename };
}
