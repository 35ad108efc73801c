/**
 * Small factories, so that a test states the data it depends on instead of borrowing it from the
 * demo seed. Use them on `freshDb({ demo: false })` (reference agencies only, found by code).
 * Users and agencies are plain inserts; directives and tasks go through the real router (the
 * write path the app uses, history and state rows included), as users the factory finds or
 * creates: an officer of the tracking agency assigns and confirms, a reporter of the lead agency
 * reports.
 */
import type { Db } from "../../db/open.ts";
import { type Clock, fixedClock } from "../../server/clock.ts";
import type { AgencyKind } from "../../shared/agency.ts";
import { type IsoDate, vnDate } from "../../shared/date.ts";
import type { DirectiveType } from "../../shared/directive.ts";
import type { TaskStatus } from "../../shared/task-status.ts";
import { foldText } from "../../shared/text.ts";
import type { Role } from "../../shared/user.ts";
import {
  agencyId,
  type Caller,
  demoPasswordHash,
  openSession,
  TEST_NOW,
  TEST_SECOND_FACTOR_SECRET,
} from "./api.ts";

/** An instant: an ISO instant, or a date meaning 10:00 that day in Vietnam. */
export type At = string;

function clockAt(at: At | undefined): Clock {
  if (at === undefined) return fixedClock(TEST_NOW);
  return fixedClock(at.length === 10 ? `${at}T03:00:00.000Z` : at);
}

/** An agency of the test's own, for hierarchies and mergers the reference data does not have. */
export async function createAgency(
  db: Db,
  agency: {
    code: string;
    name?: string;
    kind?: AgencyKind;
    /** Code of the agency above it. */
    parent?: string;
    validFrom?: IsoDate | null;
    validTo?: IsoDate | null;
    /** Code of the agency that took over its work (its default successor). */
    successor?: string;
  },
): Promise<number> {
  const name = agency.name ?? `Đơn vị thử ${agency.code}`;
  const { id } = await db
    .insertInto("agency")
    .values({
      code: agency.code,
      name,
      shortName: name,
      nameEn: "",
      kind: agency.kind ?? "ministry_unit",
      parentId: agency.parent === undefined ? null : await agencyId(db, agency.parent),
      validFrom: agency.validFrom ?? null,
      validTo: agency.validTo ?? null,
      successorId: agency.successor === undefined ? null : await agencyId(db, agency.successor),
      searchText: foldText(`${name} ${name} ${agency.code}`),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (agency.successor !== undefined) {
    await db
      .insertInto("agencySuccession")
      .values({ agencyId: id, successorId: await agencyId(db, agency.successor) })
      .execute();
  }
  return id;
}

export type TestUser = {
  id: number;
  username: string;
  fullName: string;
  agencyId: number;
  role: Role;
  /** Signed in as this user (a session of its own, at TEST_NOW unless `at` said otherwise). */
  caller: Caller;
};

/** A signed-in caller for an existing user, on a new session (no password check). */
export function callerOf(
  db: Db,
  userId: number,
  options: { at?: At; language?: "vi" | "en" } = {},
): Promise<Caller> {
  return openSession(db, userId, { clock: clockAt(options.at), language: options.language });
}

async function freeUsername(db: Db, wanted: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom("appUser")
        .select("appUser.username")
        .where("appUser.username", "like", `${wanted}%`)
        .execute()
    ).map((row) => row.username),
  );
  let username = wanted;
  for (let n = 2; taken.has(username); n++) username = `${wanted}.${n}`;
  return username;
}

/**
 * A user of a role in an agency (by code), signed in. The password is the demo password, so
 * `callerAs(db, user.username)` signs in through auth.login too; an administrator has the second
 * factor on (TEST_SECOND_FACTOR_SECRET), as administrators must.
 */
