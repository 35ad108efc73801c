import { describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock.ts";
import {
  callerAs,
  countRows,
  eventRows,
  freshDb,
  rejection,
  taskIdBy,
  taskState,
  userIdOf,
} from "../support/api.ts";
import { PDF_BYTES, uploadAs } from "../support/evidence.ts";

const EVIDENCE = {
  documentNumber: "215/BC-UBND",
  documentDate: "2026-11-25",
  note: "Hàng hóa qua các cửa khẩu thông suốt, không còn ùn tắc; gửi kèm báo cáo của UBND tỉnh.",
};

describe("reporting a task done with evidence", () => {
  it("records the completion report with its document and files and awaits confirmation", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const file = await uploadAs(db, "baocao.langson", {
      name: "215-BC-UBND.pdf",
      content: PDF_BYTES,
    });
    const before = await taskState(db, id);

    const result = await reporter.report.complete({
      taskId: id,
      version: before.version,
      fileIds: [file.id],
      ...EVIDENCE,
    });

    expect(result).toEqual({
      id,
      reportId: expect.any(Number),
      status: "reported_done",
      doneOn: "2026-11-26",
      version: before.version + 1,
    });
    const { task, permissions } = await reporter.task.byId({ id });
    expect(task).toMatchObject({
      status: "reported_done",
      doneOn: "2026-11-26",
      progress: 100,
      lastProgressNote: EVIDENCE.note,
      timeliness: "overdue",
    });
    expect(permissions.statusTargets).toEqual([]);
    const events = await eventRows(db, id);
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({
        kind: "status",
        oldValue: "in_progress",
        newValue: "reported_done",
        note: EVIDENCE.note,
        actorId: await userIdOf(db, "baocao.langson"),
      }),
      expect.objectContaining({ kind: "progress", oldValue: "80", newValue: "100" }),
    ]);
    const { reports, permissions: reporting } = await reporter.report.list({ taskId: id });
    expect(reports).toEqual([
      expect.objectContaining({
        id: result.reportId,
        kind: "completion",
        agencyRole: "lead",
        documentNumber: "215/BC-UBND",
        documentDate: "2026-11-25",
        summary: EVIDENCE.note,
        progress: 100,
        files: [expect.objectContaining({ id: file.id, name: "215-BC-UBND.pdf" })],
      }),
    ]);
    expect(reporting).toMatchObject({ canReportCompletion: false, canFileReport: false });
  });

  it("refuses a coordinating agency reporting the task done (FORBIDDEN) and writes nothing", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "12/CT-BCT", "Mục 2");
    const pvn = await callerAs(db, "baocao.pvn");
    const before = await taskState(db, id);

    const error = await rejection(
      pvn.report.complete({ taskId: id, version: before.version, ...EVIDENCE }),
    );

    expect(error).toMatchObject({ code: "FORBIDDEN", message: "error.completionLeadOnly" });
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("refuses the assigning officer reporting done for the lead (FORBIDDEN), and hides the task from others", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const officer = await callerAs(db, "canbo.bct");
    const pvn = await callerAs(db, "baocao.pvn");
    const { version } = await taskState(db, id);

    const forbidden = await rejection(
      officer.report.complete({ taskId: id, version, ...EVIDENCE }),
    );
    const hidden = await rejection(pvn.report.complete({ taskId: id, version, ...EVIDENCE }));

    expect(forbidden.code).toBe("FORBIDDEN");
    expect(hidden.code).toBe("NOT_FOUND");
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("requires the document number and date, not after today (BAD_REQUEST on the field)", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const before = await taskState(db, id);

    const missing = await rejection(
      reporter.report.complete({
        ...EVIDENCE,
        taskId: id,
        version: before.version,
        documentNumber: " ",
      }),
    );
    const future = await rejection(
      reporter.report.complete({
        ...EVIDENCE,
        taskId: id,
        version: before.version,
        documentDate: "2026-11-27",
      }),
    );

    expect(missing.code).toBe("BAD_REQUEST");
    expect(future).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.documentDateFuture|{"date":"26/11/2026"}',
      cause: expect.objectContaining({ field: "documentDate" }),
    });
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses a file already attached elsewhere (BAD_REQUEST) and leaves the task as it was", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const file = await uploadAs(db, "baocao.langson", { name: "a.pdf", content: PDF_BYTES });
    const { version } = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 95,
      summary: "Báo cáo tiến độ.",
      fileIds: [file.id],
    });
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.report.complete({ taskId: id, version, fileIds: [file.id], ...EVIDENCE }),
    );

    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "error.filesUnavailable|{}" });
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(1);
  });

  it("refuses a stale version (CONFLICT): no completion report, no status change", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const seen = (await taskState(db, id)).version;
    await reporter.task.setProgress({ id, progress: 90, version: seen });
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.report.complete({ taskId: id, version: seen, ...EVIDENCE }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("refuses reporting done twice (BAD_REQUEST on status)", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const { version } = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      ...EVIDENCE,
    });

    const error = await rejection(reporter.report.complete({ taskId: id, version, ...EVIDENCE }));

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.sameStatus|{"status":"reported_done"}',
    });
    expect(await countRows(db, "taskReport")).toBe(1);
  });

  it("keeps task.setStatus to reported_done working for the lead agency", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");

    await reporter.task.setStatus({
      id,
      status: "reported_done",
      version: (await taskState(db, id)).version,
    });

    expect(await taskState(db, id)).toMatchObject({
      status: "reported_done",
      doneOn: "2026-11-26",
    });
  });
});

