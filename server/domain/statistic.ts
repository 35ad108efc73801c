import type { TFunction } from "i18next";
import type { z } from "zod";
import { agencyById, toAgencyRef } from "../../db/agency.ts";
import type { Db } from "../../db/open.ts";
import {
  latestReportNotes,
  listStatisticTasks,
  type StatisticFilters,
  scopeNames,
  statisticDueInPeriod,
  statisticTable,
} from "../../db/statistic.ts";
import { urgeSummaries } from "../../db/urge.ts";
import { symbolAbbreviation } from "../../shared/agency.ts";
import { formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import type { Viewer } from "../../shared/permission.ts";
import { type StatisticBasis, scopeInWords } from "../../shared/statistic.ts";
import type {
  statisticByAgencyInput,
  statisticOverdueInput,
  statisticTasksInput,
} from "../../shared/statistic-input.ts";
import type { Clock } from "../clock.ts";
import type { Actor, Context } from "../context.ts";
import { fail } from "../errors.ts";
import { translatorFor } from "../i18n.ts";
import { readsOf } from "../reads.ts";

/** The day the figures stand at: the one asked for, or today in Vietnam; never a future day. */
export function resolveAsOf(clock: Clock, asOf: IsoDate | undefined): IsoDate {
  const today = vnDate(clock.now());
  if (asOf === undefined) return today;
  if (asOf > today) fail("BAD_REQUEST", "error.asOfInFuture", { date: formatDate(asOf) }, "asOf");
  return asOf;
}

/**
 * Today's overdue tasks the viewer may see, most days overdue first, a page at a time, with how
 * often each was urged: the overdue list's answer (statistic.overdue), which the server also
 * paints the first cards of on a phone (server/page-heading.ts: `detailed`, the page's first
 * tasks only, the counts still of the whole page).
 */
export async function overduePage(
  ctx: Pick<Context, "db" | "reads" | "clock"> & { viewer: Viewer },
  input: z.output<typeof statisticOverdueInput>,
  detailed?: number,
) {
  const now = ctx.clock.now();
  const today = vnDate(now);
  const { page, pageSize } = input;
  const result = await readsOf(ctx)("listOverdue", ctx.viewer, input, {
    today,
    now,
    page,
    pageSize,
    ...(detailed === undefined ? {} : { detailed }),
  });
  // How often each task was urged ("Đã đôn đốc N lần"), beside its last report.
  const urged = await urgeSummaries(
    ctx.db,
    result.items.map((item) => item.id),
  );
  const items = result.items.map((item) => ({
    ...item,
    urge: urged.get(item.id) ?? { count: 0, lastAt: null },
  }));
  return { today, total: result.total, urged: result.urged, urgeable: result.urgeable, items };
}

/**
 * The tasks behind one figure of the summary or the per-agency table (a row's when
 * `leadAgencyId` is given), as they stood at the end of `asOf`: `total` is that figure.
 */
export async function listFigureTasks(actor: Actor, input: z.output<typeof statisticTasksInput>) {
  const asOf = resolveAsOf(actor.clock, input.asOf);
  const { basis, cell, page, pageSize } = input;
  const leadAgencyId = input.leadAgencyId ?? null;
  const lead = leadAgencyId === null ? undefined : await agencyById(actor.db, leadAgencyId);
  if (leadAgencyId !== null && !lead) {
    fail("NOT_FOUND", "error.agencyNotFound", { id: leadAgencyId });
  }
  const list = await listStatisticTasks(actor.db, actor.viewer, input, {
    basis,
    asOf,
    cell,
    page,
    pageSize,
  });
  return { asOf, basis, cell, leadAgency: lead ? toAgencyRef(lead) : null, ...list };
}

/**
 * The lines above a table of figures: its title, the scope in words, the day it stands at. Shared
 * by the workbook, the print view's server twin and the .docx report.
 */
export async function scopeTitleLines(
  deps: { db: Db; viewer: Viewer },
  t: TFunction,
  title: string,
  filters: StatisticFilters & { basis?: StatisticBasis; minDaysOverdue?: number },
  asOf: IsoDate,
): Promise<string[]> {
  const names = await scopeNames(deps.db, deps.viewer, filters);
  const assigner =
    filters.level === "agency" && filters.assignerAgencyId !== undefined
      ? await agencyById(deps.db, filters.assignerAgencyId)
      : undefined;
  const words = scopeInWords(filters, { ...names, assigner }, (key, values) => t(key, values));
  return [title, words, t("statistic.asOf", { date: formatDate(asOf) })];
}

/**
 * The statistics report as a .docx in the form of Decree 30/2020/NĐ-CP, issued by the viewer's
 * agency: the figures of the scope as of `asOf` in sentences, the per-agency table and the
 * overdue tasks of that day (with the latest difficulties and proposals) as appendices.
 */
export async function statisticReport(
  actor: Actor,
  input: z.output<typeof statisticByAgencyInput>,
): Promise<{ asOf: IsoDate; filename: string; contentBase64: string }> {
  const { db, viewer, language } = actor;
  const asOf = resolveAsOf(actor.clock, input.asOf);
  const today = vnDate(actor.clock.now());
  const t = translatorFor(language);
  const table = await statisticTable(db, viewer, input, {
    basis: input.basis,
    asOf,
    sort: input.sort,
    direction: input.direction,
  });
  const due =
    input.reportFrom === undefined || input.reportFrom > asOf
      ? null
      : await statisticDueInPeriod(db, viewer, input, input.basis, {
          from: input.reportFrom,
          asOf,
        });
  const overdue = await listStatisticTasks(db, viewer, input, {
    basis: input.basis,
    asOf,
    cell: "overdue",
    page: 1,
    pageSize: 2_000,
  });
  const notes = await latestReportNotes(
    db,
    overdue.items.map((item) => item.id),
  );
  const issuer = await agencyById(db, actor.user.agencyId);
  const superior = issuer?.parentId ? await agencyById(db, issuer.parentId) : undefined;
  const assigner =
    input.assignerAgencyId === undefined ? undefined : await agencyById(db, input.assignerAgencyId);
  const lines = await scopeTitleLines(actor, t, "", input, asOf);
  // docx (0.1 s and 11 MB of resident memory) is loaded by the first document, not at start.
  const [{ statisticReportDocument }, { documentBytes }] = await Promise.all([
    import("../document/statistic-report.ts"),
    import("../document/official-document.ts"),
  ]);
  const document = statisticReportDocument(t, language, {
    issuer: {
      superior: superior?.name,
      name: issuer?.name ?? "",
      abbreviation: issuer ? symbolAbbreviation(issuer) : "",
    },
    year: Number(today.slice(0, 4)),
    asOf,
    level: input.level,
    assignerName: assigner?.name ?? null,
    scopeLines: lines.slice(1, 2),
    total: table.total,
    rows: table.rows,
    due,
    overdue: overdue.items.map((item) => ({
      ...item,
      difficulties: notes.get(item.id)?.difficulties ?? "",
      proposals: notes.get(item.id)?.proposals ?? "",
    })),
    signerName: actor.user.fullName,
  });
  const bytes = await documentBytes(document);
  return {
    asOf,
    filename: `bao-cao-thong-ke-${asOf}.docx`,
    contentBase64: bytes.toString("base64"),
  };
}
