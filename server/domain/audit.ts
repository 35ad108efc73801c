import type { z } from "zod";
import { type AuditFilters, type AuditRow, listAudit } from "../../db/audit.ts";
import type { Db } from "../../db/open.ts";
import { MAX_AUDIT_EXPORT } from "../../shared/audit.ts";
import type { auditListInput } from "../../shared/audit-input.ts";
import type { Viewer } from "../../shared/permission.ts";

type Reader = { db: Db; viewer: Viewer };

/**
 * Reading the audit log: administrators read everything; leaders what concerns their agency and
 * the units under it (its accounts, and what its people did or were refused).
 */
function scopedFilters(viewer: Viewer, input: z.output<typeof auditListInput>): AuditFilters {
  return {
    query: input.query,
    kind: input.kind,
    from: input.from,
    to: input.to,
    agencyIds: viewer.role === "admin" ? undefined : viewer.scopeAgencyIds,
  };
}

/** A page of the audit log, newest first. */
export function readAudit(reader: Reader, input: z.output<typeof auditListInput>) {
  return listAudit(reader.db, scopedFilters(reader.viewer, input), {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
}

/** Every row the filters give (up to MAX_AUDIT_EXPORT), for the export. */
export async function auditForExport(
  reader: Reader,
  input: z.output<typeof auditListInput>,
): Promise<AuditRow[]> {
  const { items } = await listAudit(reader.db, scopedFilters(reader.viewer, input), {
    limit: MAX_AUDIT_EXPORT,
    offset: 0,
  });
  return items;
}
