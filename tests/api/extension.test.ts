import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countRows, eventRows, freshDb, issuePaths, rejection, taskState } from "../support/api.ts";
import { createDirective, createTask, createUser, overdueLangSonTask } from "../support/factory.ts";

const REASON =
  "Lượng hàng nông sản qua cửa khẩu tăng mạnh cuối năm; tỉnh cần thêm thời gian tổng hợp số liệu.";

/** Lạng Sơn's reporter has asked the Ministry's officer for a later deadline on it. */
async function langSonRequest(deadline = "2026-12-31") {
  const db = await freshDb({ demo: false });
  const reporter = await createUser(db, {
    role: "reporter",
    agency: "UBND-20",
    fullName: "Hoàng Thị Dung",
  });
  const officer = await createUser(db, {
    role: "officer",
    agency: "BCT",
    fullName: "Nguyễn Văn An",
  });
  const id = await overdueLangSonTask(db);
  const request = await reporter.caller.extension.request({ taskId: id, deadline, reason: REASON });
  return {
    db,
    id,
    reporter: reporter.caller,
    officer: officer.caller,
    officerId: officer.id,
    request,
  };
}

describe("asking for a later deadline", () => {
  it("records the lead agency's request as pending, on the task and in the officers' list", async () => {
    const { db, id, reporter, officer, request } = await langSonRequest();

    expect(request).toEqual({ id: expect.any(Number), taskId: id, status: "pending" });
    const mine = await reporter.extension.list({ taskId: id });
    expect(mine.canRequest).toBe(false);
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: request.id,
        status: "pending",
        currentDeadline: "2024-03-10",
        requestedDeadline: "2026-12-31",
        reason: REASON,
        agency: expect.objectContaining({ code: "UBND-20" }),
        requestedBy: expect.objectContaining({ fullName: "Hoàng Thị Dung" }),
        decidedBy: null,
        canDecide: false,
      }),
    ]);
    const pending = await officer.extension.pending();
    expect(pending).toEqual([
      expect.objectContaining({
        id: request.id,
        canDecide: true,
        task: expect.objectContaining({ id, clause: "Mục 6.6", dueOn: "2024-03-11" }),
      }),
    ]);
    expect(await reporter.extension.pending()).toEqual([]);
    expect(await taskState(db, id)).toMatchObject({ deadline: "2024-03-10", dueOn: "2024-03-11" });
  });

  it("refuses a second pending request on the same task (CONFLICT)", async () => {
    const { db, id, reporter } = await langSonRequest();

    const error = await rejection(
      reporter.extension.request({ taskId: id, deadline: "2027-01-31", reason: REASON }),
    );

    expect(error).toMatchObject({
      code: "CONFLICT",
      message: `error.extensionPending|{"id":${id}}`,
    });
    expect(await countRows(db, "taskExtension")).toBe(1);
  });

  it("refuses a coordinating agency asking (FORBIDDEN), and an agency that cannot see the task (NOT_FOUND)", async () => {
    const db = await freshDb({ demo: false });
    const sample = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "EVN",
      coordinators: ["PVN", "TKV"],
    });
    const langSon = await overdueLangSonTask(db);
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });

    const coordinator = await rejection(
      pvn.extension.request({ taskId: sample, deadline: "2027-06-30", reason: REASON }),
    );
    const hidden = await rejection(
      pvn.extension.request({ taskId: langSon, deadline: "2027-06-30", reason: REASON }),
    );

    expect(coordinator).toMatchObject({ code: "FORBIDDEN", message: "error.extensionLeadOnly" });
    expect(hidden.code).toBe("NOT_FOUND");
    expect(await countRows(db, "taskExtension")).toBe(0);
  });

  it("refuses a date not after the current deadline, an ongoing task, and a missing reason (BAD_REQUEST)", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const langSon = await overdueLangSonTask(db);
    // An ongoing task the Ministry leads itself.
    const ongoing = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "BCT",
      deadline: null,
      status: "in_progress",
    });

    const earlier = await rejection(
      reporter.extension.request({ taskId: langSon, deadline: "2024-03-10", reason: REASON }),
    );
    const noDeadline = await rejection(
      officer.extension.request({ taskId: ongoing, deadline: "2027-01-01", reason: REASON }),
    );
    const noReason = await rejection(
      reporter.extension.request({ taskId: langSon, deadline: "2026-12-31", reason: "  " }),
    );

    expect(earlier).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.extensionNotLater|{"date":"10/03/2024"}',
      cause: expect.objectContaining({ field: "deadline" }),
    });
    expect(noDeadline).toMatchObject({ code: "BAD_REQUEST", message: "error.extensionNoDeadline" });
    expect(issuePaths(noReason)).toEqual([["reason"]]);
    expect(await countRows(db, "taskExtension")).toBe(0);
  });
});

