import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  agencyId,
  callerAs,
  countRows,
  eventRows,
  freshDb,
  rejection,
  taskState,
  taskUpdateInput,
} from "../support/api.ts";
import { createDirective, createTask, createUser, overdueLangSonTask } from "../support/factory.ts";

const NOW = "2026-11-26T03:00:00.000Z";

function parsedIds(json: string | null): number[] {
  const value: unknown = JSON.parse(json ?? "null");
  if (!Array.isArray(value)) throw new Error(`not a list of ids: ${json}`);
  return value.map(Number).sort((a, b) => a - b);
}

describe("every change appends to the task's history", () => {
  it("task.create writes one “created” event", async () => {
    const db = await freshDb({ demo: false });
    const { id: officerId, caller: officer } = await createUser(db, {
      role: "officer",
      agency: "BCT",
    });

    const { id } = await officer.task.create({
      directiveId: await createDirective(db, { tracking: "BCT" }),
      title: "Báo cáo tình hình cung ứng điện",
      leadAgencyId: await agencyId(db, "EVN"),
      deadline: "2026-12-31",
    });

    expect(await eventRows(db, id)).toEqual([
      {
        kind: "created",
        field: null,
        oldValue: null,
        newValue: "Báo cáo tình hình cung ứng điện",
        note: "",
        actorId: officerId,
        at: NOW,
      },
    ]);
  });

  it("task.update writes one event per changed field, and none for unchanged ones", async () => {
    const db = await freshDb({ demo: false });
    const { id: actorId, caller: officer } = await createUser(db, {
      role: "officer",
      agency: "BCT",
    });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      clause: "Mục 3",
      title: "Theo dõi xuất nhập khẩu nông sản qua các cửa khẩu trên địa bàn tỉnh",
      description: "Nhiệm vụ mẫu.",
      lead: "UBND-20",
      coordinators: ["BTC"],
      deadline: "2026-12-26",
      progress: 40,
    });
    const input = await taskUpdateInput(officer, id);
    const before = await eventRows(db, id);
    const btc = await agencyId(db, "BTC");
    const bca = await agencyId(db, "BCA");
    const langSon = await agencyId(db, "UBND-20");
    const quangNinh = await agencyId(db, "UBND-22");
    expect(input).toMatchObject({
      clause: "Mục 3",
      isKey: false,
      leadAgencyId: langSon,
      coordinatorAgencyIds: [btc],
    });

    await officer.task.update({
      ...input,
      title: "Theo dõi xuất nhập khẩu nông sản qua cửa khẩu Tân Thanh",
      description: "Báo cáo hằng tuần.",
      isKey: true,
      deadline: "2026-11-29",
      leadAgencyId: quangNinh,
      coordinatorAgencyIds: [btc, bca],
    });

    const added = (await eventRows(db, id)).slice(before.length);
    expect(added).toHaveLength(6);
    for (const event of added) expect(event).toMatchObject({ actorId, at: NOW, note: "" });
    expect(added.slice(0, 5)).toEqual([
      expect.objectContaining({
        kind: "field",
        field: "title",
        oldValue: input.title,
        newValue: "Theo dõi xuất nhập khẩu nông sản qua cửa khẩu Tân Thanh",
      }),
      expect.objectContaining({
        kind: "field",
        field: "description",
        oldValue: input.description,
        newValue: "Báo cáo hằng tuần.",
      }),
      expect.objectContaining({
        kind: "field",
        field: "isKey",
        oldValue: "false",
        newValue: "true",
      }),
      expect.objectContaining({
        kind: "deadline",
        field: "deadline",
        oldValue: input.deadline,
        newValue: "2026-11-29",
      }),
      expect.objectContaining({
        kind: "assignment",
        field: "leadAgencyId",
        oldValue: String(langSon),
        newValue: String(quangNinh),
      }),
    ]);
    const coordinators = added[5];
    expect(coordinators).toMatchObject({ kind: "assignment", field: "coordinatorAgencyIds" });
    expect(parsedIds(coordinators?.oldValue ?? null)).toEqual([btc]);
    expect(parsedIds(coordinators?.newValue ?? null)).toEqual([btc, bca].sort((a, b) => a - b));
    expect(added.map((event) => event.field)).not.toContain("clause");
  });

  it("report.complete writes the status change with its note, and the progress it implies", async () => {
    const db = await freshDb({ demo: false });
    const { id: actorId, caller: reporter } = await createUser(db, {
      role: "reporter",
      agency: "UBND-20",
    });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);

    await reporter.report.complete({
      taskId: id,
      note: "Đã hoàn thành.",
      documentNumber: "45/BC-UBND",
      documentDate: "2026-11-26",
      version: before.version,
    });

    expect((await eventRows(db, id)).slice(before.eventCount)).toEqual([
      {
        kind: "status",
        field: "status",
        oldValue: "in_progress",
        newValue: "reported_done",
        note: "Đã hoàn thành.",
        actorId,
        at: NOW,
      },
      {
        kind: "progress",
        field: "progress",
        oldValue: "80",
        newValue: "100",
        note: "",
        actorId,
        at: NOW,
      },
    ]);
  });

  it("confirming a task already at 100 % writes only the status change", async () => {
    const db = await freshDb({ demo: false });
    const { id: leaderId, caller: leader } = await createUser(db, {
      role: "leader",
      agency: "BCT",
    });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT", at: "2024-02-16" }),
      lead: "BCT",
      deadline: "2024-12-31",
      status: "reported_done",
      at: "2024-12-20",
    });
    const before = await taskState(db, id);

    await leader.task.setStatus({ id, status: "completed", version: before.version });

    expect((await eventRows(db, id)).slice(before.eventCount)).toEqual([
      {
        kind: "status",
        field: "status",
        oldValue: "reported_done",
        newValue: "completed",
        note: "",
        actorId: leaderId,
        at: NOW,
      },
    ]);
  });

  it("task.setProgress writes the progress with its note, after the start it implies", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { id: actorId, caller: reporter } = await createUser(db, {
      role: "reporter",
      agency: "PVN",
    });
    const { id } = await officer.task.create({
      directiveId: await createDirective(db, { tracking: "BCT" }),
      title: "Báo cáo sản lượng khí",
      leadAgencyId: await agencyId(db, "PVN"),
      deadline: "2026-12-31",
    });

    await reporter.task.setProgress({
      id,
      progress: 25,
      note: "Đã có số liệu quý III.",
      version: 1,
    });

    expect((await eventRows(db, id)).slice(1)).toEqual([
      {
        kind: "status",
        field: "status",
        oldValue: "not_started",
        newValue: "in_progress",
        note: "",
        actorId,
        at: NOW,
      },
      {
        kind: "progress",
        field: "progress",
        oldValue: "0",
        newValue: "25",
        note: "Đã có số liệu quý III.",
        actorId,
        at: NOW,
      },
    ]);
  });

  it("task.addNote writes a note event", async () => {
    const db = await freshDb({ demo: false });
    const { id: pvnId, caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "EVN",
      coordinators: ["PVN", "TKV"],
    });
    const before = await taskState(db, id);

    await pvn.task.addNote({ id, note: "PVN đề nghị họp phối hợp." });

    expect((await eventRows(db, id)).slice(before.eventCount)).toEqual([
      {
        kind: "note",
        field: null,
        oldValue: null,
        newValue: null,
        note: "PVN đề nghị họp phối hợp.",
        actorId: pvnId,
        at: NOW,
      },
    ]);
  });

  it("a refused change writes no event", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await overdueLangSonTask(db);
    const before = await countRows(db, "taskEvent");
    const { version } = await taskState(db, id);

    await expect(
      reporter.task.setStatus({ id, status: "completed", version }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      reporter.report.complete({
        taskId: id,
        documentNumber: "45/BC-UBND",
        documentDate: "2026-11-26",
        version: version - 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await countRows(db, "taskEvent")).toBe(before);
  });
});