export async function createUser(
  db: Db,
  user: { role: Role; agency: string; username?: string; fullName?: string; at?: At },
): Promise<TestUser> {
  const agency = await agencyId(db, user.agency);
  const username =
    user.username ?? (await freeUsername(db, foldText(`${user.role}.${user.agency}`)));
  const fullName = user.fullName ?? `Người dùng thử ${username}`;
  const { id } = await db
    .insertInto("appUser")
    .values({
      username,
      passwordHash: demoPasswordHash(),
      fullName,
      agencyId: agency,
      role: user.role,
      isActive: 1,
      createdAt: clockAt(user.at).now().toISOString(),
      // Administrators must use the second factor; the others sign in with a password only.
      totpSecret: user.role === "admin" ? TEST_SECOND_FACTOR_SECRET : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const caller = await callerOf(db, id, { at: user.at });
  return { id, username, fullName, agencyId: agency, role: user.role, caller };
}

/**
 * Signed in as someone of that role in the agency (by code): its first active user of that role,
 * created when there is none. For a test that needs "an officer of BCT", whoever it is.
 */
export async function someoneIn(
  db: Db,
  agency: string,
  role: Role,
  options: { at?: At } = {},
): Promise<Caller> {
  return someone(db, role, await agencyId(db, agency), options.at);
}

/** The first active user of that role in the agency (by id), created when there is none. */
async function someone(db: Db, role: Role, agency: number, at: At | undefined): Promise<Caller> {
  const found = await db
    .selectFrom("appUser")
    .select("appUser.id")
    .where("appUser.agencyId", "=", agency)
    .where("appUser.role", "=", role)
    .where("appUser.isActive", "=", 1)
    .orderBy("appUser.id")
    .executeTakeFirst();
  if (found) return callerOf(db, found.id, { at });
  const { code } = await db
    .selectFrom("agency")
    .select("agency.code")
    .where("agency.id", "=", agency)
    .executeTakeFirstOrThrow();
  return (await createUser(db, { role, agency: code, at })).caller;
}

/** A directive tracked by an agency (by code), entered through directive.create by its officer. */
export async function createDirective(
  db: Db,
  directive: {
    tracking?: string;
    type?: DirectiveType;
    number?: string;
    issuer?: string;
    issuedOn?: IsoDate;
    title?: string;
    at?: At;
  } = {},
): Promise<number> {
  const officer = await someone(
    db,
    "officer",
    await agencyId(db, directive.tracking ?? "BCT"),
    directive.at,
  );
  const { n } = await db
    .selectFrom("directive")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const number = directive.number ?? `${Number(n) + 101}/CT-THU`;
  const { id } = await officer.directive.create({
    type: directive.type ?? "chi_thi",
    number,
    issuer: directive.issuer ?? "Bộ Công Thương",
    issuedOn: directive.issuedOn ?? "2026-11-20",
    title: directive.title ?? `Văn bản thử ${number}`,
  });
  return id;
}

/**
 * A task of a directive, through task.create by an officer of the directive's tracking agency,
 * then brought to `progress` by the lead agency's reporter and to `status` by the users whose
 * move it is, all at `at` (TEST_NOW by default: a task reported done then is done that day).
 */
export async function createTask(
  db: Db,
  task: {
    directive: number;
    /** Code of the lead agency (chủ trì). */
    lead: string;
    /** Codes of the coordinating agencies (phối hợp). */
    coordinators?: readonly string[];
    deadline?: IsoDate | null;
    isKey?: boolean;
    clause?: string;
    title?: string;
    description?: string;
    parent?: number;
    progress?: number;
    status?: TaskStatus;
    at?: At;
  },
): Promise<number> {
  const { trackingAgencyId } = await db
    .selectFrom("directive")
    .select("directive.trackingAgencyId")
    .where("directive.id", "=", task.directive)
    .executeTakeFirstOrThrow();
  const officer = await someone(db, "officer", trackingAgencyId, task.at);
  const leadAgencyId = await agencyId(db, task.lead);
  const coordinatorAgencyIds: number[] = [];
  for (const code of task.coordinators ?? []) coordinatorAgencyIds.push(await agencyId(db, code));
  const title = task.title ?? `Nhiệm vụ thử do ${task.lead} chủ trì`;
  const { id } = await officer.task.create({
    directiveId: task.directive,
    parentId: task.parent ?? null,
    clause: task.clause ?? "",
    title,
    description: task.description ?? "",
    leadAgencyId,
    coordinatorAgencyIds,
    deadline: task.deadline === undefined ? "2026-12-31" : task.deadline,
    isKey: task.isKey ?? false,
  });
  let version = 1;
  const lead = async () => someone(db, "reporter", leadAgencyId, task.at);
  if (task.progress !== undefined && task.progress > 0) {
    ({ version } = await (await lead()).task.setProgress({
      id,
      progress: task.progress,
      version,
    }));
  }
  const status = task.status ?? "not_started";
  const current = task.progress !== undefined && task.progress > 0 ? "in_progress" : "not_started";
  if (status === "in_progress" && current === "not_started") {
    ({ version } = await officer.task.setStatus({ id, status: "in_progress", version }));
  }
  if (status === "reported_done" || status === "completed") {
    // Reporting done goes through the completion report with its document.
    ({ version } = await (await lead()).report.complete({
      taskId: id,
      version,
      documentNumber: `${id}/BC-THU`,
      documentDate: vnDate(clockAt(task.at).now()),
    }));
  }
  if (status === "completed") {
    // Four eyes: an agency does not confirm what it led itself; the tracking agency's leader does.
    const confirmer =
      leadAgencyId === trackingAgencyId
        ? await someone(db, "leader", trackingAgencyId, task.at)
        : officer;
    await confirmer.task.setStatus({ id, status: "completed", version });
  }
  if (status === "cancelled") {
    await officer.task.setStatus({ id, status: "cancelled", note: "Hủy (dữ liệu thử).", version });
  }
  return id;
}

/**
 * The overdue task many tests act on (the demo's Mục 6.6 in miniature): Lạng Sơn (UBND-20) leads
 * it in a directive the Ministry (BCT) tracks; due 10/03/2024, a Sunday, so in force 11/03; in
 * progress at 80 % since February 2024, overdue ever since.
 */
export async function overdueLangSonTask(
  db: Db,
  task: { directive?: number; clause?: string } = {},
): Promise<number> {
  return createTask(db, {
    directive: task.directive ?? (await createDirective(db, { tracking: "BCT", at: "2024-02-16" })),
    clause: task.clause ?? "Mục 6.6",
    lead: "UBND-20",
    deadline: "2024-03-10",
    progress: 80,
    at: "2024-02-21",
  });
}
