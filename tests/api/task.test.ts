import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { FieldCause } from "../../server/errors.ts";
import type { TaskCreateInput } from "../../shared/task-input.ts";
import { TIMELINESS, type Timeliness } from "../../shared/timeliness.ts";
import {
  agencyId,
  anonymousCaller,
  countRows,
  directiveIdBy,
  eventRows,
  freshDb,
  issuePaths,
  labels,
  rejection,
  signedInAs,
  taskState,
  taskUpdateInput,
} from "../support/api.ts";
import {
  callerOf,
  createDirective,
  createTask,
  createUser,
  overdueLangSonTask,
} from "../support/factory.ts";

/** Today in the tests is Thursday 26/11/2026; Sunday 29/11 moves to Monday 30/11. */
const SUNDAY = "2026-11-29";
const NEXT_MONDAY = "2026-11-30";

/** The overdue tasks BCT follows on 26/11/2026. */
const OVERDUE_FOR_BCT = [
  "06/CT-TTg Mục 2",
  "06/CT-TTg Mục 2.1",
  "06/CT-TTg Mục 6",
  "06/CT-TTg Mục 6.1",
  "06/CT-TTg Mục 6.4",
  "06/CT-TTg Mục 6.5",
  "06/CT-TTg Mục 6.6",
  "12/CT-BCT Mục 1",
  "12/CT-BCT Mục 4",
];

/** Directive 12/CT-BCT, tracked by the Ministry (BCT), as newTaskInput expects. */
function sampleDirective(db: Db) {
  return createDirective(db, { tracking: "BCT", number: "12/CT-BCT", at: "2026-11-06" });
}

/** 12/CT-BCT Mục 3: Lạng Sơn leads, BTC coordinates, due 26/12/2026, at 40 %. */
async function borderTask(db: Db): Promise<number> {
  return createTask(db, {
    directive: await sampleDirective(db),
    clause: "Mục 3",
    title: "Theo dõi xuất nhập khẩu nông sản qua các cửa khẩu trên địa bàn tỉnh",
    lead: "UBND-20",
    coordinators: ["BTC"],
    deadline: "2026-12-26",
    progress: 40,
    at: "2026-11-09",
  });
}

async function newTaskInput(db: Db, overrides: Partial<TaskCreateInput> = {}) {
  return {
    directiveId: await directiveIdBy(db, "12/CT-BCT"),
    clause: "Mục 5",
    title: "Báo cáo tình hình cung ứng xăng dầu dịp cuối năm",
    description: "Gửi báo cáo về Bộ Công Thương.",
    leadAgencyId: await agencyId(db, "PVN"),
    coordinatorAgencyIds: [await agencyId(db, "EVN"), await agencyId(db, "TKV")],
    deadline: SUNDAY,
    isKey: true,
    ...overrides,
  } satisfies TaskCreateInput;
}

const rankOf: Record<Timeliness, number> = {
  overdue: 0,
  due_soon: 1,
  in_deadline: 2,
  no_deadline: 3,
  completed_on_time: 4,
  completed_late: 4,
};

