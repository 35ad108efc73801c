import { type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "./open.ts";
import type { Database } from "./schema.ts";

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
export function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  return appendAudits(db, [entry]);
}

/** Appends rows to the audit log in one statement. */
export async function appendAudits(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("auditLog")
    .values(
      entries.map((entry) => ({
        actorId: entry.actorId,
        at: entry.at,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        detail: JSON.stringify(entry.detail ?? {}),
        address: entry.address ?? null,
        agencyId: entry.agencyId ?? null,
      })),
    )
    .execute();
}

export type AuditRow = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  detail: string;
  address: string | null;
  agencyShortName: string | null;
  actor: { id: number; username: string; fullName: string } | null;
};

type AuditKind = "login" | "account" | "directive" | "request" | "refusal";

const SESSION_ACTIONS = [
  "login",
  "login_failed",
  "login_throttled",
  "logout",
  "logout_everywhere",
] as const;

function kindCondition(eb: ExpressionBuilder<Database, "auditLog">, kind: AuditKind) {
  switch (kind) {
    case "login":
      return eb("auditLog.action", "in", SESSION_ACTIONS);
    case "account":
      return eb.and([
        eb("auditLog.entity", "=", "user"),
        eb("auditLog.action", "not in", SESSION_ACTIONS),
      ]);
    default:
      return eb("auditLog.entity", "=", kind);
  }
}

/** The start of a Vietnam date, as a UTC instant (dates in Vietnam are UTC+7, no summer time). */
function vnDayStart(date: string): string {
  return new Date(`${date}T00:00:00+07:00`).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type AuditFilters = {
  query: string;
  kind?: AuditKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only rows about these agencies (a leader's); undefined for all (an administrator). */
  agencyIds?: readonly number[] | undefined;
};

function filtered(db: Db, filters: AuditFilters) {
  let query = db
    .selectFrom("auditLog")
    .leftJoin("appUser", "appUser.id", "auditLog.actorId")
    .leftJoin("agency", "agency.id", "auditLog.agencyId");
  const { kind, from, to, agencyIds } = filters;
  if (agencyIds !== undefined) {
    query =
      agencyIds.length === 0
        ? query.where(sql<SqlBool>`1 = 0`)
        : query.where("auditLog.agencyId", "in", agencyIds);
  }
  if (kind !== undefined) query = query.where((eb) => kindCondition(eb, kind));
  if (from !== undefined) query = query.where("auditLog.at", ">=", vnDayStart(from));
  if (to !== undefined) query = query.where("auditLog.at", "<", vnDayStart(nextDay(to)));
  for (const word of filters.query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        [
          "appUser.username",
          "appUser.fullName",
          "auditLog.action",
          "auditLog.detail",
          "auditLog.address",
        ].map((column) => sql<SqlBool>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`),
      ),
    );
  }
  return query;
}

/** Audit rows matching the filters, newest first, a page at a time, with the total. */
export async function listAudit(
  db: Db,
  filters: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filters)
      .select([
        "auditLog.id",
        "auditLog.at",
        "auditLog.action",
        "auditLog.entity",
        "auditLog.entityId",
        "auditLog.detail",
        "auditLog.address",
        "agency.shortName as agencyShortName",
        "appUser.id as actorId",
        "appUser.username as actorUsername",
        "appUser.fullName as actorName",
      ])
      .orderBy("auditLog.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, filters)
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.total),
    items: rows.map(({ actorId, actorUsername, actorName, ...row }) => ({
      ...row,
      actor:
        actorId === null || actorUsername === null || actorName === null
          ? null
          : { id: actorId, username: actorUsername, fullName: actorName },
    })),
  };
}
