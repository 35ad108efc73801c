import { describe, expect, it } from "vitest";
import { countRows, eventRows, freshDb, rejection, taskState } from "../support/api.ts";
import { PDF_BYTES, uploadAs } from "../support/evidence.ts";
import {
  callerOf,
  createDirective,
  createTask,
  createUser,
  overdueLangSonTask,
} from "../support/factory.ts";

/** A new database with Lạng Sơn's task and its reporter. */
async function langSon() {
  const db = await freshDb({ demo: false });
  const reporterUser = await createUser(db, { role: "reporter", agency: "UBND-20" });
  const id = await overdueLangSonTask(db);
  return { db, id, reporter: reporterUser.caller, reporterUser };
}

const EVIDENCE = {
  documentNumber: "215/BC-UBND",
  documentDate: "2026-11-25",
  note: "Hàng hóa qua các cửa khẩu thông suốt, không còn ùn tắc; gửi kèm báo cáo của UBND tỉnh.",
};

describe("reporting a task done with evidence", () => {
  it("records the completion report with its document and files and awaits confirmation", async () => {
    const { db, id, reporter, reporterUser } = await langSon();
    const file = await uploadAs(db, reporterUser.username, {
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
        actorId: reporterUser.id,
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
    const db = await freshDb({ demo: false });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "EVN",
      coordinators: ["PVN", "TKV"],
    });
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
    const before = await taskState(db, id);

    const error = await rejection(
      pvn.report.complete({ taskId: id, version: before.version, ...EVIDENCE }),
    );

    expect(error).toMatchObject({ code: "FORBIDDEN", message: "error.completionLeadOnly" });
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("refuses the assigning officer reporting done for the lead (FORBIDDEN), and hides the task from others", async () => {
    const { db, id } = await langSon();
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
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
    const { db, id, reporter } = await langSon();
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
    const { db, id, reporter, reporterUser } = await langSon();
    const file = await uploadAs(db, reporterUser.username, { name: "a.pdf", content: PDF_BYTES });
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
    const { db, id, reporter } = await langSon();
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
    const { db, id, reporter } = await langSon();
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

  it("refuses task.setStatus to reported_done: reporting done needs the completion report", async () => {
    const { db, id, reporter } = await langSon();
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.task.setStatus({ id, status: "reported_done", version: before.version }),
    );

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "trust.completionReportRequired|{}",
    });
    expect(error.cause).toMatchObject({ field: "status" });
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(0);
  });
});

describe("confirming: the date reported decides on time or late", () => {
  // 12/CT-BCT Mục 3, led by Lạng Sơn, is due 30 days after the demo's "today": 26/12/2026.
  async function reportDoneOn(date: string) {
    const db = await freshDb({ demo: false });
    const reporterUser = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const officerUser = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT", at: "2026-11-07" }),
      lead: "UBND-20",
      deadline: "2026-12-26",
      progress: 40,
      at: "2026-11-07",
    });
    const reporter = await callerOf(db, reporterUser.id, { at: `${date}T03:00:00.000Z` });
    const { version } = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      // The document is dated before the deadline in both cases: only the day reported counts.
      documentDate: "2026-11-20",
      documentNumber: "301/BC-UBND",
    });
    const officer = await callerOf(db, officerUser.id, { at: "2027-01-10T03:00:00Z" });
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
    const { db, id, reporter } = await langSon();
    const { caller: officer } = await createUser(db, {
      role: "officer",
      agency: "BCT",
      fullName: "Nguyễn Văn An",
    });
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
    // The last report stays the agency's completion report; the reason is the officer's note.
    expect(task).toMatchObject({
      status: "in_progress",
      doneOn: null,
      lastProgressNote: EVIDENCE.note,
    });
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
    const { db, id, reporter } = await langSon();
    const done = await reporter.report.complete({
      taskId: id,
      version: (await taskState(db, id)).version,
      ...EVIDENCE,
    });
    const leaderUser = await createUser(db, { role: "leader", agency: "BCT" });
    const leader = await callerOf(db, leaderUser.id, { at: "2026-12-02T03:00:00Z" });

    await leader.task.setStatus({ id, status: "completed", version: done.version });

    expect(await taskState(db, id)).toMatchObject({ status: "completed", doneOn: "2026-11-26" });
  });
});
