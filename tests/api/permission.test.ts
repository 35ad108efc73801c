import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import {
  agencyId,
  anonymousCaller,
  countRows,
  freshDb,
  labels,
  taskState,
  taskUpdateInput,
} from "../support/api.ts";
import { createAgency, createDirective, createTask, createUser } from "../support/factory.ts";

async function newTaskIn(db: Db, directiveId: number) {
  return {
    directiveId,
    title: "Báo cáo tình hình thực hiện",
    leadAgencyId: await agencyId(db, "PVN"),
    deadline: "2026-12-15",
  };
}

/**
 * The shape of Directive 06/CT-TTg (2024) as far as the Ministry of Finance goes: BTC coordinates
 * Mục 4 and Mục 6, and succeeded BKHĐT and UBQLV, which coordinate Mục 1 and Mục 2.
 */
async function directive06(db: Db) {
  const at = "2024-02-20";
  const directive = await createDirective(db, { tracking: "BCT", number: "06/CT-TTg", at });
  const task = (
    clause: string,
    coordinators: string[],
    more: { lead?: string; parent?: number } = {},
  ) => createTask(db, { directive, clause, lead: more.lead ?? "BCT", coordinators, at, ...more });
  const ids = {
    muc1: await task("Mục 1", ["BKHĐT"]),
    muc2: await task("Mục 2", ["UBQLV"]),
    muc3: await task("Mục 3", ["EVN"]),
    muc4: await task("Mục 4", ["BTC", "Petrolimex"]),
    muc6: await task("Mục 6", ["BQP", "BTC"]),
  };
  const muc66 = await createTask(db, {
    directive,
    parent: ids.muc6,
    clause: "Mục 6.6",
    title: "Theo dõi xuất nhập khẩu tại các cửa khẩu trên địa bàn tỉnh Lạng Sơn",
    lead: "UBND-20",
    status: "in_progress",
    at,
  });
  return { directive, ...ids, muc66 };
}

