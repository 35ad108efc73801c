import type { AgencyKind } from "../shared/agency.ts";
import { addDays } from "../shared/date.ts";
import { compareVi, foldText } from "../shared/text.ts";
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

/**
 * Named sets of agencies for quick assignment (northern border provinces, all ministries...),
 * with the members of `date` when given (membership has validity dates), else every member ever.
 */
export async function listAgencyGroups(db: Db, date?: string): Promise<AgencyGroup[]> {
  const groups = await db
    .selectFrom("agencyGroup")
    .select(["agencyGroup.id", "agencyGroup.code", "agencyGroup.name", "agencyGroup.nameEn"])
    .orderBy("agencyGroup.id")
    .execute();
  const members = await db
    .selectFrom("agencyGroupMember")
    .select(["agencyGroupMember.groupId", "agencyGroupMember.agencyId"])
    .$call((qb) =>
      date === undefined
        ? qb
        : qb
            .where((eb) =>
              eb.or([
                eb("agencyGroupMember.validFrom", "is", null),
                eb("agencyGroupMember.validFrom", "<=", date),
              ]),
            )
            .where((eb) =>
              eb.or([
                eb("agencyGroupMember.validTo", "is", null),
                eb("agencyGroupMember.validTo", ">=", date),
              ]),
            ),
    )
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

/**
 * Which agency a task led by an agency is counted under on `date`: the agency itself while it
 * exists, then its successor (transitively: a successor that ended too passes it on), so that a
 * task led by Hà Giang counts under Hà Giang as of 30/06/2025 and under Tuyên Quang from
 * 01/07/2025. Only agencies that ended before `date` and have a successor are in the map.
 */
export async function successorsOn(db: Db, date: string): Promise<Map<number, number>> {
  return (await successions(db))(date);
}

/**
 * The agencies' succession, read once: for any day, each agency ended by then mapped to the
 * agency that carries its work on that day (passed on while successors end too).
 */
export async function successions(db: Db): Promise<(date: string) => Map<number, number>> {
  const rows = await db
    .selectFrom("agency")
    .select(["agency.id", "agency.validTo", "agency.successorId"])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (date) => {
    const result = new Map<number, number>();
    for (const row of rows) {
      let current = row;
      const seen = new Set<number>();
      while (current.validTo !== null && current.validTo < date && current.successorId !== null) {
        const next = byId.get(current.successorId);
        if (!next || seen.has(next.id)) break;
        seen.add(next.id);
        current = next;
      }
      if (current.id !== row.id) result.set(row.id, current.id);
    }
    return result;
  };
}

/** The names of agencies valid on `date` (agency_name history), for those renamed since. */
export async function agencyNamesOn(
  db: Db,
  ids: readonly number[],
  date: string,
): Promise<Map<number, { name: string; shortName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("agencyName")
    .select(["agencyName.agencyId", "agencyName.name", "agencyName.shortName"])
    .where("agencyName.agencyId", "in", ids)
    .where((eb) =>
      eb.or([eb("agencyName.validFrom", "is", null), eb("agencyName.validFrom", "<=", date)]),
    )
    .where("agencyName.validTo", ">=", date)
    .execute();
  return new Map(rows.map((row) => [row.agencyId, { name: row.name, shortName: row.shortName }]));
}

/** The agency references with the names they had on `date`. */
export async function withNamesOn<T extends AgencyRef>(
  db: Db,
  agencies: readonly T[],
  date: string,
): Promise<T[]> {
  const names = await agencyNamesOn(
    db,
    agencies.map((agency) => agency.id),
    date,
  );
  return agencies.map((agency) => ({ ...agency, ...names.get(agency.id) }));
}

/** Every successor of an agency (several when it was split), the default one first. */
export async function successorsOf(db: Db, agencyId: number): Promise<AgencyRef[]> {
  const rows = await db
    .selectFrom("agencySuccession")
    .innerJoin("agency", "agency.id", "agencySuccession.successorId")
    .innerJoin("agency as predecessor", "predecessor.id", "agencySuccession.agencyId")
    .select([...AGENCY_REF_COLUMNS, "predecessor.successorId as defaultId"])
    .where("agencySuccession.agencyId", "=", agencyId)
    .execute();
  return rows
    .sort((a, b) => Number(b.id === b.defaultId) - Number(a.id === a.defaultId) || a.id - b.id)
    .map(toAgencyRef);
}

/**
 * Renames an agency from `on`: its present name goes into agency_name, valid from the day after
 * its previous renaming (or from its start) to the day before `on`. Inside the caller's
 * transaction; figures as of days before `on` keep printing the old name.
 */
export async function renameAgency(
  db: Db,
  agencyId: number,
  rename: { name: string; shortName: string; on: string },
): Promise<void> {
  const agency = await db
    .selectFrom("agency")
    .select(["agency.code", "agency.name", "agency.shortName", "agency.nameEn", "agency.validFrom"])
    .where("agency.id", "=", agencyId)
    .executeTakeFirstOrThrow();
  const previous = await db
    .selectFrom("agencyName")
    .select((eb) => eb.fn.max("agencyName.validTo").as("validTo"))
    .where("agencyName.agencyId", "=", agencyId)
    .executeTakeFirst();
  const validFrom = previous?.validTo ? addDays(previous.validTo, 1) : agency.validFrom;
  if (validFrom !== null && validFrom >= rename.on) {
    throw new Error(`Agency ${agency.code} was renamed on or after ${rename.on} already`);
  }
  await db
    .insertInto("agencyName")
    .values({
      agencyId,
      name: agency.name,
      shortName: agency.shortName,
      nameEn: agency.nameEn,
      validFrom,
      validTo: addDays(rename.on, -1),
    })
    .execute();
  await db
    .updateTable("agency")
    .set({
      name: rename.name,
      shortName: rename.shortName,
      searchText: foldText(`${rename.name} ${rename.shortName} ${agency.code}`),
    })
    .where("agency.id", "=", agencyId)
    .execute();
}
