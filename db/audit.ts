import type { Db } from "./open.ts";

/** Appends a row to the append-only audit log (within the caller's transaction). */
export async function appendAudit(
  db: Db,
  entry: {
    actorId: number | null;
    at: string;
    action: string;
    entity: string;
    entityId: number | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      actorId: entry.actorId,
      at: entry.at,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
