import type { Db } from "./open.ts";
import { preparedQuery } from "./prepared.ts";

export type AgencyScope = { ownAgencyIds: number[]; scopeAgencyIds: number[] };

/**
 * The agencies `agencyIds` and, transitively, every agency linked to one of them by `link`:
 * "parentId" gives the agencies under them, "successorId" the agencies they succeeded. A plain
 * recursive CTE (WITH RECURSIVE ... UNION), which SQLite and PostgreSQL both run.
 */
async function linkedAgencies(
  db: Db,
  agencyIds: readonly number[],
  link: "parentId" | "successorId",
): Promise<number[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .withRecursive("linked(id)", (qb) =>
      qb
        .selectFrom("agency")
        .where("agency.id", "in", agencyIds)
        .select("agency.id")
        .union((qb2) =>
          qb2
            .selectFrom("agency")
            .innerJoin("linked", "linked.id", `agency.${link}`)
            .select("agency.id"),
        ),
    )
    .selectFrom("linked")
    .select("linked.id")
    .execute();
  return rows.map((row) => Number(row.id));
}

/** The agencies and every agency under any of them (parent links), transitively. */
export function agencySubtree(db: Db, agencyIds: readonly number[]): Promise<number[]> {
  return linkedAgencies(db, agencyIds, "parentId");
}

/**
 * The agencies a user acts for and sees through:
 * - own: the user's agency and, transitively, every agency it succeeded (merged provinces and
 *   ministries hand their follow-up to the successor);
 * - scope: own plus every agency under any of them (parent links), transitively.
 * One query (two recursive CTEs): it runs for every request.
 */
export async function agencyScope(db: Db, agencyId: number): Promise<AgencyScope> {
  const { rows } = await scopeRows(db, { agencyId });
  return {
    ownAgencyIds: rows.flatMap((row) => (row.ownId === null ? [] : [Number(row.ownId)])),
    scopeAgencyIds: rows.map((row) => Number(row.id)),
  };
}

// Built once (db/prepared.ts): every signed-in request runs it.
const scopeRows = preparedQuery((db, { agencyId }: { agencyId: number }) =>
  db
    .withRecursive("own(id)", (qb) =>
      qb
        .selectFrom("agency")
        .where("agency.id", "=", agencyId)
        .select("agency.id")
        .union((qb2) =>
          qb2
            .selectFrom("agency")
            .innerJoin("own", "own.id", "agency.successorId")
            .select("agency.id"),
        ),
    )
    .withRecursive("scope(id)", (qb) =>
      qb
        .selectFrom("own")
        .select("own.id")
        .union((qb2) =>
          qb2
            .selectFrom("agency")
            .innerJoin("scope", "scope.id", "agency.parentId")
            .select("agency.id"),
        ),
    )
    .selectFrom("scope")
    .leftJoin("own", "own.id", "scope.id")
    .select(["scope.id", "own.id as ownId"]),
);
