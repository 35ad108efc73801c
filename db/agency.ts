import type { AgencyKind } from "../shared/agency.ts";
import { compareVi } from "../shared/text.ts";
import { notSeenBy } from "./inbox.ts";
import type { Db } from "./open.ts";
import { matchesSearch } from "./search.ts";

export type Agency = {
  id: number;
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  kind: AgencyKind;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
};

/** An agency as other records name it: enough to show and to link. */
export type AgencyRef = { id: number; code: string; name: string; shortName: string };

/** The columns of an agency reference, for queries whose rows are agencies. */
export const AGENCY_REF_COLUMNS = [
  "agency.id",
  "agency.code",
  "agency.name",
  "agency.shortName",
] as const;

/**
 * The columns of an agency reference from the agency joined as `alias`, named after it:
 * `agencyRefColumns("lead")` selects "lead.id as leadId", "lead.code as leadCode"…
 */
export function agencyRefColumns<A extends string>(alias: A) {
  return [
    `${alias}.id as ${alias}Id`,
    `${alias}.code as ${alias}Code`,
    `${alias}.name as ${alias}Name`,
    `${alias}.shortName as ${alias}ShortName`,
  ] as const;
}

type IdColumn<A extends string> = { [K in `${A}Id`]: number };
type TextColumns<A extends string> = { [K in `${A}Code` | `${A}Name` | `${A}ShortName`]: string };

/** A row holding the columns of `agencyRefColumns(alias)`. */
export type AgencyRefRow<A extends string> = IdColumn<A> & TextColumns<A>;

/** The agency reference that `agencyRefColumns(alias)` selected into a row. */
export function agencyRef<A extends string>(row: AgencyRefRow<A>, alias: A): AgencyRef {
  const id: IdColumn<A> = row;
  const texts: TextColumns<A> = row;
  return {
    id: id[`${alias}Id`],
    code: texts[`${alias}Code`],
    name: texts[`${alias}Name`],
    shortName: texts[`${alias}ShortName`],
  };
}

/** The reference of an agency (or of a row with more columns). */
export function toAgencyRef({ id, code, name, shortName }: AgencyRef): AgencyRef {
  return { id, code, name, shortName };
}

const AGENCY_COLUMNS = [
  "agency.id",
  "agency.code",
  "agency.name",
  "agency.shortName",
  "agency.nameEn",
  "agency.kind",
  "agency.parentId",
  "agency.validFrom",
  "agency.validTo",
  "agency.successorId",
] as const;

/** Agencies whose name, short name or code contains every word of the query, diacritics folded. */
export async function searchAgencies(
  db: Db,
  input: { query: string; activeOn?: string | undefined; limit: number },
): Promise<Agency[]> {
  const { activeOn } = input;
  const rows = await db
    .selectFrom("agency")
    .select(AGENCY_COLUMNS)
    .$call((qb) => {
      const match = matchesSearch("agency.searchText", input.query);
      return match ? qb.where(match) : qb;
    })
    .$call((qb) =>
      activeOn === undefined
        ? qb
        : qb
            .where((eb) =>
              eb.or([eb("agency.validFrom", "is", null), eb("agency.validFrom", "<=", activeOn)]),
            )
            .where((eb) =>
              eb.or([eb("agency.validTo", "is", null), eb("agency.validTo", ">=", activeOn)]),
            ),
    )
    .limit(2_000)
    .execute();
  return rows.sort((a, b) => compareVi(a.name, b.name)).slice(0, input.limit);
}

export async function agenciesByIds(db: Db, ids: readonly number[]): Promise<Agency[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("agency").select(AGENCY_COLUMNS).where("agency.id", "in", ids).execute();
}

export async function agencyById(db: Db, id: number): Promise<Agency | undefined> {
  return db
    .selectFrom("agency")
    .select(AGENCY_COLUMNS)
    .where("agency.id", "=", id)
    .executeTakeFirst();
}

export type AgencyGroup = {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  agencyIds: number[];
};

/** Named sets of agencies for quick assignment (northern border provinces, all ministries...). */
export async function listAgencyGroups(db: Db): Promise<AgencyGroup[]> {
  const groups = await db
    .selectFrom("agencyGroup")
    .select(["agencyGroup.id", "agencyGroup.code", "agencyGroup.name", "agencyGroup.nameEn"])
    .orderBy("agencyGroup.id")
    .execute();
  const members = await db
    .selectFrom("agencyGroupMember")
    .select(["agencyGroupMember.groupId", "agencyGroupMember.agencyId"])
    .execute();
  return groups.map((group) => ({
    ...group,
    agencyIds: members.filter((m) => m.groupId === group.id).map((m) => m.agencyId),
  }));
}

export type EndingAgency = {
  agency: AgencyRef;
  validTo: string;
  successor: AgencyRef | null;
  /** Active accounts still attached to it (to move to the successor). */
  activeUsers: number;
};

/**
 * Agencies whose validity ends between `from` and `until` (both included), that `userId` has
 * not marked as seen, soonest first: mergers and renamings an administrator prepares accounts for.
 */
export async function agenciesEnding(
  db: Db,
  from: string,
  until: string,
  userId: number,
): Promise<EndingAgency[]> {
  const rows = await db
    .selectFrom("agency")
    .leftJoin("agency as successor", "successor.id", "agency.successorId")
    .select([
      ...agencyRefColumns("agency"),
      "agency.validTo",
      "successor.id as successorId",
      "successor.code as successorCode",
      "successor.name as successorName",
      "successor.shortName as successorShortName",
    ])
    .select((eb) =>
      eb
        .selectFrom("appUser")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("appUser.agencyId", "=", "agency.id")
        .where("appUser.isActive", "=", 1)
        .as("activeUsers"),
    )
    .where("agency.validTo", ">=", from)
    .where("agency.validTo", "<=", until)
    .where(notSeenBy(userId, "agency", "agency.id"))
    .orderBy("agency.validTo")
    .orderBy("agency.name")
    .execute();
  return rows.flatMap((row) => {
    if (row.validTo === null) return [];
    const { successorId, successorCode, successorName, successorShortName } = row;
    return [
      {
        agency: agencyRef(row, "agency"),
        validTo: row.validTo,
        successor:
          successorId !== null &&
          successorCode !== null &&
          successorName !== null &&
          successorShortName !== null
            ? {
                id: successorId,
                code: successorCode,
                name: successorName,
                shortName: successorShortName,
              }
            : null,
        activeUsers: Number(row.activeUsers ?? 0),
      },
    ];
  });
}