describe("task.list", () => {
  it("shows the tracking agency every task of its directives, most urgent first", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.task.list({ pageSize: 100 });

    expect(total).toBe(29);
    expect(items).toHaveLength(29);
    const ranks = items.map((item) => (item.timeliness === null ? 4 : rankOf[item.timeliness]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(labels(items.slice(0, OVERDUE_FOR_BCT.length)).sort()).toEqual(OVERDUE_FOR_BCT);
    const overdueDueDates = items.slice(0, OVERDUE_FOR_BCT.length).map((item) => item.dueOn ?? "");
    expect(overdueDueDates).toEqual([...overdueDueDates].sort());
    expect(items[OVERDUE_FOR_BCT.length]).toMatchObject({
      directiveNumber: "12/CT-BCT",
      clause: "Mục 5",
      timeliness: "due_soon",
    });
  });

  it("shows PVN only the tasks it leads or coordinates", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "baocao.pvn");
    const pvn = await agencyId(db, "PVN");

    const { items, total } = await caller.task.list({});

    expect(labels(items).sort()).toEqual([
      "06/CT-TTg Mục 2.1",
      "12/CT-BCT Mục 2",
      "12/CT-BCT Mục 4",
      "12/CT-BCT Mục 5",
      "12/CT-BCT Mục 7",
    ]);
    expect(total).toBe(5);
    for (const item of items) {
      const involved =
        item.leadAgency.id === pvn || item.coordinators.some((agency) => agency.id === pvn);
      expect(involved).toBe(true);
    }
  });

  it("filters by directive", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.task.list({
      directiveId: await directiveIdBy(db, "12/CT-BCT"),
    });

    expect(total).toBe(9);
    expect(labels(items).sort()).toEqual([
      "12/CT-BCT Mục 1",
      "12/CT-BCT Mục 2",
      "12/CT-BCT Mục 3",
      "12/CT-BCT Mục 4",
      "12/CT-BCT Mục 5",
      "12/CT-BCT Mục 6",
      "12/CT-BCT Mục 7",
      "12/CT-BCT Mục 8",
      "12/CT-BCT Mục 9",
    ]);
  });

  it("filters by lead agency", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.task.list({
      leadAgencyId: await agencyId(db, "UBND-20"),
    });

    expect(total).toBe(6);
    expect(labels(items).sort()).toEqual([
      "06/CT-TTg Mục 6.6",
      "06/CT-TTg Mục 8.2",
      "12/CT-BCT Mục 3",
      "12/CT-BCT Mục 6",
      "12/CT-BCT Mục 8",
      "12/CT-BCT Mục 9",
    ]);
  });

  it("filters by status", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const reported = await caller.task.list({ status: ["reported_done"] });
    const closed = await caller.task.list({ status: ["completed", "cancelled"] });

    expect(labels(reported.items).sort()).toEqual([
      "06/CT-TTg Mục 5",
      "06/CT-TTg Mục 6.5",
      "12/CT-BCT Mục 9",
    ]);
    expect(closed.total).toBe(9);
    for (const item of closed.items) expect(["completed", "cancelled"]).toContain(item.status);
  });

  it("filters overdue tasks", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.task.list({ timeliness: ["overdue"] });

    expect(total).toBe(OVERDUE_FOR_BCT.length);
    expect(labels(items).sort()).toEqual(OVERDUE_FOR_BCT);
    for (const item of items) {
      expect(item.timeliness).toBe("overdue");
      expect(item.daysOverdue).toBeGreaterThan(0);
    }
  });

  it("filters key tasks", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const key = await caller.task.list({ isKey: true, pageSize: 100 });
    const notKey = await caller.task.list({ isKey: false, pageSize: 100 });

    expect(labels(key.items)).toContain("06/CT-TTg Mục 6.6");
    expect(labels(key.items)).not.toContain("06/CT-TTg Mục 6.5");
    expect(labels(notKey.items)).toContain("06/CT-TTg Mục 6.5");
    for (const item of key.items) expect(item.isKey).toBe(true);
    for (const item of notKey.items) expect(item.isKey).toBe(false);
    expect(key.total + notKey.total).toBe(29);
  });

  it("searches clause, title and description without diacritics", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items } = await caller.task.list({ query: "lang son" });

    expect(labels(items).sort()).toEqual(["06/CT-TTg Mục 6.6", "06/CT-TTg Mục 8.2"]);
  });

  it("with minDaysOverdue keeps only tasks at least that many days late", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.task.list({ minDaysOverdue: 30 });

    // Mục 6.5 was reported done 14 days late and 12/CT-BCT Mục 4 is 10 days late.
    expect(labels(items).sort()).toEqual([
      "06/CT-TTg Mục 2",
      "06/CT-TTg Mục 2.1",
      "06/CT-TTg Mục 6",
      "06/CT-TTg Mục 6.1",
      "06/CT-TTg Mục 6.4",
      "06/CT-TTg Mục 6.6",
    ]);
    expect(total).toBe(items.length);
    for (const item of items) expect(item.daysOverdue).toBeGreaterThanOrEqual(30);
  });

  it("sorts overdue tasks by days overdue, most first, as the overdue page expects", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items } = await caller.task.list({ timeliness: ["overdue"], sort: "days_overdue" });

    expect(items).toHaveLength(OVERDUE_FOR_BCT.length);
    const days = items.map((item) => item.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it("sorts by deadline with ongoing tasks last", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items } = await caller.task.list({ sort: "deadline", pageSize: 100 });

    const dated = items.filter((item) => item.dueOn !== null).map((item) => item.dueOn ?? "");
    expect(dated).toEqual([...dated].sort());
    expect(items.slice(dated.length).map((item) => item.dueOn)).toEqual([null, null, null]);
  });

  it("pages the list and counts every match", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const first = await caller.task.list({ pageSize: 10, page: 1 });
    const third = await caller.task.list({ pageSize: 10, page: 3 });

    expect(first.items).toHaveLength(10);
    expect(third.items).toHaveLength(9);
    expect(first.total).toBe(29);
    expect(third.total).toBe(29);
    const ids = new Set([...first.items, ...third.items].map((item) => item.id));
    expect(ids.size).toBe(19);
  });

  it("with scope “mine” leaves out tasks of the agency's units assigned by others", async () => {
    const db = await freshDb();
    const bct = await signedInAs(db, "canbo.bct");
    const { caller: finance } = await createUser(db, { role: "officer", agency: "BTC" });
    const { id: directiveId } = await finance.directive.create({
      type: "cong_van",
      number: "55/BTC-QLG",
      issuer: "Bộ Tài chính",
      issuedOn: "2026-11-20",
      title: "Về việc theo dõi giá mặt hàng thiết yếu",
    });
    const { id } = await finance.task.create({
      directiveId,
      title: "Cung cấp số liệu giá bán lẻ hàng thiết yếu",
      leadAgencyId: await agencyId(db, "CQLPTTTN"),
      deadline: "2026-12-15",
    });

    const visible = await bct.task.list({ scope: "visible", pageSize: 100 });
    const mine = await bct.task.list({ scope: "mine", pageSize: 100 });

    expect(visible.items.map((item) => item.id)).toContain(id);
    expect(visible.total).toBe(30);
    expect(mine.items.map((item) => item.id)).not.toContain(id);
    expect(mine.total).toBe(29);
  });

  it("refuses a negative minDaysOverdue and an oversized page with BAD_REQUEST", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const error = await rejection(
      caller.task.list({ minDaysOverdue: -1, sort: "urgency", pageSize: 501 }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual(expect.arrayContaining([["minDaysOverdue"], ["pageSize"]]));
  });
});

