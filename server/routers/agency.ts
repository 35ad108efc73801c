import { z } from "zod";
import { agenciesByIds, listAgencyGroups, searchAgencies } from "../../db/agency.ts";
import { agencyGroupsInput, agencySearchInput } from "../../shared/agency-input.ts";
import { idSchema } from "../../shared/validation.ts";
import { authedProcedure, router } from "../trpc.ts";

/** Agencies are public reference data for every signed-in user. */
export const agencyRouter = router({
  search: authedProcedure
    .input(agencySearchInput)
    .query(({ ctx, input }) => searchAgencies(ctx.db, input)),
  byIds: authedProcedure
    .input(z.object({ ids: z.array(idSchema).max(500) }))
    .query(({ ctx, input }) => agenciesByIds(ctx.db, input.ids)),
  groups: authedProcedure
    .input(agencyGroupsInput)
    .query(({ ctx, input }) => listAgencyGroups(ctx.db, input.on)),
});
