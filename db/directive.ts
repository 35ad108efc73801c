import type { DirectiveType } from "../shared/directive.ts";
import type { Viewer } from "../shared/permission.ts";
import { foldText } from "../shared/text.ts";
import { type AgencyRef, type AgencyRefRow, agencyRef, agencyRefColumns } from "./agency.ts";
import type { Db } from "./open.ts";
import { matchesSearch } from "./search.ts";
import { directiveVisibleTo, taskVisibleTo } from "./visibility.ts";

export type Directive = {
  id: number;
  type: DirectiveType;
  number: string;
  issuer: string;
  issuedOn: string;
  title: string;
  summary: string;
  fullText: string;
  trackingAgency: AgencyRef;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** taskCount: the tasks of the directive that the viewer may see. */
export type DirectiveListItem = Omit<Directive, "fullText"> & { taskCount: number };

function directiveRows(db: Db) {
  return db
    .selectFrom("directive")
    .innerJoin("agency as tracking", "tracking.id", "directive.trackingAgencyId");
}

const COLUMNS = [
  "directive.id",
  "directive.type",
  "directive.number",
  "directive.issuer",
  "directive.issuedOn",
  "directive.title",
  "directive.summary",
  "directive.isDemo",
  "directive.version",
  "directive.createdAt",
  "directive.updatedAt",
  ...agencyRefColumns("tracking"),
] as const;

type Row = AgencyRefRow<"tracking"> & {
  id: number;
  type: DirectiveType;
  number: string;
  issuer: string;
  issuedOn: string;
  title: string;
  summary: string;
  isDemo: 0 | 1;
  version: number;
  createdAt: string;
  updatedAt: string;
};

function fromRow(row: Row): Omit<Directive, "fullText"> {
  const { trackingId, trackingCode, trackingName, trackingShortName, isDemo, ...rest } = row;
  return { ...rest, isDemo: isDemo === 1, trackingAgency: agencyRef(row, "tracking") };
}

export async function listDirectives(
  db: Db,
  viewer: Viewer,
  input: {
    query: string;
    type?: DirectiveType | undefined;
    year?: number | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: DirectiveListItem[]; total: number }> {
  const { type, year } = input;
  const match = matchesSearch("directive.searchText", input.query);
  const filtered = directiveRows(db)
    .where(directiveVisibleTo(viewer))
    .$call((qb) => (match ? qb.where(match) : qb))
    .$call((qb) => (type ? qb.where("directive.type", "=", type) : qb))
    .$call((qb) => (year ? qb.where("directive.issueYear", "=", year) : qb));
  const [rows, count] = await Promise.all([
    filtered
      .select(COLUMNS)
      .orderBy("directive.issuedOn", "desc")
      .orderBy("directive.id", "desc")
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  // Counted for this page only: a column subquery would run for every directive before sorting.
  const ids = rows.map((row) => row.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom("task")
          .select((eb) => ["task.directiveId", eb.fn.countAll<number>().as("n")])
          .where("task.directiveId", "in", ids)
          .where(taskVisibleTo(viewer))
          .groupBy("task.directiveId")
          .execute();
  const countOf = new Map(counts.map((c) => [c.directiveId, Number(c.n)]));
  return {
    items: rows.map((row) => ({ ...fromRow(row), taskCount: countOf.get(row.id) ?? 0 })),
    total: Number(count.total),
  };
}

/** The directive if the viewer may see it. */
export async function directiveById(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<Directive | undefined> {
  const row = await directiveRows(db)
    .where("directive.id", "=", id)
    .where(directiveVisibleTo(viewer))
    .select(COLUMNS)
    .select("directive.fullText")
    .executeTakeFirst();
  return row && { ...fromRow(row), fullText: row.fullText };
}

/** Facts for permission checks, whoever asks. */
export async function directiveFacts(
  db: Db,
  id: number,
): Promise<
  { id: number; trackingAgencyId: number; issuedOn: string; version: number } | undefined
> {
  return db
    .selectFrom("directive")
    .select([
      "directive.id",
      "directive.trackingAgencyId",
      "directive.issuedOn",
      "directive.version",
    ])
    .where("directive.id", "=", id)
    .executeTakeFirst();
}

export type DirectiveValues = {
  type: DirectiveType;
  number: string;
  issuer: string;
  issuedOn: string;
  title: string;
  summary: string;
  fullText: string;
};

/** What a search over directives matches: number, title, summary and issuer, folded. */
export function directiveSearchText(values: {
  number: string;
  title: string;
  summary: string;
  issuer: string;
}): string {
  return foldText(`${values.number} ${values.title} ${values.summary} ${values.issuer}`);
}

/** Another directive with the same type, number, issuer and issue year, if any. */
export async function findDuplicateDirective(
  db: Db,
  values: { type: DirectiveType; number: string; issuer: string; issueYear: number },
  exceptId?: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("directive")
    .select("directive.id")
    .where("directive.type", "=", values.type)
    .where("directive.number", "=", values.number)
    .where("directive.issuer", "=", values.issuer)
    .where("directive.issueYear", "=", values.issueYear)
    .$call((qb) => (exceptId === undefined ? qb : qb.where("directive.id", "<>", exceptId)))
    .executeTakeFirst();
  return row?.id;
}

export async function insertDirective(
  db: Db,
  values: DirectiveValues & { trackingAgencyId: number; createdBy: number; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto("directive")
    .values({
      ...values,
      issueYear: Number(values.issuedOn.slice(0, 4)),
      searchText: directiveSearchText(values),
      updatedAt: values.createdAt,
    })
    .returning("directive.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Optimistic concurrency as for tasks: false when the version moved on. */
export async function updateDirective(
  db: Db,
  id: number,
  version: number,
  values: DirectiveValues,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable("directive")
    .set({
      ...values,
      issueYear: Number(values.issuedOn.slice(0, 4)),
      searchText: directiveSearchText(values),
      updatedAt,
      version: version + 1,
    })
    .where("directive.id", "=", id)
    .where("directive.version", "=", version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
