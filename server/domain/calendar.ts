import type { z } from "zod";
import { appendAudit } from "../../db/audit.ts";
import { loadCalendar, recomputeDeadlines, writeCalendarYear } from "../../db/calendar.ts";
import type { calendarSetYearInput } from "../../shared/calendar-input.ts";
import type { Actor } from "../context.ts";
import { fail } from "../errors.ts";

/**
 * An administrator enters (or corrects) a year's calendar as the Government published it. In
 * one transaction: the year's days, the deadline in force of every open task it moves (each
 * written to the task's history and state, like any change), and the audit record.
 */
export async function setCalendarYear(
  actor: Actor,
  input: z.output<typeof calendarSetYearInput>,
): Promise<{ year: number; movedTaskIds: number[] }> {
  if (actor.user.role !== "admin") fail("FORBIDDEN", "error.forbidden");
  const at = actor.clock.now().toISOString();
  return actor.db.transaction().execute(async (trx) => {
    await writeCalendarYear(trx, {
      year: input.year,
      daysOff: input.daysOff,
      workingDays: input.workingDays,
      enteredBy: actor.user.id,
      enteredAt: at,
    });
    const movedTaskIds = await recomputeDeadlines(trx, await loadCalendar(trx), {
      years: [input.year],
      actorId: actor.user.id,
      at,
      note: `calendar:${input.year}`,
    });
    await appendAudit(trx, {
      actorId: actor.user.id,
      at,
      action: "calendar.setYear",
      entity: "calendar_year",
      entityId: input.year,
      detail: { ...input, movedTaskIds },
    });
    return { year: input.year, movedTaskIds };
  });
}
