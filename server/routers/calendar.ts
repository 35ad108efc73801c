import { calendarData } from "../../db/calendar.ts";
import { calendarSetYearInput } from "../../shared/calendar-input.ts";
import { setCalendarYear } from "../domain/calendar.ts";
import { authedProcedure, roleProcedure, router } from "../trpc.ts";

/** The civil servants' calendar: everyone reads it (to compute deadlines), administrators set it. */
export const calendarRouter = router({
  get: authedProcedure.query(({ ctx }) => calendarData(ctx.db)),

  setYear: roleProcedure("admin")
    .input(calendarSetYearInput)
    .mutation(({ ctx, input }) => setCalendarYear(ctx, input)),
});
