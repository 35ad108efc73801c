import { auditListInput } from "../../shared/audit-input.ts";
import { readAudit } from "../domain/audit.ts";
import { roleProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  /** Administrators: everything; leaders: what concerns their agency and its units. */
  list: roleProcedure("admin", "leader")
    .input(auditListInput)
    .query(({ ctx, input }) => readAudit(ctx, input)),
});