describe("a change and its history are written together or not at all", () => {
  it("rolls the status change back when its event cannot be written", async () => {
    const db = await freshDb({ demo: false });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const id = await overdueLangSonTask(db);
    const before = await taskState(db, id);
    await sql`CREATE TRIGGER test_refuse_event BEFORE INSERT ON task_event
      BEGIN SELECT RAISE(ABORT, 'test: no event'); END`.execute(db);

    const error = await rejection(
      reporter.report.complete({
        taskId: id,
        documentNumber: "45/BC-UBND",
        documentDate: "2026-11-26",
        version: before.version,
      }),
    );

    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await taskState(db, id)).toEqual(before);
  });

  it("rolls the new task back when its “created” event cannot be written", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const directiveId = await createDirective(db, { tracking: "BCT" });
    await createTask(db, { directive: directiveId, lead: "EVN", coordinators: ["PVN"] });
    const tasks = await countRows(db, "task");
    const coordinators = await countRows(db, "taskCoordinator");
    await sql`CREATE TRIGGER test_refuse_event BEFORE INSERT ON task_event
      BEGIN SELECT RAISE(ABORT, 'test: no event'); END`.execute(db);

    await expect(
      officer.task.create({
        directiveId,
        title: "Nhiệm vụ không được ghi",
        leadAgencyId: await agencyId(db, "EVN"),
        coordinatorAgencyIds: [await agencyId(db, "PVN")],
        deadline: null,
      }),
    ).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });

    expect(await countRows(db, "task")).toBe(tasks);
    expect(await countRows(db, "taskCoordinator")).toBe(coordinators);
  });

  it("rolls the new directive back when its audit entry cannot be written", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log
      BEGIN SELECT RAISE(ABORT, 'test: no audit'); END`.execute(db);

    await expect(
      officer.directive.create({
        type: "cong_van",
        number: "99/BCT-VP",
        issuer: "Bộ Công Thương",
        issuedOn: "2026-11-25",
        title: "Văn bản không được ghi",
      }),
    ).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });

    expect(await countRows(db, "directive")).toBe(0);
  });
});

describe("history and the audit log are append-only", () => {
  it("refuses UPDATE and DELETE on task_event", async () => {
    const db = await freshDb({ demo: false });
    await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "UBND-20",
      progress: 30,
    });
    const before = await db.selectFrom("taskEvent").selectAll().orderBy("taskEvent.id").execute();

    await expect(sql`UPDATE task_event SET note = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM task_event`.execute(db)).rejects.toThrow(/append-only/);

    expect(before.length).toBeGreaterThan(0);
    expect(await db.selectFrom("taskEvent").selectAll().orderBy("taskEvent.id").execute()).toEqual(
      before,
    );
  });

  it("refuses UPDATE and DELETE on audit_log", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    await callerAs(db, officer.username);
    const before = await db.selectFrom("auditLog").selectAll().execute();

    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);

    expect(before.length).toBeGreaterThan(0);
    expect(await db.selectFrom("auditLog").selectAll().execute()).toEqual(before);
  });

  it("directive.create and directive.update each add an audit entry by the officer", async () => {
    const db = await freshDb({ demo: false });
    const { id: officerId, caller: officer } = await createUser(db, {
      role: "officer",
      agency: "BCT",
    });
    const before = await countRows(db, "auditLog");

    const { id } = await officer.directive.create({
      type: "cong_van",
      number: "98/BCT-VP",
      issuer: "Bộ Công Thương",
      issuedOn: "2026-11-25",
      title: "Về việc báo cáo định kỳ",
    });
    await officer.directive.update({
      id,
      version: 1,
      type: "cong_van",
      number: "98/BCT-VP",
      issuer: "Bộ Công Thương",
      issuedOn: "2026-11-25",
      title: "Về việc báo cáo định kỳ hằng tháng",
    });

    const entries = await db
      .selectFrom("auditLog")
      .select(["auditLog.action", "auditLog.entity", "auditLog.entityId", "auditLog.actorId"])
      .orderBy("auditLog.id")
      .execute();
    expect(entries.slice(before)).toEqual([
      {
        action: "create",
        entity: "directive",
        entityId: id,
        actorId: officerId,
      },
      {
        action: "update",
        entity: "directive",
        entityId: id,
        actorId: officerId,
      },
    ]);
  });
});
