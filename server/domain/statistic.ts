import type { z } from "zod";
import { agencyById, toAgencyRef } from "../../db/agency.ts";
import { listStatisticTasks } from "../../db/statistic.ts";
import { formatDate, type IsoDate, vnDate } from "../../shared/date.ts";
import type { statisticTasksInput } from "../../shared/statistic.ts";
import type { Clock } from "../clock.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";

/** The day the figures stand at: the one asked for, or today in Vietnam; never a future day. */
export function resolveAsOf(clock: Clock, asOf: IsoDate | undefined): IsoDate {
  const today = vnDate(clock.now());
  if (asOf === undefined) return today;
  if (asOf > today) fail("BAD_REQUEST", "error.asOfInFuture", { date: formatDate(asOf) }, "asOf");
  return asOf;
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