describe("confirming: the date reported decides on time or late", () => {
  // 12/CT-BCT Mục 3, led by Lạng Sơn, is due 30 days after the demo's "today": 26/12/2026.
  async function reportDoneOn(date: string) {
    const db = await freshDb();
    const id = await taskIdBy(db, "12/CT-BCT", "Mục 3");
    const reporter = await callerAs(db, "baocao.langson", {
      clock: fixedClock(`${date}T03:00:00.000Z`),
    });
    const { version } = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      // The document is dated before the deadline in both cases: only the day reported counts.
      documentDate: "2026-11-20",
      documentNumber: "301/BC-UBND",
    });
    const officer = await callerAs(db, "canbo.bct", { clock: fixedClock("2027-01-10T03:00:00Z") });
    await officer.task.setStatus({ id, status: "completed", version });
    return (await officer.task.byId({ id })).task;
  }

  it("counts a task reported done by its deadline as completed on time", async () => {
    const task = await reportDoneOn("2026-11-26");
    expect(task).toMatchObject({
      dueOn: "2026-12-28",
      status: "completed",
      doneOn: "2026-11-26",
      timeliness: "completed_on_time",
    });
  });

  it("counts a task reported done after its deadline as completed late, whatever the document's date", async () => {
    const task = await reportDoneOn("2027-01-05");
    expect(task).toMatchObject({
      status: "completed",
      doneOn: "2027-01-05",
      timeliness: "completed_late",
    });
  });
});

describe("returning a reported task", () => {
  it("shows the officer's reason to the reporter in the history; the reporter can report done again", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const officer = await callerAs(db, "canbo.bct");
    const done = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      ...EVIDENCE,
    });
    const reason = "Báo cáo chưa có số liệu lượt xe qua cửa khẩu Chi Ma; đề nghị bổ sung.";

    const returned = await officer.task.setStatus({
      id,
      status: "in_progress",
      note: reason,
      version: done.version,
    });

    const { task, events } = await reporter.task.byId({ id });
    expect(task).toMatchObject({ status: "in_progress", doneOn: null, lastProgressNote: reason });
    expect(events[0]).toMatchObject({
      kind: "status",
      oldValue: "reported_done",
      newValue: "in_progress",
      note: reason,
      actor: { fullName: "Nguyễn Văn An" },
    });
    const again = await reporter.report.complete({
      taskId: id,
      version: returned.version,
      ...EVIDENCE,
      documentNumber: "220/BC-UBND",
    });
    expect(again.status).toBe("reported_done");
    const { reports } = await reporter.report.list({ taskId: id });
    expect(reports.map((r) => r.documentNumber)).toEqual(["220/BC-UBND", "215/BC-UBND"]);
  });

  it("lets the tracking agency's leader confirm; the completion date stays the day reported", async () => {
    const db = await freshDb();
    const id = await taskIdBy(db, "06/CT-TTg", "Mục 6.6");
    const reporter = await callerAs(db, "baocao.langson");
    const done = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      ...EVIDENCE,
    });
    const leader = await callerAs(db, "lanhdao.bct", { clock: fixedClock("2026-12-02T03:00:00Z") });

    await leader.task.setStatus({ id, status: "completed", version: done.version });

    expect(await taskState(db, id)).toMatchObject({ status: "completed", doneOn: "2026-11-26" });
  });
});
