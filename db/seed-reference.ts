import { readFileSync } from "node:fs";
import type { Transaction } from "kysely";
import { z } from "zod";
import type { AgencyKind } from "../shared/agency.ts";
import { addDays } from "../shared/date.ts";
import { foldText } from "../shared/text.ts";
import { seedCalendarYears, writeCalendarYear } from "./calendar.ts";
import type { Db } from "./open.ts";
import type { Database, NewAgency } from "./schema.ts";

/**
 * Reference data: agencies (with validity dates and successor links), agency groups and the
 * civil servants' calendar 2024-2026, read from db/seed/*.json. Code scheme of `agency.code`:
 * - ministries and ministry-level agencies: the data's abbreviation ("BCT", "BKHĐT", "VPCP");
 * - agencies attached to the Government: the usual Vietnamese abbreviations of GOVERNMENT_AGENCIES
 *   below ("TTXVN", "VOV", "BHXH"...); a unit that moved under a ministry on 1/3/2025 gets a new
 *   row "<code>-2025" (kind ministry_unit) as its successor;
 * - state groups: the data's abbreviation ("PVN", "TKV", "EVN", "Petrolimex"...);
 * - market management: "QLTT" (Tổng cục, until 28/02/2025) and "CQLPTTTN" (Cục, from 1/3/2025);
 * - provinces: "UBND-<two-digit code>" for the units of 2024 (one row when unchanged in 2025),
 *   "UBND-<code>-2025" for a unit formed by the reorganisation, even when it keeps an old number.
 */

const MINISTRIES_SPLIT_LAST_DAY = "2025-02-28";
const MINISTRIES_2025_FROM = "2025-03-01";
const PROVINCES_MERGE_LAST_DAY = "2025-06-30";
const PROVINCES_2025_FROM = "2025-07-01";

const nameSchema = z.string().trim().min(1);
const ministryTypeSchema = z.enum(["bộ", "cơ quan ngang bộ"]);

const agenciesFileSchema = z.object({
  ministries_2024: z.object({
    items: z.array(
      z.object({
        abbr: nameSchema,
        name: nameSchema,
        type: ministryTypeSchema,
        successor_2025_abbr: nameSchema,
      }),
    ),
  }),
  ministries_2025: z.object({
    items: z.array(
      z.object({
        abbr: nameSchema,
        name: nameSchema,
        type: ministryTypeSchema,
        merged_from_2024_abbr: z.array(nameSchema),
      }),
    ),
  }),
  government_attached_agencies: z.object({ "2024": z.array(nameSchema) }),
  state_groups: z.array(
    z.object({
      abbr: nameSchema,
      brand: nameSchema.optional(),
      name_2024: nameSchema.optional(),
      name_current: nameSchema,
      en: nameSchema.optional(),
    }),
  ),
  ministry_units_bct: z.object({
    items: z.array(
      z.object({
        code: nameSchema,
        name: nameSchema,
        short: nameSchema,
        en: nameSchema,
        valid_to: z.string().optional(),
        successor: nameSchema.optional(),
      }),
    ),
  }),
  market_management: z.object({
    until_2025_02_28: z.object({ name: nameSchema }),
    from_2025_03_01: z.object({ name: nameSchema, en: nameSchema }),
  }),
});

const provinceTypeSchema = z.enum(["tỉnh", "thành phố"]);
const provinceCodeSchema = z.string().regex(/^\d{2}$/);

const provinces2024FileSchema = z.object({
  provinces: z.array(
    z.object({
      code: provinceCodeSchema,
      name: nameSchema,
      type: provinceTypeSchema,
      borders_china: z.boolean(),
      successor_2025_code: provinceCodeSchema,
    }),
  ),
});

const provinces2025FileSchema = z.object({
  provinces: z.array(
    z.object({
      code: provinceCodeSchema,
      name: nameSchema,
      type: provinceTypeSchema,
      merged_from_codes: z.array(provinceCodeSchema).min(1),
      unchanged: z.boolean(),
    }),
  ),
});