describe("without a session", () => {
  it("refuses listing tasks and directives with UNAUTHORIZED", async () => {
    const db = await freshDb({ demo: false });
    const anonymous = anonymousCaller(db);

    await expect(anonymous.task.list({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "error.unauthenticated",
    });
    await expect(anonymous.directive.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses changes with UNAUTHORIZED and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, { directive, lead: "UBND-20", status: "in_progress" });
    const anonymous = anonymousCaller(db);
    const before = await taskState(db, id);

    await expect(
      anonymous.task.setStatus({ id, status: "reported_done", version: before.version }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.task.addNote({ id, note: "Ghi chú" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(anonymous.task.create(await newTaskIn(db, directive))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "task")).toBe(1);
  });
});

describe("roles", () => {
  it("refuses a reporter creating a directive (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await createUser(db, { role: "reporter", agency: "PVN" });

    await expect(
      reporter.caller.directive.create({
        type: "cong_van",
        number: "10/PVN-KT",
        issuer: "Tập đoàn Dầu khí Việt Nam",
        issuedOn: "2026-11-20",
        title: "Văn bản thử",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "error.forbidden" });
    expect(await countRows(db, "directive")).toBe(0);
  });

  it("refuses the tracking agency's leader adding a task (FORBIDDEN); officers may", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    const leader = await createUser(db, { role: "leader", agency: "BCT" });
    const input = await newTaskIn(db, await createDirective(db, { tracking: "BCT" }));

    await expect(leader.caller.task.create(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countRows(db, "task")).toBe(0);

    await officer.caller.task.create(input);
    expect(await countRows(db, "task")).toBe(1);
  });

  it("lets the admin list users but shows them no task or directive", async () => {
    const db = await freshDb({ demo: false });
    await createUser(db, { role: "officer", agency: "BCT" });
    await createUser(db, { role: "reporter", agency: "UBND-20" });
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, { directive, lead: "UBND-20" });
    const admin = await createUser(db, { role: "admin", agency: "VPCP" });

    const users = await admin.caller.user.list({});
    expect(users.total).toBe(3);

    await expect(admin.caller.task.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.caller.task.list({})).toEqual({ items: [], total: 0 });
    expect(await admin.caller.directive.list({})).toEqual({ items: [], total: 0 });
    await expect(admin.caller.directive.byId({ id: directive })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses user.list to officers, leaders and reporters (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });

    for (const [role, agency] of [
      ["officer", "BCT"],
      ["leader", "BCT"],
      ["reporter", "PVN"],
    ] as const) {
      const { caller } = await createUser(db, { role, agency });
      await expect(caller.user.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("a coordinating agency", () => {
  it("sees the task and may add a note, but may not change its status or progress", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, { directive, lead: "EVN", coordinators: ["PVN", "TKV"] });
    const pvn = (await createUser(db, { role: "reporter", agency: "PVN" })).caller;
    const before = await taskState(db, id);

    const { task, permissions } = await pvn.task.byId({ id });
    expect(task.leadAgency.code).toBe("EVN");
    expect(permissions).toEqual({
      canEdit: false,
      canBreakDown: false,
      canUpdateProgress: false,
      canAddNote: true,
      statusTargets: [],
    });

    await expect(
      pvn.task.setStatus({ id, status: "in_progress", version: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      pvn.task.setProgress({ id, progress: 20, version: before.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await taskState(db, id)).toEqual(before);

    await pvn.task.addNote({ id, note: "PVN sẵn sàng cung cấp số liệu khí cho điện." });
    expect(await taskState(db, id)).toEqual({ ...before, eventCount: before.eventCount + 1 });
  });
});

describe("a task is invisible to anyone not involved", () => {
  it("gives an officer of another ministry NOT_FOUND, never FORBIDDEN, for BCT's tasks", async () => {
    const db = await freshDb({ demo: false });
    const tasks = await directive06(db);
    const finance = (await createUser(db, { role: "officer", agency: "BTC" })).caller;
    // BTC coordinates Mục 6 but neither Mục 3 nor the provinces' sub-tasks of Mục 6.
    for (const id of [tasks.muc3, tasks.muc66]) {
      const before = await taskState(db, id);
      const notFound = { code: "NOT_FOUND", message: `error.taskNotFound|{"id":${id}}` };

      await expect(finance.task.byId({ id })).rejects.toMatchObject(notFound);
      await expect(
        finance.task.setStatus({
          id,
          status: "cancelled",
          note: "Hủy.",
          version: before.version,
        }),
      ).rejects.toMatchObject(notFound);
      await expect(
        finance.task.setProgress({ id, progress: 10, version: before.version }),
      ).rejects.toMatchObject(notFound);
      await expect(finance.task.addNote({ id, note: "Ghi chú" })).rejects.toMatchObject(notFound);
      expect(await taskState(db, id)).toEqual(before);
    }
    const { items } = await finance.task.list({ directiveId: tasks.directive });
    // Mục 1 and Mục 2 come from the ministries BTC succeeded (BKHĐT, UBQLV).
    expect(labels(items).sort()).toEqual([
      "06/CT-TTg Mục 1",
      "06/CT-TTg Mục 2",
      "06/CT-TTg Mục 4",
      "06/CT-TTg Mục 6",
    ]);
  });

  it("refuses task.update on an invisible task with NOT_FOUND", async () => {
    const db = await freshDb({ demo: false });
    const officer = (await createUser(db, { role: "officer", agency: "BCT" })).caller;
    const finance = (await createUser(db, { role: "officer", agency: "BTC" })).caller;
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, { directive, lead: "BCT", coordinators: ["EVN"] });
    const input = await taskUpdateInput(officer, id);
    const before = await taskState(db, id);

    await expect(finance.task.update({ ...input, title: "Sửa" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("gives PVN's reporter NOT_FOUND for Lạng Sơn's task", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const id = await createTask(db, {
      directive,
      title: "Theo dõi xuất nhập khẩu qua cửa khẩu tỉnh Lạng Sơn",
      lead: "UBND-20",
    });
    const pvn = (await createUser(db, { role: "reporter", agency: "PVN" })).caller;

    await expect(pvn.task.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { items } = await pvn.task.list({ query: "lang son" });
    expect(items).toEqual([]);
  });

  it("answers NOT_FOUND when adding a task to a directive the user cannot see", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const health = (await createUser(db, { role: "officer", agency: "BYT" })).caller;
    await expect(health.directive.byId({ id: directive })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await expect(health.task.create(await newTaskIn(db, directive))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await countRows(db, "task")).toBe(0);
  });
});

describe("who sees through whom", () => {
  it("shows the assigning ministry's leader the sub-tasks led by provinces", async () => {
    const db = await freshDb({ demo: false });
    const at = "2024-02-20";
    const directive = await createDirective(db, { tracking: "BCT", at });
    const parentId = await createTask(db, { directive, lead: "BCT", at });
    const provinces = ["UBND-02", "UBND-04", "UBND-10", "UBND-11", "UBND-12", "UBND-20", "UBND-22"];
    const subTaskIds = new Map<string, number>();
    for (const lead of provinces) {
      subTaskIds.set(lead, await createTask(db, { directive, parent: parentId, lead, at }));
    }
    const leader = (await createUser(db, { role: "leader", agency: "BCT" })).caller;

    const { items } = await leader.task.list({ directiveId: directive, pageSize: 100 });
    const subTasks = items.filter((item) => item.parentId === parentId);

    expect(subTasks.map((item) => item.leadAgency.code).sort()).toEqual([...provinces].sort());
    const { task, permissions } = await leader.task.byId({ id: subTaskIds.get("UBND-20") ?? 0 });
    expect(task.leadAgency.code).toBe("UBND-20");
    expect(permissions.canEdit).toBe(false);
  });

  it("hands Hà Giang's 2024 task to the user of its successor, Tuyên Quang (2025)", async () => {
    const db = await freshDb({ demo: false });
    const at = "2024-02-20";
    const directive = await createDirective(db, { tracking: "BCT", number: "06/CT-TTg", at });
    const id = await createTask(db, { directive, clause: "Mục 6.4", lead: "UBND-02", at });
    const langSon = await createTask(db, { directive, clause: "Mục 6.6", lead: "UBND-20", at });
    const haGiang = await db
      .selectFrom("agency")
      .select(["agency.successorId"])
      .where("agency.code", "=", "UBND-02")
      .executeTakeFirstOrThrow();
    const successor = await db
      .selectFrom("agency")
      .select(["agency.code", "agency.name"])
      .where("agency.id", "=", haGiang.successorId ?? 0)
      .executeTakeFirstOrThrow();
    expect(successor.name).toBe("UBND tỉnh Tuyên Quang");
    const tuyenQuang = (await createUser(db, { role: "reporter", agency: successor.code })).caller;

    const { task, permissions } = await tuyenQuang.task.byId({ id });
    const { items } = await tuyenQuang.task.list({ scope: "mine" });

    expect(task.leadAgency.code).toBe("UBND-02");
    expect(permissions.statusTargets).toEqual(["in_progress", "reported_done"]);
    expect(permissions.canUpdateProgress).toBe(true);
    expect(labels(items)).toEqual(["06/CT-TTg Mục 6.4"]);
    await tuyenQuang.task.setProgress({
      id,
      progress: 20,
      note: "Tỉnh Tuyên Quang tiếp nhận theo dõi.",
      version: task.version,
    });
    expect(await taskState(db, id)).toMatchObject({ status: "in_progress", progress: 20 });
    await expect(tuyenQuang.task.byId({ id: langSon })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets a ministry see the tasks another agency assigns to one of its units", async () => {
    const db = await freshDb({ demo: false });
    const unit = await createAgency(db, { code: "BCT-CUC-THU", parent: "BCT" });
    const bct = (await createUser(db, { role: "officer", agency: "BCT" })).caller;
    const finance = (await createUser(db, { role: "officer", agency: "BTC" })).caller;
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
      leadAgencyId: unit,
      deadline: "2026-12-15",
    });

    const { task, permissions } = await bct.task.byId({ id });
    const directives = await bct.directive.list({});

    expect(task.leadAgency.code).toBe("BCT-CUC-THU");
    expect(permissions).toMatchObject({ canEdit: false, statusTargets: [] });
    expect(directives.items.map((item) => item.number)).toContain("55/BTC-QLG");
    const pvn = (await createUser(db, { role: "reporter", agency: "PVN" })).caller;
    await expect(pvn.task.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
