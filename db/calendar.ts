import { readFileSync } from "node:fs";
import { z } from "zod";
import type { CalendarData } from "../shared/calendar.ts";
import { type Calendar, deadlineInForce, type IsoDate, workingDaysAfter } from "../shared/date.ts";
import type { Db } from "./open.ts";
import { recordTaskState } from "./task-state.ts";

/**
 * The civil servants' calendar in the database (calendar_year, calendar_day): read whole (a
 * few dozen rows a year) into the `Calendar` value that shared/date.ts computes with, written a
 * year at a time by an administrator, seeded from db/seed/holidays_2024_2026.json.
 */

const seedSchema = z.object({
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      daysOff: z.array(z.string()),
      workingDays: z.array(z.string()),
      notes: z.record(z.string(), z.string()).default({}),
    }),
  ),
});

/** The seeded years (2024-2026), as the data file has them. */
export function seedCalendarYears() {
  const text = readFileSync(new URL("./seed/holidays_2024_2026.json", import.meta.url), "utf8");
  return Object.entries(seedSchema.parse(JSON.parse(text)).years).map(([year, days]) => ({
    year: Number(year),
    ...days,
  }));
}

/** The seeded calendar as a value, for code that computes before a database exists. */
export function seedCalendar(): Calendar {
  const years = seedCalendarYears();
  return {
    years: new Set(years.map((y) => y.year)),
    daysOff: new Set(years.flatMap((y) => y.daysOff)),
    workingDays: new Set(years.flatMap((y) => y.workingDays)),
  };
}

export async function calendarData(db: Db): Promise<CalendarData> {
  const [years, days] = await Promise.all([
    db
      .selectFrom("calendarYear")
      .select("calendarYear.year")
      .orderBy("calendarYear.year")
      .execute(),
    db
      .selectFrom("calendarDay")
      .select(["calendarDay.day", "calendarDay.kind"])
      .orderBy("calendarDay.day")
      .execute(),
  ]);
  return {
    years: years.map((row) => row.year),
    daysOff: days.filter((row) => row.kind === "day_off").map((row) => row.day),
    workingDays: days.filter((row) => row.kind === "working_day").map((row) => row.day),
  };
}

export async function loadCalendar(db: Db): Promise<Calendar> {
  const data = await calendarData(db);
  return {
    years: new Set(data.years),
    daysOff: new Set(data.daysOff),
    workingDays: new Set(data.workingDays),
  };
}

/** Replaces a year's days (inside the caller's transaction). */
export async function writeCalendarYear(
  db: Db,
  entry: {
    year: number;
    daysOff: readonly IsoDate[];
    workingDays: readonly IsoDate[];
    notes?: Readonly<Record<string, string>>;
    enteredBy: number | null;
    enteredAt: string;
  },
): Promise<void> {
  await db.deleteFrom("calendarDay").where("calendarDay.year", "=", entry.year).execute();
  await db
    .insertInto("calendarYear")
    .values({ year: entry.year, enteredBy: entry.enteredBy, enteredAt: entry.enteredAt })
    .onConflict((oc) =>
      oc.column("year").doUpdateSet({ enteredBy: entry.enteredBy, enteredAt: entry.enteredAt }),
    )
    .execute();
  const days = [
    ...[...new Set(entry.daysOff)].map((day) => ({ day, kind: "day_off" as const })),
    ...[...new Set(entry.workingDays)].map((day) => ({ day, kind: "working_day" as const })),
  ];
  if (days.length > 0) {
    await db
      .insertInto("calendarDay")
      .values(days.map((d) => ({ ...d, year: entry.year, note: entry.notes?.[d.day] ?? "" })))
      .execute();
  }
}

/**
 * After a calendar change: recomputes the deadline in force of every open task whose written
 * deadline lies in `years` (or the last weeks before them, which may roll into them) and writes
 * each change like any other: the task row with a new version, a history entry, a new state.
 * Returns the ids of the tasks whose deadline in force moved.
 */
export async function recomputeDeadlines(
  db: Db,
  calendar: Calendar,
  change: { years: readonly number[]; actorId: number | null; at: string; note: string },
): Promise<number[]> {
  if (change.years.length === 0) return [];
  const from = `${Math.min(...change.years) - 1}-12-01`;
  const to = `${Math.max(...change.years)}-12-31`;
  const tasks = await db
    .selectFrom("task")
    .innerJoin("directive", "directive.id", "task.directiveId")
    .select([
      "task.id",
      "task.deadline",
      "task.deadlineKind",
      "task.deadlineDays",
      "task.dueOn",
      "task.originalDeadline",
      "task.originalDueOn",
      "task.version",
      "directive.issuedOn",
    ])
    .where("task.status", "in", ["not_started", "in_progress", "reported_done"])
    .where((eb) =>
      eb.or([
        eb.and([eb("task.deadline", ">=", from), eb("task.deadline", "<=", to)]),
        eb.and([eb("task.originalDeadline", ">=", from), eb("task.originalDeadline", "<=", to)]),
        // "N ngày làm việc kể từ ngày ký": the date itself is counted on the calendar.
        eb("task.deadlineKind", "=", "working_days"),
      ]),
    )
    .execute();
  const moved: number[] = [];
  for (const task of tasks) {
    // Counted again unless an extension moved it (then the extension's date stands).
    const recount =
      task.deadlineKind === "working_days" &&
      task.deadlineDays !== null &&
      task.deadline === task.originalDeadline;
    const counted = recount
      ? workingDaysAfter(task.issuedOn, task.deadlineDays ?? 0, calendar)
      : task.deadline;
    const original = recount ? counted : task.originalDeadline;
    const dueOn = counted === null ? null : deadlineInForce(counted, calendar);
    const originalDueOn = original === null ? null : deadlineInForce(original, calendar);
    if (counted === task.deadline && dueOn === task.dueOn && originalDueOn === task.originalDueOn) {
      continue;
    }
    await db
      .updateTable("task")
      .set({
        deadline: counted,
        dueOn,
        originalDeadline: original,
        originalDueOn,
        version: task.version + 1,
        updatedAt: change.at,
      })
      .where("task.id", "=", task.id)
      .execute();
    await db
      .insertInto("taskEvent")
      .values({
        taskId: task.id,
        actorId: change.actorId,
        at: change.at,
        kind: "deadline",
        field: "dueOn",
        oldValue: task.dueOn,
        newValue: dueOn,
        note: change.note,
      })
      .execute();
    await recordTaskState(db, task.id, change.at);
    moved.push(task.id);
  }
  return moved;
}
