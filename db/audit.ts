import type { Db } from "./open.ts";

export type AuditEntry = {
  actorId: number | null;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail?: Record<string, unknown>;
  /** Where the request came from (null for the command line and jobs). */
  address?: string | null;
  /** The agency the entry concerns: its leaders read it (the user's agency for accounts). */
  agencyId?: number | null;
};

/** Appends a row to the append-only audit log (within the caller's transaction). */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      actorId: entry.actorId,
      at: entry.at,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      detail: JSON.stringify(entry.detail ?? {}),
      address: entry.address ?? null,
      agencyId: entry.agencyId ?? null,
    })
    .execute();
}