function readSeed<T>(file: string, schema: z.ZodType<T>): T {
  const text = readFileSync(new URL(`./seed/${file}`, import.meta.url), "utf8");
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`db/seed/${file} does not have the expected shape: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** English names and short Vietnamese names of ministries, keyed by the data's abbreviation. */
const MINISTRY_NAMES: Record<string, { nameEn: string; shortName?: string }> = {
  BQP: { nameEn: "Ministry of National Defence" },
  BCA: { nameEn: "Ministry of Public Security" },
  BNG: { nameEn: "Ministry of Foreign Affairs" },
  BNV: { nameEn: "Ministry of Home Affairs" },
  BTP: { nameEn: "Ministry of Justice" },
  BKHĐT: { nameEn: "Ministry of Planning and Investment", shortName: "Bộ KH&ĐT" },
  BTC: { nameEn: "Ministry of Finance" },
  BCT: { nameEn: "Ministry of Industry and Trade" },
  BNNPTNT: { nameEn: "Ministry of Agriculture and Rural Development", shortName: "Bộ NN&PTNT" },
  BGTVT: { nameEn: "Ministry of Transport", shortName: "Bộ GTVT" },
  BXD: { nameEn: "Ministry of Construction" },
  BTNMT: { nameEn: "Ministry of Natural Resources and Environment", shortName: "Bộ TN&MT" },
  BTTTT: { nameEn: "Ministry of Information and Communications", shortName: "Bộ TT&TT" },
  BLĐTBXH: { nameEn: "Ministry of Labour, Invalids and Social Affairs", shortName: "Bộ LĐ-TB&XH" },
  BVHTTDL: { nameEn: "Ministry of Culture, Sports and Tourism", shortName: "Bộ VHTTDL" },
  BKHCN: { nameEn: "Ministry of Science and Technology", shortName: "Bộ KH&CN" },
  BGDĐT: { nameEn: "Ministry of Education and Training", shortName: "Bộ GD&ĐT" },
  BYT: { nameEn: "Ministry of Health" },
  UBDT: { nameEn: "Committee for Ethnic Minority Affairs" },
  NHNN: { nameEn: "State Bank of Vietnam", shortName: "Ngân hàng Nhà nước" },
  TTCP: { nameEn: "Government Inspectorate" },
  VPCP: { nameEn: "Government Office" },
  BNNMT: { nameEn: "Ministry of Agriculture and Environment", shortName: "Bộ NN&MT" },
  BDTTG: { nameEn: "Ministry of Ethnic and Religious Affairs", shortName: "Bộ DT&TG" },
};

/** The tracking office of the Government: present whether or not the data lists it. */
const GOVERNMENT_OFFICE = { abbr: "VPCP", name: "Văn phòng Chính phủ" };

type GovernmentAgencyFate =
  | { kind: "continues" }
  /** Ends on 28/02/2025; its functions pass to a ministry (successor = that ministry). */
  | { kind: "dissolved"; successor: string }
  /** Ends on 28/02/2025 as a Government agency; continues as a unit under a ministry. */
  | { kind: "moved"; parent: string }
  /** Ends on 28/02/2025 and leaves the Government's system (no successor among agencies). */
  | { kind: "left" };

/**
 * Agencies attached to the Government in 2024, keyed by the data's name (without a trailing
 * parenthesis). Codes are the usual Vietnamese abbreviations. Their 2025 fate follows the data's
 * "2025_changes", which the data marks as general knowledge, not checked against official text.
 */
const GOVERNMENT_AGENCIES: Record<
  string,
  { code: string; shortName: string; nameEn: string; fate: GovernmentAgencyFate }
> = {
  "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh": {
    code: "BQLL",
    shortName: "Ban Quản lý Lăng",
    nameEn: "Ho Chi Minh Mausoleum Management Board",
    fate: { kind: "moved", parent: "BQP" },
  },
  "Bảo hiểm xã hội Việt Nam": {
    code: "BHXH",
    shortName: "BHXH Việt Nam",
    nameEn: "Vietnam Social Security",
    fate: { kind: "moved", parent: "BTC" },
  },
  "Thông tấn xã Việt Nam": {
    code: "TTXVN",
    shortName: "TTXVN",
    nameEn: "Vietnam News Agency",
    fate: { kind: "continues" },
  },
  "Đài Tiếng nói Việt Nam": {
    code: "VOV",
    shortName: "Đài TNVN",
    nameEn: "Voice of Vietnam",
    fate: { kind: "continues" },
  },
  "Đài Truyền hình Việt Nam": {
    code: "VTV",
    shortName: "Đài THVN",
    nameEn: "Vietnam Television",
    fate: { kind: "continues" },
  },
  "Học viện Chính trị quốc gia Hồ Chí Minh": {
    code: "HVCTQG",
    shortName: "Học viện CTQG Hồ Chí Minh",
    nameEn: "Ho Chi Minh National Academy of Politics",
    fate: { kind: "left" },
  },
  "Viện Hàn lâm Khoa học và Công nghệ Việt Nam": {
    code: "VHLKHCN",
    shortName: "Viện Hàn lâm KH&CN Việt Nam",
    nameEn: "Vietnam Academy of Science and Technology",
    fate: { kind: "continues" },
  },
  "Viện Hàn lâm Khoa học xã hội Việt Nam": {
    code: "VHLKHXH",
    shortName: "Viện Hàn lâm KHXH Việt Nam",
    nameEn: "Vietnam Academy of Social Sciences",
    fate: { kind: "continues" },
  },
  "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp": {
    code: "UBQLV",
    shortName: "Ủy ban Quản lý vốn nhà nước",
    nameEn: "Commission for the Management of State Capital at Enterprises",
    fate: { kind: "dissolved", successor: "BTC" },
  },
};

/** English names of state groups the data gives no English name for. */
const STATE_GROUP_NAMES_EN: Record<string, string> = {
  TKV: "Vietnam National Coal - Mineral Industries Holding Corporation",
  EVN: "Vietnam Electricity",
  Petrolimex: "Vietnam National Petroleum Group",
  Vinachem: "Vietnam National Chemical Group",
  Vinataba: "Vietnam National Tobacco Corporation",
  VRG: "Vietnam Rubber Group",
  VNPT: "Vietnam Posts and Telecommunications Group",
  MobiFone: "MobiFone Telecommunications Corporation",
};

/**
 * Huế: the 2024 province Thừa Thiên Huế became the centrally-run city of Huế on 1/1/2025 (NQ
 * 175/2024/QH15), and the 2025 merger left it as it was. The city is a successor row from
 * 1/1/2025; any other unit that the 2025 data marks unchanged under another name or type would
 * need its date here.
 */
const RENAMED_BEFORE_MERGE: Record<string, string> = { "46": "2025-01-01" };

function withoutParenthesis(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, "");
}

/** "Lạng Sơn" → "Lang Son", for English names. */
function toAscii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

function ministryKind(type: z.infer<typeof ministryTypeSchema>): AgencyKind {
  return type === "bộ" ? "ministry" : "ministry_level_agency";
}

function ministryNames(abbr: string): { nameEn: string; shortName?: string } {
  const names = MINISTRY_NAMES[abbr];
  if (!names) throw new Error(`No English name for ministry ${abbr} in db/seed-reference.ts`);
  return names;
}

function provinceNames(province: { name: string; type: z.infer<typeof provinceTypeSchema> }) {
  const city = province.type === "thành phố";
  return {
    name: `UBND ${province.type} ${province.name}`,
    shortName: province.name,
    nameEn: `${toAscii(province.name)} ${city ? "City" : "Provincial"} People's Committee`,
  };
}