describe("deciding a request", () => {
  it("approves with another date: the overdue task is within deadline, the original deadline stays", async () => {
    const { db, id, reporter, officer, officerId, request } = await langSonRequest();
    const before = await taskState(db, id);
    const statesBefore = await countRows(db, "taskState");
    expect((await reporter.task.byId({ id })).task.timeliness).toBe("overdue");

    // 20/12/2026 is a Sunday: the deadline in force is Monday 21/12.
    const result = await officer.extension.decide({
      id: request.id,
      decision: "approve",
      deadline: "2026-12-20",
      note: "Đồng ý gia hạn đến 20/12/2026.",
    });

    expect(result).toEqual({
      id: request.id,
      taskId: id,
      status: "approved",
      deadline: "2026-12-20",
      version: before.version + 1,
    });
    const { task } = await reporter.task.byId({ id });
    expect(task).toMatchObject({
      deadline: "2026-12-20",
      dueOn: "2026-12-21",
      timeliness: "in_deadline",
      daysOverdue: 0,
    });
    const row = await db
      .selectFrom("task")
      .select(["task.originalDeadline", "task.originalDueOn"])
      .where("task.id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ originalDeadline: "2024-03-10", originalDueOn: "2024-03-11" });
    expect((await eventRows(db, id)).at(-1)).toMatchObject({
      kind: "deadline",
      field: "deadline",
      oldValue: "2024-03-10",
      newValue: "2026-12-20",
      note: "Đồng ý gia hạn đến 20/12/2026.",
      actorId: officerId,
    });
    expect(await countRows(db, "taskState")).toBe(statesBefore + 1);
    const state = await db
      .selectFrom("taskState")
      .select(["taskState.deadline", "taskState.dueOn", "taskState.originalDueOn"])
      .where("taskState.taskId", "=", id)
      .orderBy("taskState.id", "desc")
      .executeTakeFirstOrThrow();
    expect(state).toEqual({
      deadline: "2026-12-20",
      dueOn: "2026-12-21",
      originalDueOn: "2024-03-11",
    });
    const { items, canRequest } = await reporter.extension.list({ taskId: id });
    expect(items[0]).toMatchObject({
      status: "approved",
      approvedDeadline: "2026-12-20",
      decisionNote: "Đồng ý gia hạn đến 20/12/2026.",
      decidedBy: expect.objectContaining({ fullName: "Nguyễn Văn An" }),
    });
    expect(canRequest).toBe(true);
    expect(await officer.extension.pending()).toEqual([]);
  });

  it("approves with the requested date when none is given; the history note is the request's reason", async () => {
    const { db, id, officer, request } = await langSonRequest("2027-01-15");

    await officer.extension.decide({ id: request.id, decision: "approve" });

    expect(await taskState(db, id)).toMatchObject({ deadline: "2027-01-15", dueOn: "2027-01-15" });
    expect((await eventRows(db, id)).at(-1)).toMatchObject({ kind: "deadline", note: REASON });
  });

  it("rejects with a reason, shown to the requester; the deadline does not change", async () => {
    const { db, id, reporter, officer, request } = await langSonRequest();
    const before = await taskState(db, id);

    const result = await officer.extension.decide({
      id: request.id,
      decision: "reject",
      note: "Nhiệm vụ đã quá hạn lâu; đề nghị báo cáo hoàn thành trong tháng 12.",
    });

    expect(result).toMatchObject({ status: "rejected", deadline: null, version: before.version });
    expect(await taskState(db, id)).toEqual(before);
    const { items } = await reporter.extension.list({ taskId: id });
    expect(items[0]).toMatchObject({
      status: "rejected",
      approvedDeadline: null,
      decisionNote: "Nhiệm vụ đã quá hạn lâu; đề nghị báo cáo hoàn thành trong tháng 12.",
    });
  });

  it("refuses a rejection without a reason (BAD_REQUEST on note)", async () => {
    const { db, officer, request } = await langSonRequest();

    const error = await rejection(officer.extension.decide({ id: request.id, decision: "reject" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["note"]]);
    const row = await db
      .selectFrom("taskExtension")
      .select("taskExtension.status")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });

  it("never lets the reporter approve its own request (FORBIDDEN)", async () => {
    const { db, id, reporter, request } = await langSonRequest();
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.extension.decide({ id: request.id, decision: "approve" }),
    );

    expect(error).toMatchObject({ code: "FORBIDDEN", message: "error.extensionOwnRequest" });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("never lets the requester decide even as an officer of the assigning agency; a colleague may", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    // Led by the Ministry itself, which also assigned it.
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT", at: "2024-02-16" }),
      lead: "BCT",
      deadline: "2024-03-31",
      progress: 60,
      at: "2024-02-16",
    });
    const request = await officer.extension.request({
      taskId: id,
      deadline: "2026-12-31",
      reason: REASON,
    });

    const own = await rejection(officer.extension.decide({ id: request.id, decision: "approve" }));
    const { caller: colleague } = await createUser(db, { role: "officer", agency: "BCT" });
    await colleague.extension.decide({ id: request.id, decision: "approve" });

    expect(own).toMatchObject({ code: "FORBIDDEN", message: "error.extensionOwnRequest" });
    expect(await taskState(db, id)).toMatchObject({ deadline: "2026-12-31" });
  });

  it("refuses leaders deciding (officers decide) and an unrelated agency (NOT_FOUND)", async () => {
    const { db, id, request } = await langSonRequest();
    const { caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
    const before = await taskState(db, id);

    const byLeader = await rejection(
      leader.extension.decide({ id: request.id, decision: "approve" }),
    );
    const byOutsider = await rejection(
      pvn.extension.decide({ id: request.id, decision: "approve" }),
    );

    expect(byLeader.code).toBe("FORBIDDEN");
    expect(byOutsider).toMatchObject({
      code: "NOT_FOUND",
      message: `error.extensionNotFound|{"id":${request.id}}`,
    });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses deciding twice (CONFLICT); the database refuses changing a decided request", async () => {
    const { db, officer, request } = await langSonRequest();
    await officer.extension.decide({ id: request.id, decision: "approve" });

    const error = await rejection(
      officer.extension.decide({ id: request.id, decision: "reject", note: "Đổi ý." }),
    );

    expect(error.code).toBe("CONFLICT");
    await expect(
      sql`UPDATE task_extension SET status = 'rejected' WHERE id = ${request.id}`.execute(db),
    ).rejects.toThrow(/cannot change/);
    await expect(
      sql`DELETE FROM task_extension WHERE id = ${request.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
  });

  it("refuses approving a date not after the current deadline (BAD_REQUEST on deadline)", async () => {
    const { db, id, officer, request } = await langSonRequest();
    const before = await taskState(db, id);

    const error = await rejection(
      officer.extension.decide({ id: request.id, decision: "approve", deadline: "2024-03-01" }),
    );

    expect(error.cause).toMatchObject({ field: "deadline" });
    expect(await taskState(db, id)).toEqual(before);
    const row = await db
      .selectFrom("taskExtension")
      .select("taskExtension.status")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });
});