describe("task.counts", () => {
  it("counts the listed tasks per timeliness category, as the list filter does", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const counts = await caller.task.counts({});

    expect(counts).toEqual({
      completed_on_time: 5,
      completed_late: 3,
      in_deadline: 7,
      due_soon: 1,
      overdue: 9,
      no_deadline: 3,
    });
    for (const category of TIMELINESS) {
      const { total } = await caller.task.list({ timeliness: [category] });
      expect({ category, total }).toEqual({ category, total: counts[category] });
    }
  });

  it("applies the same filters as the list", async () => {
    const db = await freshDb();
    const bct = await signedInAs(db, "canbo.bct");
    const pvn = await signedInAs(db, "baocao.pvn");

    const sample = await bct.task.counts({ directiveId: await directiveIdBy(db, "12/CT-BCT") });
    const ofPvn = await pvn.task.counts({});

    expect(sample).toEqual({
      completed_on_time: 0,
      completed_late: 0,
      in_deadline: 6,
      due_soon: 1,
      overdue: 2,
      no_deadline: 0,
    });
    expect(ofPvn).toMatchObject({ overdue: 2, in_deadline: 2, due_soon: 1 });
  });
});

describe("task.byId", () => {
  it("gives the task with its directive, parent, assigner, history newest first and rights", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const reporter = await createUser(db, {
      role: "reporter",
      agency: "UBND-20",
      fullName: "Hoàng Thị Dung",
    });
    const at = "2024-02-20";
    const directive = await createDirective(db, {
      tracking: "BCT",
      number: "06/CT-TTg",
      issuer: "Thủ tướng Chính phủ",
      at,
    });
    const parentId = await createTask(db, { directive, clause: "Mục 6", lead: "BCT", at });
    const id = await createTask(db, {
      directive,
      parent: parentId,
      clause: "Mục 6.6",
      lead: "UBND-20",
      deadline: "2024-03-10",
      isKey: true,
      at,
    });
    const langSon = await callerOf(db, reporter.id, { at: "2024-02-23T09:30:00.000Z" });
    await langSon.task.setProgress({ id, progress: 80, version: 1 });

    const { task, events, permissions } = await caller.task.byId({ id });

    expect(task).toMatchObject({
      id,
      clause: "Mục 6.6",
      directive: { number: "06/CT-TTg", issuer: "Thủ tướng Chính phủ" },
      parent: { id: parentId },
      leadAgency: { code: "UBND-20" },
      assignerAgency: { code: "BCT" },
      coordinators: [],
      deadline: "2024-03-10",
      dueOn: "2024-03-11",
      status: "in_progress",
      progress: 80,
      isKey: true,
      timeliness: "overdue",
    });
    expect(events.map((event) => event.kind)).toEqual(["progress", "status", "created"]);
    expect(events[0]).toMatchObject({
      field: "progress",
      oldValue: "0",
      newValue: "80",
      actor: { fullName: "Hoàng Thị Dung", agencyShortName: expect.any(String) },
    });
    const instants = events.map((event) => event.at);
    expect(instants).toEqual([...instants].sort().reverse());
    expect(permissions).toEqual({
      canEdit: true,
      canBreakDown: true,
      canUpdateProgress: false,
      canAddNote: true,
      statusTargets: ["cancelled"],
    });
  });

  it("gives the lead agency's reporter the right to report, not to edit", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "reporter", agency: "UBND-20" });

    const { permissions } = await caller.task.byId({ id: await overdueLangSonTask(db) });

    expect(permissions).toEqual({
      canEdit: false,
      canBreakDown: false,
      canUpdateProgress: true,
      canAddNote: true,
      statusTargets: ["reported_done"],
    });
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });

    await expect(caller.task.byId({ id: 999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'error.taskNotFound|{"id":999999}',
    });
  });

  it("refuses a malformed id with BAD_REQUEST", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });

    const error = await rejection(caller.task.byId({ id: 1.5 }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["id"]]);
  });
});