type Trx = Transaction<Database>;

async function insertAgency(trx: Trx, agency: Omit<NewAgency, "searchText">): Promise<number> {
  const row = await trx
    .insertInto("agency")
    .values({
      ...agency,
      searchText: foldText(`${agency.name} ${agency.shortName} ${agency.code}`),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (agency.successorId !== undefined && agency.successorId !== null) {
    await trx
      .insertInto("agencySuccession")
      .values({ agencyId: row.id, successorId: agency.successorId })
      .execute();
  }
  return row.id;
}

/**
 * Ministries split on 1/3/2025: besides the default successor (the data's successor_2025_abbr),
 * the ministries that took over part of their work, which a task may choose. The data marks
 * these as general knowledge (ministries_2025 notes), not checked against official text.
 */
const FURTHER_SUCCESSORS: Record<string, readonly string[]> = {
  BLĐTBXH: ["BGDĐT", "BYT"],
};

/**
 * Earlier names of agencies that kept their row when renamed: PVN, "Tập đoàn Dầu khí Việt Nam"
 * until the renaming of 9/4/2025 (QĐ 733/QĐ-TTg, in the data's state_groups).
 */
const PVN_RENAMED_ON = "2025-04-09";

function lookUp(ids: ReadonlyMap<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`${what} ${key} is missing from the seed data`);
  return id;
}

type Member = { agencyId: number; validFrom?: string | null; validTo?: string | null };

async function insertGroup(
  trx: Trx,
  group: { code: string; name: string; nameEn: string },
  members: readonly (number | Member)[],
): Promise<void> {
  const { id } = await trx
    .insertInto("agencyGroup")
    .values(group)
    .returning("id")
    .executeTakeFirstOrThrow();
  const byAgency = new Map<number, Member>();
  for (const member of members) {
    const value = typeof member === "number" ? { agencyId: member } : member;
    byAgency.set(value.agencyId, value);
  }
  if (byAgency.size > 0) {
    await trx
      .insertInto("agencyGroupMember")
      .values([...byAgency.values()].map((member) => ({ groupId: id, ...member })))
      .execute();
  }
}

/** Ministries and ministry-level agencies of 2024 and from 1/3/2025; returns ids by abbreviation. */
async function seedMinistries(trx: Trx, data: z.infer<typeof agenciesFileSchema>) {
  const items2024 = [...data.ministries_2024.items];
  const items2025 = [...data.ministries_2025.items];
  if (!items2024.some((item) => item.abbr === GOVERNMENT_OFFICE.abbr)) {
    items2024.push({ ...GOVERNMENT_OFFICE, type: "cơ quan ngang bộ", successor_2025_abbr: "VPCP" });
  }
  if (!items2025.some((item) => item.abbr === GOVERNMENT_OFFICE.abbr)) {
    items2025.push({
      ...GOVERNMENT_OFFICE,
      type: "cơ quan ngang bộ",
      merged_from_2024_abbr: ["VPCP"],
    });
  }
  const abbrs2024 = new Set(items2024.map((item) => item.abbr));
  const ids = new Map<string, number>();

  // The 2025 set first, so that the merged-away 2024 ministries can point to their successor.
  for (const item of items2025) {
    const names = ministryNames(item.abbr);
    ids.set(
      item.abbr,
      await insertAgency(trx, {
        code: item.abbr,
        name: item.name,
        shortName: names.shortName ?? item.name,
        nameEn: names.nameEn,
        kind: ministryKind(item.type),
        validFrom: abbrs2024.has(item.abbr) ? null : MINISTRIES_2025_FROM,
        validTo: null,
      }),
    );
  }
  for (const item of items2024) {
    if (ids.has(item.abbr)) continue;
    const names = ministryNames(item.abbr);
    ids.set(
      item.abbr,
      await insertAgency(trx, {
        code: item.abbr,
        name: item.name,
        shortName: names.shortName ?? item.name,
        nameEn: names.nameEn,
        kind: ministryKind(item.type),
        validFrom: null,
        validTo: MINISTRIES_SPLIT_LAST_DAY,
        successorId: lookUp(ids, item.successor_2025_abbr, "Ministry of 2025"),
      }),
    );
  }
  for (const [abbr, successors] of Object.entries(FURTHER_SUCCESSORS)) {
    await trx
      .insertInto("agencySuccession")
      .values(
        successors.map((successor) => ({
          agencyId: lookUp(ids, abbr, "Ministry"),
          successorId: lookUp(ids, successor, "Ministry of 2025"),
        })),
      )
      .execute();
  }
  return {
    ids,
    ids2024: items2024.map((item) => lookUp(ids, item.abbr, "Ministry")),
    ids2025: items2025.map((item) => lookUp(ids, item.abbr, "Ministry")),
  };
}

async function seedGovernmentAgencies(
  trx: Trx,
  names: readonly string[],
  ministryIds: ReadonlyMap<string, number>,
): Promise<void> {
  for (const fullName of names) {
    const name = withoutParenthesis(fullName);
    const known = GOVERNMENT_AGENCIES[name];
    if (!known)
      throw new Error(`No code for the Government agency "${name}" in db/seed-reference.ts`);
    const { fate } = known;
    let successorId: number | null = null;
    if (fate.kind === "dissolved") {
      successorId = lookUp(ministryIds, fate.successor, "Ministry");
    } else if (fate.kind === "moved") {
      successorId = await insertAgency(trx, {
        code: `${known.code}-2025`,
        name,
        shortName: known.shortName,
        nameEn: known.nameEn,
        kind: "ministry_unit",
        parentId: lookUp(ministryIds, fate.parent, "Ministry"),
        validFrom: MINISTRIES_2025_FROM,
        validTo: null,
      });
    }
    await insertAgency(trx, {
      code: known.code,
      name,
      shortName: known.shortName,
      nameEn: known.nameEn,
      kind: "government_agency",
      validFrom: null,
      validTo: fate.kind === "continues" ? null : MINISTRIES_SPLIT_LAST_DAY,
      successorId,
    });
  }
}

/**
 * State groups: one row each, a rename keeps the row (PVN carries its 2025 name). They have no
 * parent: their owner changed (BCT, then the capital commission from 2018, then BTC from 2025)
 * and the parent column has no dates.
 */
async function seedStateGroups(
  trx: Trx,
  groups: z.infer<typeof agenciesFileSchema>["state_groups"],
) {
  for (const group of groups) {
    const id = await insertAgency(trx, {
      code: group.abbr,
      name: group.name_current,
      shortName: group.brand ?? group.abbr,
      nameEn: group.en ?? STATE_GROUP_NAMES_EN[group.abbr] ?? "",
      kind: "state_group",
      validFrom: null,
      validTo: null,
    });
    if (group.name_2024 !== undefined && group.abbr === "PVN") {
      await trx
        .insertInto("agencyName")
        .values({
          agencyId: id,
          name: group.name_2024,
          shortName: group.brand ?? group.abbr,
          nameEn: "Vietnam Oil and Gas Group",
          validFrom: null,
          validTo: addDays(PVN_RENAMED_ON, -1),
        })
        .execute();
    }
  }
}

async function seedMarketManagement(
  trx: Trx,
  data: z.infer<typeof agenciesFileSchema>["market_management"],
  ministryIds: ReadonlyMap<string, number>,
): Promise<void> {
  const parentId = lookUp(ministryIds, "BCT", "Ministry");
  const successorId = await insertAgency(trx, {
    code: "CQLPTTTN",
    name: withoutParenthesis(data.from_2025_03_01.name),
    shortName: "Cục QL&PT thị trường trong nước",
    nameEn: data.from_2025_03_01.en,
    kind: "ministry_unit",
    parentId,
    validFrom: MINISTRIES_2025_FROM,
    validTo: null,
  });
  await insertAgency(trx, {
    code: "QLTT",
    name: withoutParenthesis(data.until_2025_02_28.name),
    shortName: "Tổng cục QLTT",
    nameEn: "Directorate of Market Surveillance",
    kind: "ministry_unit",
    parentId,
    validFrom: null,
    validTo: MINISTRIES_SPLIT_LAST_DAY,
    successorId,
  });
}

/**
 * Departments of the Ministry of Industry and Trade (Vụ, Cục), so that the Ministry can break its
 * tasks down internally; a short list from the data (ministry_units_bct), which says how sure it is.
 */
async function seedMinistryUnits(
  trx: Trx,
  units: z.infer<typeof agenciesFileSchema>["ministry_units_bct"]["items"],
  ministryIds: ReadonlyMap<string, number>,
): Promise<void> {
  const parentId = lookUp(ministryIds, "BCT", "Ministry");
  for (const unit of units) {
    const successor =
      unit.successor === undefined
        ? undefined
        : await trx
            .selectFrom("agency")
            .select("agency.id")
            .where("agency.code", "=", unit.successor)
            .executeTakeFirstOrThrow();
    await insertAgency(trx, {
      code: unit.code,
      name: unit.name,
      shortName: unit.short,
      nameEn: unit.en,
      kind: "ministry_unit",
      parentId,
      validFrom: null,
      validTo: unit.valid_to ?? null,
      successorId: successor?.id ?? null,
    });
  }
}

/**
 * A Department of Industry and Trade (Sở Công Thương) under every province of 2024 and of 2025,
 * with the province's validity and, for a merged province, the successor province's department:
 * provinces pass their tasks on to it.
 */
async function seedDepartmentsOfIndustryAndTrade(trx: Trx): Promise<void> {
  const provinces = await trx
    .selectFrom("agency")
    .select([
      "agency.id",
      "agency.code",
      "agency.name",
      "agency.shortName",
      "agency.validFrom",
      "agency.validTo",
      "agency.successorId",
    ])
    .where("agency.kind", "=", "province")
    .orderBy("agency.successorId", (ob) => ob.asc().nullsFirst())
    .orderBy("agency.id")
    .execute();
  const departments = new Map<number, number>();
  // Successors (no successor of their own) first, so that predecessors can point to them.
  for (const province of provinces) {
    const successor =
      province.successorId === null ? undefined : departments.get(province.successorId);
    const id = await insertAgency(trx, {
      code: province.code.replace(/^UBND-/, "SCT-"),
      name: province.name.replace(/^UBND /, "Sở Công Thương "),
      shortName: `SCT ${province.shortName}`,
      nameEn: `Department of Industry and Trade, ${toAscii(province.shortName)}`,
      kind: "province_unit",
      parentId: province.id,
      validFrom: province.validFrom,
      validTo: province.validTo,
      successorId: successor ?? null,
    });
    departments.set(province.id, id);
  }
}

/** The 63 units of 2024 and the 34 from 1/7/2025, with successor links. */
async function seedProvinces(trx: Trx) {
  const provinces2024 = readSeed("provinces_63_2024.json", provinces2024FileSchema).provinces;
  const provinces2025 = readSeed("provinces_34_2025.json", provinces2025FileSchema).provinces;
  const byCode2024 = new Map(provinces2024.map((province) => [province.code, province]));

  /** Ids of the 2025 units by their code, and of the 2024 units by theirs. */
  const ids2025 = new Map<string, number>();
  const ids2024 = new Map<string, number>();

  for (const province of provinces2025) {
    const former = byCode2024.get(province.code);
    const sameUnit =
      province.unchanged &&
      former !== undefined &&
      province.merged_from_codes.length === 1 &&
      province.merged_from_codes[0] === province.code;
    if (sameUnit && former.name === province.name && former.type === province.type) {
      const id = await insertAgency(trx, {
        code: `UBND-${province.code}`,
        ...provinceNames(province),
        kind: "province",
        validFrom: null,
        validTo: null,
      });
      ids2025.set(province.code, id);
      ids2024.set(province.code, id);
      continue;
    }
    let validFrom = PROVINCES_2025_FROM;
    if (sameUnit) {
      const renamedOn = RENAMED_BEFORE_MERGE[province.code];
      if (renamedOn === undefined) {
        throw new Error(`Province ${province.code} changed name or type: add its date`);
      }
      validFrom = renamedOn;
    }
    ids2025.set(
      province.code,
      await insertAgency(trx, {
        code: `UBND-${province.code}-2025`,
        ...provinceNames(province),
        kind: "province",
        validFrom,
        validTo: null,
      }),
    );
  }

  for (const province of provinces2024) {
    if (ids2024.has(province.code)) continue;
    const renamedOn = RENAMED_BEFORE_MERGE[province.code];
    const successorId = lookUp(ids2025, province.successor_2025_code, "Province of 2025");
    ids2024.set(
      province.code,
      await insertAgency(trx, {
        code: `UBND-${province.code}`,
        ...provinceNames(province),
        kind: "province",
        validFrom: null,
        validTo: renamedOn === undefined ? PROVINCES_MERGE_LAST_DAY : addDays(renamedOn, -1),
        successorId,
      }),
    );
  }

  return {
    ids2024: provinces2024.map((province) => lookUp(ids2024, province.code, "Province")),
    ids2025: provinces2025.map((province) => lookUp(ids2025, province.code, "Province")),
    northernBorder: provinces2024
      .filter((province) => province.borders_china)
      .flatMap((province): Member[] => {
        const before = lookUp(ids2024, province.code, "Province");
        const after = lookUp(ids2025, province.successor_2025_code, "Province of 2025");
        if (before === after) return [{ agencyId: before }];
        return [
          { agencyId: before, validTo: PROVINCES_MERGE_LAST_DAY },
          { agencyId: after, validFrom: PROVINCES_2025_FROM },
        ];
      }),
  };
}

/**
 * Inserts the agencies and agency groups, in one transaction. Does nothing when agencies exist
 * already, so it can run at every start. Inside a larger transaction, use seedReferenceIn.
 */
export async function seedReference(db: Db): Promise<void> {
  await db.transaction().execute((trx) => seedReferenceIn(trx));
}

/** seedReference inside the caller's transaction (db/seed.ts seeds everything in one). */
export async function seedReferenceIn(trx: Trx): Promise<void> {
  const agencies = readSeed("agencies.json", agenciesFileSchema);
  const existing = await trx.selectFrom("agency").select("id").limit(1).executeTakeFirst();
  if (existing) return;

  for (const year of seedCalendarYears()) {
    await writeCalendarYear(trx, {
      ...year,
      enteredBy: null,
      enteredAt: `${year.year - 1}-11-30T00:00:00.000Z`,
    });
  }

  const ministries = await seedMinistries(trx, agencies);
  await seedGovernmentAgencies(trx, agencies.government_attached_agencies["2024"], ministries.ids);
  await seedStateGroups(trx, agencies.state_groups);
  await seedMarketManagement(trx, agencies.market_management, ministries.ids);
  await seedMinistryUnits(trx, agencies.ministry_units_bct.items, ministries.ids);
  const provinces = await seedProvinces(trx);
  await seedDepartmentsOfIndustryAndTrade(trx);

  await insertGroup(
    trx,
    {
      code: "northern-border",
      name: "Các tỉnh biên giới phía Bắc",
      nameEn: "Northern border provinces (bordering China, 2024)",
    },
    provinces.northernBorder,
  );
  await insertGroup(
    trx,
    {
      code: "ministries-2024",
      name: "Các bộ, cơ quan ngang bộ (năm 2024)",
      nameEn: "Ministries and ministry-level agencies (2024)",
    },
    ministries.ids2024,
  );
  await insertGroup(
    trx,
    {
      code: "ministries-2025",
      name: "Các bộ, cơ quan ngang bộ (từ 01/3/2025)",
      nameEn: "Ministries and ministry-level agencies (from 1 March 2025)",
    },
    ministries.ids2025,
  );
  await insertGroup(
    trx,
    {
      code: "provinces-2024",
      name: `${provinces.ids2024.length} tỉnh, thành phố trực thuộc Trung ương (năm 2024)`,
      nameEn: `${provinces.ids2024.length} provinces and centrally-run cities (2024)`,
    },
    provinces.ids2024,
  );
  await insertGroup(
    trx,
    {
      code: "provinces-2025",
      name: `${provinces.ids2025.length} tỉnh, thành phố trực thuộc Trung ương (từ 01/7/2025)`,
      nameEn: `${provinces.ids2025.length} provinces and centrally-run cities (from 1 July 2025)`,
    },
    provinces.ids2025,
  );
}
