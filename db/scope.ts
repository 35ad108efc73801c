import { sql } from "kysely";
import type { Db } from "./open.ts";

export type AgencyScope = { ownAgencyIds: number[]; scopeAgencyIds: number[] };

/**
 * The agencies a user acts for and sees through:
 * - own: the user's agency and, transitively, every agency it succeeded (merged provinces and
 *   ministries hand their follow-up to the successor);
 * - scope: own plus every agency under any of them (parent links), transitively.
 * Plain recursive CTEs (WITH RECURSIVE ... UNION), which SQLite and PostgreSQL both run.
 */
export async function agencyScope(db: Db, agencyId: number): Promise<AgencyScope> {
  const own = await db
    .withRecursive("ownAgency(id)", (qb) =>
      qb
        .selectNoFrom(sql<number>`${agencyId}`.as("id"))
        .union((qb2) =>
          qb2
            .selectFrom("agency")
            .innerJoin("ownAgency", "ownAgency.id", "agency.successorId")
            .select("agency.id"),
        ),
    )
    .selectFrom("ownAgency")
    .select("ownAgency.id")
    .execute();
  const ownAgencyIds = own.map((row) => Number(row.id));
  const scope = await db
    .withRecursive("scopeAgency(id)", (qb) =>
      qb
        .selectFrom("agency")
        .where("agency.id", "in", ownAgencyIds)
        .select("agency.id")
        .union((qb2) =>
          qb2
            .selectFrom("agency")
            .innerJoin("scopeAgency", "scopeAgency.id", "agency.parentId")
            .select("agency.id"),
        ),
    )
    .selectFrom("scopeAgency")
    .select("scopeAgency.id")
    .execute();
  return { ownAgencyIds, scopeAgencyIds: scope.map((row) => Number(row.id)) };
}