describe("task.create", () => {
  it("creates a top-level task with coordinators; a Sunday deadline falls on Monday", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const input = await newTaskInput(db);

    const { id } = await caller.task.create(input);

    const { task, events, permissions } = await caller.task.byId({ id });
    expect(task).toMatchObject({
      directiveId: input.directiveId,
      parentId: null,
      clause: "Mục 5",
      title: input.title,
      description: input.description,
      leadAgency: { code: "PVN" },
      assignerAgency: { code: "BCT" },
      deadline: SUNDAY,
      dueOn: NEXT_MONDAY,
      isKey: true,
      status: "not_started",
      progress: 0,
      version: 1,
      timeliness: "in_deadline",
      createdAt: "2026-11-26T03:00:00.000Z",
    });
    expect(task.coordinators.map((agency) => agency.code).sort()).toEqual(["EVN", "TKV"]);
    expect(events).toEqual([
      expect.objectContaining({ kind: "created", newValue: input.title, actor: expect.anything() }),
    ]);
    expect(permissions.canEdit).toBe(true);
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
    expect((await pvn.task.list({})).items.map((item) => item.id)).toContain(id);
  });

  it("creates an ongoing task without a deadline", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);

    const { id } = await caller.task.create(
      await newTaskInput(db, { deadline: null, coordinatorAgencyIds: [] }),
    );

    const { task } = await caller.task.byId({ id });
    expect(task).toMatchObject({
      deadline: null,
      dueOn: null,
      timeliness: "no_deadline",
      coordinators: [],
    });
  });

  it("lets the tracking officer break a task down; the sub-task keeps the assigner", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const at = "2024-02-20";
    const directiveId = await createDirective(db, { tracking: "BCT", at });
    const parentId = await createTask(db, {
      directive: directiveId,
      clause: "Mục 2",
      lead: "BCT",
      coordinators: ["UBQLV"],
      at,
    });
    await createTask(db, {
      directive: directiveId,
      parent: parentId,
      clause: "Mục 2.1",
      lead: "PVN",
      at,
    });

    const { id } = await caller.task.create({
      directiveId,
      parentId,
      clause: "Mục 2.2",
      title: "Báo cáo kết quả khai thác than năm 2026",
      leadAgencyId: await agencyId(db, "TKV"),
      deadline: "2026-12-31",
    });

    const { task } = await caller.task.byId({ id });
    expect(task).toMatchObject({
      parentId,
      parent: { id: parentId },
      assignerAgency: { code: "BCT" },
      leadAgency: { code: "TKV" },
      deadline: "2026-12-31",
      dueOn: "2026-12-31",
    });
    const { tasks } = await caller.directive.byId({ id: directiveId });
    expect(tasks.filter((item) => item.parentId === parentId).map((item) => item.clause)).toEqual([
      "Mục 2.1",
      "Mục 2.2",
    ]);
  });

  it("lets an officer of the lead agency break its task down and follow the sub-task up", async () => {
    const db = await freshDb({ demo: false });
    const { caller: pvnOfficer } = await createUser(db, { role: "officer", agency: "PVN" });
    const { caller: bct } = await createUser(db, { role: "officer", agency: "BCT" });
    const directiveId = await sampleDirective(db);
    const parentId = await createTask(db, {
      directive: directiveId,
      clause: "Mục 4",
      lead: "PVN",
      coordinators: ["EVN"],
      deadline: "2026-11-16",
      at: "2026-11-07",
    });

    const { id } = await pvnOfficer.task.create({
      directiveId,
      parentId,
      clause: "Mục 4.1",
      title: "Tổng hợp số liệu cấp khí cho các nhà máy điện",
      leadAgencyId: await agencyId(db, "Petrolimex"),
      deadline: "2026-12-04",
    });

    const mine = await pvnOfficer.task.byId({ id });
    expect(mine.task).toMatchObject({
      parentId,
      assignerAgency: { code: "PVN" },
      leadAgency: { code: "Petrolimex" },
    });
    expect(mine.permissions.canEdit).toBe(true);
    const tracked = await bct.task.byId({ id });
    expect(tracked.permissions.canEdit).toBe(false);
  });

  it("refuses a reporter of the lead agency breaking its task down (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "reporter", agency: "PVN" });
    const directiveId = await sampleDirective(db);
    const parentId = await createTask(db, { directive: directiveId, clause: "Mục 4", lead: "PVN" });
    const before = await countRows(db, "task");

    await expect(
      caller.task.create({
        directiveId,
        parentId,
        title: "Nhiệm vụ con",
        leadAgencyId: await agencyId(db, "Petrolimex"),
        deadline: null,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countRows(db, "task")).toBe(before);
  });

  it("refuses a parent from another directive with NOT_FOUND on parentId", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const otherDirective = await createDirective(db, { tracking: "BCT" });
    const parentId = await createTask(db, {
      directive: otherDirective,
      clause: "Mục 2",
      lead: "BCT",
    });
    const before = await countRows(db, "task");

    const error = await rejection(caller.task.create(await newTaskInput(db, { parentId })));

    expect(error.code).toBe("NOT_FOUND");
    expect(error.cause).toBeInstanceOf(FieldCause);
    expect(error.cause).toMatchObject({ field: "parentId" });
    expect(await countRows(db, "task")).toBe(before);
  });

  it("refuses an agency that no longer exists as lead (BAD_REQUEST on leadAgencyId)", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const before = await countRows(db, "task");

    const error = await rejection(
      caller.task.create(await newTaskInput(db, { leadAgencyId: await agencyId(db, "UBND-02") })),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^error\.agencyInactive\|/);
    expect(error.cause).toMatchObject({ field: "leadAgencyId" });
    expect(await countRows(db, "task")).toBe(before);
  });

  it("accepts the real 2024 addressees of a 2024 directive entered in 2026 (issue 9, item 6)", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const directive = await createDirective(db, { tracking: "BCT", issuedOn: "2024-02-15" });
    const haGiang = await agencyId(db, "UBND-02");

    const { id } = await caller.task.create(
      await newTaskInput(db, {
        directiveId: directive,
        leadAgencyId: haGiang,
        coordinatorAgencyIds: [await agencyId(db, "UBND-08")],
      }),
    );

    const task = await db
      .selectFrom("task")
      .select("task.leadAgencyId")
      .where("task.id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task.leadAgencyId).toBe(haGiang);
  });

  it("refuses for a 2026 directive an agency merged away before it, naming the issue date", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const directive = await createDirective(db, { tracking: "BCT", issuedOn: "2026-01-05" });

    const error = await rejection(
      caller.task.create(
        await newTaskInput(db, {
          directiveId: directive,
          leadAgencyId: await agencyId(db, "UBND-02"),
        }),
      ),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^error\.agencyInactive\|/);
    expect(error.message).toContain("05/01/2026");
  });

  it("refuses an empty title with BAD_REQUEST on title and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const tasksBefore = await countRows(db, "task");
    const eventsBefore = await countRows(db, "taskEvent");

    const error = await rejection(caller.task.create(await newTaskInput(db, { title: "  " })));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["title"]]);
    expect(await countRows(db, "task")).toBe(tasksBefore);
    expect(await countRows(db, "taskEvent")).toBe(eventsBefore);
  });

  it("refuses the lead agency as a coordinator too (BAD_REQUEST on coordinatorAgencyIds)", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const pvn = await agencyId(db, "PVN");
    const before = await countRows(db, "task");
    const coordinatorsBefore = await countRows(db, "taskCoordinator");

    const error = await rejection(
      caller.task.create(
        await newTaskInput(db, { leadAgencyId: pvn, coordinatorAgencyIds: [pvn] }),
      ),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["coordinatorAgencyIds"]]);
    expect(await countRows(db, "task")).toBe(before);
    expect(await countRows(db, "taskCoordinator")).toBe(coordinatorsBefore);
  });

  it("refuses an impossible deadline with BAD_REQUEST on deadline", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);
    const before = await countRows(db, "task");

    const error = await rejection(
      caller.task.create(await newTaskInput(db, { deadline: "2026-02-30" })),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["deadline"]]);
    expect(await countRows(db, "task")).toBe(before);
  });

  it("answers NOT_FOUND for an unknown directive", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await sampleDirective(db);

    await expect(
      caller.task.create(await newTaskInput(db, { directiveId: 999_999 })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("task.update", () => {
  it("changes the fields, recomputes the deadline in force and bumps the version", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await borderTask(db);
    const input = await taskUpdateInput(caller, id);
    const btc = await agencyId(db, "BTC");
    const bca = await agencyId(db, "BCA");

    const result = await caller.task.update({
      ...input,
      title: "Theo dõi xuất nhập khẩu trái cây qua cửa khẩu Hữu Nghị",
      deadline: SUNDAY,
      isKey: true,
      coordinatorAgencyIds: [btc, bca],
    });

    expect(result).toEqual({ id, version: input.version + 1 });
    const { task } = await caller.task.byId({ id });
    expect(task).toMatchObject({
      title: "Theo dõi xuất nhập khẩu trái cây qua cửa khẩu Hữu Nghị",
      deadline: SUNDAY,
      dueOn: NEXT_MONDAY,
      isKey: true,
      version: input.version + 1,
      updatedAt: "2026-11-26T03:00:00.000Z",
    });
    expect(task.coordinators.map((agency) => agency.code).sort()).toEqual(["BCA", "BTC"]);
    const found = await caller.task.list({ query: "huu nghi" });
    expect(found.items.map((item) => item.id)).toEqual([id]);
  });

  it("clears the deadline in force together with the deadline", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await borderTask(db);

    await caller.task.update({ ...(await taskUpdateInput(caller, id)), deadline: null });

    expect(await taskState(db, id)).toMatchObject({ deadline: null, dueOn: null });
  });

  it("moves the task to another lead agency, which the old one can then no longer see", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: langSon } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await borderTask(db);
    const input = await taskUpdateInput(caller, id);

    await caller.task.update({ ...input, leadAgencyId: await agencyId(db, "UBND-22") });

    expect((await caller.task.byId({ id })).task.leadAgency.code).toBe("UBND-22");
    await expect(langSon.task.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await borderTask(db);
    const input = await taskUpdateInput(caller, id);
    await caller.task.update({ ...input, description: "Mô tả mới." });
    const before = await taskState(db, id);
    const coordinatorsBefore = await countRows(db, "taskCoordinator");

    await expect(
      caller.task.update({
        ...input,
        title: "Tiêu đề của người đến sau",
        coordinatorAgencyIds: [await agencyId(db, "BCA")],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `error.staleVersion|{"id":${id}}` });

    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskCoordinator")).toBe(coordinatorsBefore);
  });

  it("refuses the lead agency's reporter (FORBIDDEN) and a closed task (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const open = await borderTask(db);
    const closed = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT", at: "2024-02-16" }),
      clause: "Mục 8.2",
      lead: "UBND-20",
      deadline: "2024-03-31",
      status: "completed",
      at: "2024-04-08",
    });
    const openInput = await taskUpdateInput(officer, open);
    const closedInput = await taskUpdateInput(officer, closed);
    const openBefore = await taskState(db, open);
    const closedBefore = await taskState(db, closed);

    await expect(reporter.task.update({ ...openInput, title: "Sửa" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(officer.task.update({ ...closedInput, title: "Sửa" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    expect(await taskState(db, open)).toEqual(openBefore);
    expect(await taskState(db, closed)).toEqual(closedBefore);
  });

  it("refuses the lead agency as coordinator with BAD_REQUEST and changes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await borderTask(db);
    const input = await taskUpdateInput(caller, id);
    const before = await taskState(db, id);

    const error = await rejection(
      caller.task.update({ ...input, coordinatorAgencyIds: [input.leadAgencyId] }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["coordinatorAgencyIds"]]);
    expect(await taskState(db, id)).toEqual(before);
  });
});

describe("task.setProgress", () => {
  it("records progress on a task not yet started and moves it to in progress", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    await sampleDirective(db);
    const { id } = await officer.task.create(
      await newTaskInput(db, { leadAgencyId: await agencyId(db, "UBND-20") }),
    );

    const result = await reporter.task.setProgress({
      id,
      progress: 30,
      note: "Đã làm việc với các doanh nghiệp xăng dầu trên địa bàn.",
      version: 1,
    });

    expect(result).toEqual({ id, version: 2 });
    const { task } = await reporter.task.byId({ id });
    expect(task).toMatchObject({
      status: "in_progress",
      progress: 30,
      // A change without a report does not pass for one (issue 8, bug 2).
      lastProgressAt: null,
      lastProgressNote: "",
      version: 2,
    });
  });

  it("keeps a task not started when the progress reported is 0", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    await sampleDirective(db);
    const { id } = await officer.task.create(
      await newTaskInput(db, { leadAgencyId: await agencyId(db, "UBND-20") }),
    );

    await reporter.task.setProgress({ id, progress: 0, note: "Chưa triển khai.", version: 1 });

    expect(await taskState(db, id)).toMatchObject({ status: "not_started", progress: 0 });
  });

  it("updates the progress of a task in progress", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    await reporter.task.setProgress({ id, progress: 90, version: before.version });

    expect(await taskState(db, id)).toMatchObject({
      status: "in_progress",
      progress: 90,
      version: before.version + 1,
      eventCount: before.eventCount + 1,
    });
  });

  it("refuses anyone but the lead agency (FORBIDDEN) and changes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    await expect(
      officer.task.setProgress({ id, progress: 90, version: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses progress on a task reported done (BAD_REQUEST on progress)", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    // The Ministry leads this task itself, so its officer is of the lead agency.
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT", at: "2024-02-16" }),
      lead: "BCT",
      deadline: "2024-12-31",
      status: "reported_done",
      at: "2024-12-20",
    });
    const before = await taskState(db, id);

    const error = await rejection(
      officer.task.setProgress({ id, progress: 50, version: before.version }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({ field: "progress" });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses progress above 100 with BAD_REQUEST on progress", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.task.setProgress({ id, progress: 101, version: before.version }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["progress"]]);
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    await expect(
      reporter.task.setProgress({ id, progress: 95, version: before.version - 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await taskState(db, id)).toEqual(before);
  });
});

describe("task.addNote", () => {
  it("adds a note to the history without changing the task", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, {
      role: "officer",
      agency: "BCT",
      fullName: "Nguyễn Văn An",
    });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    expect(await caller.task.addNote({ id, note: "Đề nghị tỉnh báo cáo trước 30/11." })).toEqual({
      id,
    });

    const { events } = await caller.task.byId({ id });
    expect(events[0]).toMatchObject({
      kind: "note",
      note: "Đề nghị tỉnh báo cáo trước 30/11.",
      field: null,
      actor: { fullName: "Nguyễn Văn An" },
    });
    const after = await taskState(db, id);
    expect(after).toEqual({ ...before, eventCount: before.eventCount + 1 });
  });

  it("refuses an empty note with BAD_REQUEST on note and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await overdueLangSonTask(db);
    const before = await eventRows(db, id);

    const error = await rejection(caller.task.addNote({ id, note: "   " }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["note"]]);
    expect(await eventRows(db, id)).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown task", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await overdueLangSonTask(db);
    const before = await countRows(db, "taskEvent");

    await expect(caller.task.addNote({ id: 999_999, note: "Ghi chú" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await countRows(db, "taskEvent")).toBe(before);
  });
});

describe("tasks need a session", () => {
  it("refuses list, counts and byId without one", async () => {
    const db = await freshDb({ demo: false });
    const anonymous = anonymousCaller(db);
    const id = await overdueLangSonTask(db);

    await expect(anonymous.task.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.task.counts({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.task.byId({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
