import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import {
  agencyId,
  anonymousCaller,
  callerAs,
  callerForNewUser,
  countRows,
  directiveIdBy,
  freshDb,
  labels,
  taskIdBy,
  taskState,
  taskUpdateInput,
} from "../support/api.ts";

async function newTaskIn(db: Db, directiveNumber: string) {
  return {
    directiveId: await directiveIdBy(db, directiveNumber),
    title: "Báo cáo tình hình thực hiện",
    leadAgencyId: await agencyId(db, "PVN"),
    deadline: "2026-12-15",
  };
}

describe("without a session", () => {
  it("refuses listing tasks and directives with UNAUTHORIZED", async () => {
    const db = await freshDb();
    const anonymous = anonymousCaller(db);

    await expect(anonymous.task.list({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "error.unauthenticated",
    });
    await expect(anonymous.directive.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses changes with UNAUTHORIZED and writes nothing", async () => {
    const db = await freshDb();
    const anonymous = anonymousCaller(db);
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const before = await taskState(db, id);

    await expect(
      anonymous.task.setStatus({ id, status: "reported_done", version: before.version }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.task.addNote({ id, note: "Ghi chú" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(anonymous.task.create(await newTaskIn(db, "12/CT-BCT"))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "task")).toBe(24);
  });
});

describe("roles", () => {
  it("refuses a reporter creating a directive (FORBIDDEN)", async () => {
    const db = await freshDb();
    const reporter = await callerAs(db, "baocao.pvn");

    await expect(
      reporter.directive.create({
        type: "cong_van",
        number: "10/PVN-KT",
        issuer: "Tập đoàn Dầu khí Việt Nam",
        issuedOn: "2026-11-20",
        title: "Văn bản thử",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "error.forbidden" });
    expect(await countRows(db, "directive")).toBe(2);
  });

  it("refuses the tracking agency's leader adding a task (FORBIDDEN); officers may", async () => {
    const db = await freshDb();
    const leader = await callerAs(db, "lanhdao.bct");
    const officer = await callerAs(db, "canbo.bct");
    const input = await newTaskIn(db, "12/CT-BCT");

    await expect(leader.task.create(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countRows(db, "task")).toBe(24);

    await officer.task.create(input);
    expect(await countRows(db, "task")).toBe(25);
  });

  it("lets the admin list users but shows them no task or directive", async () => {
    const db = await freshDb();
    const admin = await callerAs(db, "quantri");

    const users = await admin.user.list({});
    expect(users.total).toBe(5);

    await expect(
      admin.task.byId({ id: await taskIdBy(db, "06/CT-TTg", "Mục 1") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.task.list({})).toEqual({ items: [], total: 0 });
    expect(await admin.directive.list({})).toEqual({ items: [], total: 0 });
    await expect(
      admin.directive.byId({ id: await directiveIdBy(db, "06/CT-TTg") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses user.list to officers, leaders and reporters (FORBIDDEN)", async () => {
    const db = await freshDb();

    for (const username of ["canbo.bct", "lanhdao.bct", "baocao.pvn"]) {
      const caller = await callerAs(db, username);
      await expect(caller.user.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("a coordinating agency", () => {
  it("sees the task and may add a note, but may not change its status or progress", async () => {
    const db = await freshDb();
    const pvn = await callerAs(db, "baocao.pvn");
    // 12/CT-BCT Mục 2 is led by EVN, with PVN and TKV coordinating.
    const id = await taskIdBy(db, "12/CT-BCT", "Mục 2");
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
    const db = await freshDb();
    const finance = await callerForNewUser(db, {
      username: "canbo.btc",
      agencyCode: "BTC",
      role: "officer",
    });
    // BTC coordinates Mục 6 but neither Mục 3 nor the provinces' sub-tasks of Mục 6.
    for (const clause of ["Mục 3", "Mục 6.6"]) {
      const id = await taskIdBy(db, "06/CT-TTg", clause);
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
    const { items } = await finance.task.list({
      directiveId: await directiveIdBy(db, "06/CT-TTg"),
    });
    // Mục 1 and Mục 2 come from the ministries BTC succeeded (BKHĐT, UBQLV).
    expect(labels(items).sort()).toEqual([
      "06/CT-TTg Mục 1",
      "06/CT-TTg Mục 2",
      "06/CT-TTg Mục 4",
      "06/CT-TTg Mục 6",
    ]);
  });

  it("refuses task.update on an invisible task with NOT_FOUND", async () => {
    const db = await freshDb();
    const officer = await callerAs(db, "canbo.bct");
    const finance = await callerForNewUser(db, {
      username: "canbo.btc",
      agencyCode: "BTC",
      role: "officer",
    });
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 3");
    const input = await taskUpdateInput(officer, id);
    const before = await taskState(db, id);

    await expect(finance.task.update({ ...input, title: "Sửa" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("gives PVN's reporter NOT_FOUND for Lạng Sơn's task", async () => {
    const db = await freshDb();
    const pvn = await callerAs(db, "baocao.pvn");

    await expect(
      pvn.task.byId({ id: await taskIdBy(db, "06/CT-TTg", "Mục 6.6") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { items } = await pvn.task.list({ query: "lang son" });
    expect(items).toEqual([]);
  });

  it("answers NOT_FOUND when adding a task to a directive the user cannot see", async () => {
    const db = await freshDb();
    const health = await callerForNewUser(db, {
      username: "canbo.byt",
      agencyCode: "BYT",
      role: "officer",
    });
    await expect(
      health.directive.byId({ id: await directiveIdBy(db, "06/CT-TTg") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    await expect(health.task.create(await newTaskIn(db, "06/CT-TTg"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await countRows(db, "task")).toBe(24);
  });
});

describe("who sees through whom", () => {
  it("shows the assigning ministry's leader the sub-tasks led by provinces", async () => {
    const db = await freshDb();
    const leader = await callerAs(db, "lanhdao.bct");
    const parentId = await taskIdBy(db, "06/CT-TTg", "Mục 6");

    const { items } = await leader.task.list({
      directiveId: await directiveIdBy(db, "06/CT-TTg"),
      pageSize: 100,
    });
    const subTasks = items.filter((item) => item.parentId === parentId);

    expect(subTasks.map((item) => item.leadAgency.code).sort()).toEqual(
      ["UBND-02", "UBND-04", "UBND-10", "UBND-11", "UBND-12", "UBND-20", "UBND-22"].sort(),
    );
    const { task, permissions } = await leader.task.byId({
      id: await taskIdBy(db, "06/CT-TTg", "Mục 6.6"),
    });
    expect(task.leadAgency.code).toBe("UBND-20");
    expect(permissions.canEdit).toBe(false);
  });

  it("hands Hà Giang's 2024 task to the user of its successor, Tuyên Quang (2025)", async () => {
    const db = await freshDb();
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
    const tuyenQuang = await callerForNewUser(db, {
      username: "baocao.tuyenquang",
      agencyCode: successor.code,
      role: "reporter",
    });
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.4");

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
    await expect(
      tuyenQuang.task.byId({ id: await taskIdBy(db, "06/CT-TTg", "Mục 6.6") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a ministry see the tasks another agency assigns to one of its units", async () => {
    const db = await freshDb();
    const bct = await callerAs(db, "canbo.bct");
    const finance = await callerForNewUser(db, {
      username: "canbo.btc",
      agencyCode: "BTC",
      role: "officer",
    });
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

    const { task, permissions } = await bct.task.byId({ id });
    const directives = await bct.directive.list({});

    expect(task.leadAgency.code).toBe("CQLPTTTN");
    expect(permissions).toMatchObject({ canEdit: false, statusTargets: [] });
    expect(directives.items.map((item) => item.number)).toContain("55/BTC-QLG");
    const pvn = await callerAs(db, "baocao.pvn");
    await expect(pvn.task.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
