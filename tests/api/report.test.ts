import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { FieldCause } from "../../server/errors.ts";
import { translateMessage } from "../../server/i18n.ts";
import type { ReportDuty } from "../../shared/report-input.ts";
import {
  agencyId,
  countRows,
  eventRows,
  freshDb,
  issuePaths,
  rejection,
  TEST_NOW,
  taskState,
} from "../support/api.ts";
import { PDF_BYTES, uploadAs } from "../support/evidence.ts";
import {
  callerOf,
  createDirective,
  createTask,
  createUser,
  overdueLangSonTask,
  someoneIn,
  type TestUser,
} from "../support/factory.ts";

/** Monthly by the 25th from August 2026: Aug, Sep, Oct (due Mon 26/10) and Nov are due by 26/11. */
const MONTHLY_25 = { kind: "monthly", day: 25, startsOn: "2026-08-01" } as const;

/** A caller whose clock reads this Vietnam date at 10:00. */
function on(db: Db, user: TestUser, date: string) {
  return callerOf(db, user.id, { at: `${date}T03:00:00.000Z` });
}

async function withDuty(db: Db, taskId: number, duty: ReportDuty = MONTHLY_25) {
  const officer = await someoneIn(db, "BCT", "officer");
  await officer.report.setDuty({ taskId, duty });
}

/** A directive the Ministry (BCT) has tracked since February 2024. */
function ministryDirective(db: Db) {
  return createDirective(db, { tracking: "BCT", number: "06/CT-TTg", at: "2024-02-16" });
}

/** A new database with the Ministry's officer, Lạng Sơn's reporter and Lạng Sơn's task. */
async function langSon() {
  const db = await freshDb({ demo: false });
  const officer = await createUser(db, { role: "officer", agency: "BCT" });
  const reporter = await createUser(db, {
    role: "reporter",
    agency: "UBND-20",
    fullName: "Hoàng Thị Dung",
  });
  const id = await overdueLangSonTask(db);
  return {
    db,
    id,
    officer: officer.caller,
    officerUser: officer,
    reporter: reporter.caller,
    reporterUser: reporter,
  };
}

/** A task led by EVN with PVN and TKV coordinating, in a directive the Ministry tracks. */
async function evnTask(db: Db, directive?: number): Promise<number> {
  return createTask(db, {
    directive: directive ?? (await createDirective(db, { tracking: "BCT", number: "12/CT-BCT" })),
    clause: "Mục 2",
    lead: "EVN",
    coordinators: ["PVN", "TKV"],
  });
}

const REPORT = {
  summary: "Đã kiểm tra các cửa khẩu Hữu Nghị, Tân Thanh; hàng hóa thông quan bình thường.",
  difficulties: "Lượng xe nông sản tăng đột biến vào cuối tuần.",
  proposals: "Đề nghị Bộ Công Thương trao đổi với phía Trung Quốc kéo dài giờ thông quan.",
  nextSteps: "Tiếp tục theo dõi, báo cáo hằng tháng.",
};

describe("report duties", () => {
  it("lets the assigning officer set a monthly duty, shown with its periods, and recorded in the history", async () => {
    const { db, id, officer, officerUser, reporter } = await langSon();

    await officer.report.setDuty({ taskId: id, duty: MONTHLY_25 });

    const list = await reporter.report.list({ taskId: id });
    expect(list.duty).toMatchObject(MONTHLY_25);
    expect(list.periods.map((p) => p.key)).toEqual([
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(list.periods[2]).toEqual({
      key: "2026-10",
      deadline: "2026-10-25",
      dueOn: "2026-10-26",
    });
    expect(list.currentPeriod?.key).toBe("2026-11");
    expect(list.agencies).toEqual([
      expect.objectContaining({
        role: "lead",
        agency: expect.objectContaining({ code: "UBND-20" }),
        streak: 4,
        missed: ["2026-08", "2026-09", "2026-10", "2026-11"],
      }),
    ]);
    expect(list.permissions).toMatchObject({
      reportingAgency: { agencyId: await agencyId(db, "UBND-20"), role: "lead" },
      canFileReport: true,
      canReportCompletion: true,
      canSetReportDuty: false,
    });
    const last = (await eventRows(db, id)).at(-1);
    expect(last).toMatchObject({
      kind: "field",
      field: "reportDuty",
      oldValue: null,
      actorId: officerUser.id,
    });
    expect(JSON.parse(last?.newValue ?? "null")).toEqual(MONTHLY_25);
  });

  it("clears a duty, keeping the old one in the history", async () => {
    const { db, id, officer } = await langSon();
    await officer.report.setDuty({ taskId: id, duty: MONTHLY_25 });

    await officer.report.setDuty({ taskId: id, duty: null });

    const list = await officer.report.list({ taskId: id });
    expect(list).toMatchObject({ duty: null, periods: [], currentPeriod: null });
    const last = (await eventRows(db, id)).at(-1);
    expect(last).toMatchObject({ field: "reportDuty", newValue: null });
    expect(JSON.parse(last?.oldValue ?? "null")).toEqual(MONTHLY_25);
  });

  it("refuses the lead agency setting its own duty (FORBIDDEN) and hides the task from others (NOT_FOUND)", async () => {
    const { db, id, reporter } = await langSon();
    const pvn = await someoneIn(db, "PVN", "reporter");
    const before = await countRows(db, "taskReportDuty");

    const forbidden = await rejection(reporter.report.setDuty({ taskId: id, duty: MONTHLY_25 }));
    const hidden = await rejection(pvn.report.setDuty({ taskId: id, duty: MONTHLY_25 }));

    expect(forbidden.code).toBe("FORBIDDEN");
    expect(hidden.code).toBe("NOT_FOUND");
    expect(await countRows(db, "taskReportDuty")).toBe(before);
  });

  it("refuses a day of month beyond 31 (BAD_REQUEST on duty.day)", async () => {
    const { id, officer } = await langSon();

    const error = await rejection(
      officer.report.setDuty({
        taskId: id,
        duty: { kind: "monthly", day: 32, startsOn: "2026-08-01" },
      }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["duty", "day"]]);
  });
});

describe("filing progress reports", () => {
  it("records the lead agency's report and moves the task's progress, history and state with it", async () => {
    const { db, id, reporter, reporterUser } = await langSon();
    await withDuty(db, id);
    const file = await uploadAs(db, reporterUser.username, {
      name: "Báo cáo tháng 11.pdf",
      content: PDF_BYTES,
    });
    const before = await taskState(db, id);
    const statesBefore = await countRows(db, "taskState");

    const result = await reporter.report.create({
      taskId: id,
      version: before.version,
      periodKey: "2026-11",
      progress: 90,
      fileIds: [file.id],
      ...REPORT,
    });

    expect(result).toEqual({ id: expect.any(Number), taskId: id, version: before.version + 1 });
    const { task } = await reporter.task.byId({ id });
    expect(task).toMatchObject({
      progress: 90,
      lastProgressAt: TEST_NOW,
      lastProgressNote: REPORT.summary,
      version: before.version + 1,
    });
    expect((await eventRows(db, id)).at(-1)).toMatchObject({
      kind: "progress",
      oldValue: "80",
      newValue: "90",
      note: REPORT.summary,
    });
    expect(await countRows(db, "taskState")).toBe(statesBefore + 1);

    const list = await reporter.report.list({ taskId: id });
    expect(list.reports).toEqual([
      expect.objectContaining({
        id: result.id,
        kind: "progress",
        agencyRole: "lead",
        agency: expect.objectContaining({ code: "UBND-20" }),
        periodKey: "2026-11",
        periodDueOn: "2026-11-25",
        // Filed on 26/11 for a period due on 25/11.
        isLate: true,
        progress: 90,
        ...REPORT,
        correctsId: null,
        correctedById: null,
        author: expect.objectContaining({ fullName: "Hoàng Thị Dung" }),
        files: [
          {
            id: file.id,
            name: "Báo cáo tháng 11.pdf",
            mime: "application/pdf",
            size: PDF_BYTES.byteLength,
            sha256: file.sha256,
          },
        ],
      }),
    ]);
    expect(list.agencies[0]).toMatchObject({ streak: 0, reportedPeriodKeys: ["2026-11"] });
  });

  it("records a coordinating agency's report for its part without touching the task", async () => {
    const db = await freshDb({ demo: false });
    const id = await evnTask(db);
    await withDuty(db, id);
    const pvn = await someoneIn(db, "PVN", "reporter");
    const before = await taskState(db, id);

    const result = await pvn.report.create({
      taskId: id,
      version: before.version,
      periodKey: "2026-11",
      progress: 30,
      summary: "PVN đã rà soát khả năng cấp khí cho các nhà máy điện trong mùa khô.",
    });

    expect(result.version).toBe(before.version);
    expect(await taskState(db, id)).toEqual(before);
    const { reports, agencies } = await pvn.report.list({ taskId: id });
    expect(reports[0]).toMatchObject({
      agencyRole: "coordinator",
      agency: { code: "PVN" },
      progress: 30,
    });
    expect(agencies.map((a) => [a.agency.code, a.role, a.streak])).toEqual([
      ["EVN", "lead", 4],
      ["PVN", "coordinator", 0],
      ["TKV", "coordinator", 4],
    ]);
  });

  it("takes an unscheduled report on a task without a duty", async () => {
    const { db, id, reporter } = await langSon();

    await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 85,
      summary: "Báo cáo nhanh tình hình cửa khẩu dịp cuối năm.",
    });

    const { reports, duty } = await reporter.report.list({ taskId: id });
    expect(duty).toBeNull();
    expect(reports[0]).toMatchObject({ periodKey: null, periodDueOn: null, isLate: false });
  });

  it("refuses the assigning officer, who neither leads nor coordinates (FORBIDDEN), and writes nothing", async () => {
    const { db, id, officer } = await langSon();
    const before = await taskState(db, id);

    const error = await rejection(
      officer.report.create({ taskId: id, version: before.version, progress: 90, ...REPORT }),
    );

    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("error.reportNotConcerned");
    expect(await countRows(db, "taskReport")).toBe(0);
    expect(await taskState(db, id)).toEqual(before);
  });

  it("answers NOT_FOUND to an agency that cannot see the task, for filing and for listing", async () => {
    const { db, id } = await langSon();
    const pvn = await someoneIn(db, "PVN", "reporter");

    const filing = await rejection(
      pvn.report.create({ taskId: id, version: 1, progress: 10, ...REPORT }),
    );
    const listing = await rejection(pvn.report.list({ taskId: id }));

    expect(filing).toMatchObject({ code: "NOT_FOUND", message: `error.taskNotFound|{"id":${id}}` });
    expect(listing.code).toBe("NOT_FOUND");
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("refuses a period not yet open and a period without a duty (BAD_REQUEST on periodKey)", async () => {
    const { db, id, reporter } = await langSon();
    const version = (await taskState(db, id)).version;

    const noDuty = await rejection(
      reporter.report.create({
        taskId: id,
        version,
        periodKey: "2026-11",
        progress: 85,
        ...REPORT,
      }),
    );
    await withDuty(db, id);
    const ahead = await rejection(
      reporter.report.create({
        taskId: id,
        version,
        periodKey: "2027-01",
        progress: 85,
        ...REPORT,
      }),
    );

    expect(noDuty).toMatchObject({ code: "BAD_REQUEST", message: "error.noReportDuty|{}" });
    expect(ahead).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.periodNotOpen|{"period":"tháng 1/2027"}',
    });
    expect(ahead.cause).toBeInstanceOf(FieldCause);
    expect(ahead.cause).toMatchObject({ field: "periodKey" });
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("refuses a second report for the same period (CONFLICT): a change is a correction", async () => {
    const { db, id, reporter } = await langSon();
    await withDuty(db, id);
    const { version } = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      periodKey: "2026-10",
      progress: 85,
      ...REPORT,
    });
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.report.create({
        taskId: id,
        version,
        periodKey: "2026-10",
        progress: 95,
        ...REPORT,
      }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(error.cause).toMatchObject({ field: "periodKey" });
    expect(await countRows(db, "taskReport")).toBe(1);
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses a report with a stale task version (CONFLICT) and writes nothing", async () => {
    const { db, id, reporter } = await langSon();
    const seen = (await taskState(db, id)).version;
    await reporter.task.setProgress({ id, progress: 85, version: seen });
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.report.create({ taskId: id, version: seen, progress: 90, ...REPORT }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(await countRows(db, "taskReport")).toBe(0);
    expect(await taskState(db, id)).toEqual(before);
  });

  it("refuses progress reports on a completed task (BAD_REQUEST)", async () => {
    const db = await freshDb({ demo: false });
    const reporter = await someoneIn(db, "UBND-20", "reporter");
    const id = await createTask(db, {
      directive: await ministryDirective(db),
      clause: "Mục 8.2",
      lead: "UBND-20",
      deadline: "2024-03-31",
      status: "completed",
      at: "2024-04-08",
    });

    const error = await rejection(
      reporter.report.create({
        taskId: id,
        version: (await taskState(db, id)).version,
        progress: 100,
        ...REPORT,
      }),
    );

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.reportClosed|{"status":"completed"}',
    });
  });

  it("refuses files that are not the reporter's own pending uploads (BAD_REQUEST on fileIds)", async () => {
    const { db, id, reporter, officerUser } = await langSon();
    const othersFile = await uploadAs(db, officerUser.username, {
      name: "cv.pdf",
      content: PDF_BYTES,
    });
    const before = await taskState(db, id);

    const error = await rejection(
      reporter.report.create({
        taskId: id,
        version: before.version,
        progress: 90,
        fileIds: [othersFile.id],
        ...REPORT,
      }),
    );

    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "error.filesUnavailable|{}" });
    expect(error.cause).toMatchObject({ field: "fileIds" });
    expect(await countRows(db, "taskReport")).toBe(0);
    expect(await taskState(db, id)).toEqual(before);
  });
});

describe("progress never moves down by accident (issue 8, bug 1)", () => {
  it("refuses a report below the task's progress without a reason (BAD_REQUEST on the reason field) and writes nothing", async () => {
    const { db, id, reporter } = await langSon();
    const before = await taskState(db, id);

    const refused = await rejection(
      reporter.report.create({ taskId: id, version: before.version, progress: 60, ...REPORT }),
    );

    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: 'error.progressLowered|{"from":80,"to":60}',
    });
    expect(refused.cause).toBeInstanceOf(FieldCause);
    expect(refused.cause).toMatchObject({ field: "progressLoweredReason" });
    expect(await taskState(db, id)).toEqual(before);
    expect(await countRows(db, "taskReport")).toBe(0);
  });

  it("says what happened and what to do, in the user's language", async () => {
    const { db, id, reporter } = await langSon();
    const version = (await taskState(db, id)).version;
    const { message } = await rejection(
      reporter.report.create({ taskId: id, version, progress: 60, ...REPORT }),
    );
    expect(translateMessage("vi", message)).toMatch(
      /^Tiến độ giảm từ 80% xuống 60%: vui lòng ghi lý do giảm tiến độ/,
    );
    expect(translateMessage("en", message)).toMatch(
      /^Progress goes down from 80% to 60%: please give the reason/,
    );
  });

  it("files a lower progress with its reason: the report keeps it and the history points to the report", async () => {
    const { db, id, reporter } = await langSon();
    const reason = "Khối lượng phát sinh thêm 2 cửa khẩu phụ nên tỷ lệ hoàn thành giảm.";

    const result = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 60,
      progressLoweredReason: reason,
      ...REPORT,
    });

    expect((await taskState(db, id)).progress).toBe(60);
    const { reports } = await reporter.report.list({ taskId: id });
    expect(reports[0]).toMatchObject({
      id: result.id,
      progress: 60,
      progressLoweredReason: reason,
    });
    const { events, lastReport } = await reporter.task.byId({ id });
    expect(events[0]).toMatchObject({
      kind: "progress",
      oldValue: "80",
      newValue: "60",
      report: { id: result.id, kind: "progress", periodKey: null },
    });
    expect(lastReport).toMatchObject({ id: result.id, progress: 60, summary: REPORT.summary });
  });

  it("needs no reason for the same progress again, and keeps none when the progress rises", async () => {
    const { db, id, reporter } = await langSon();
    const first = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 80,
      progressLoweredReason: "Không giảm.",
      ...REPORT,
    });
    await reporter.report.create({ taskId: id, version: first.version, progress: 80, ...REPORT });

    const { reports } = await reporter.report.list({ taskId: id });
    expect(reports.map((report) => [report.progress, report.progressLoweredReason])).toEqual([
      [80, ""],
      [80, ""],
    ]);
  });

  it("holds a coordinating agency to its own last report, not to the task's progress", async () => {
    const db = await freshDb({ demo: false });
    const id = await evnTask(db);
    const pvn = await someoneIn(db, "PVN", "reporter");
    const version = (await taskState(db, id)).version;
    const summary = "PVN đã rà soát khả năng cấp khí cho các nhà máy điện.";
    await pvn.report.create({ taskId: id, version, progress: 50, summary });

    const refused = await rejection(
      pvn.report.create({ taskId: id, version, progress: 40, summary }),
    );

    expect(refused.message).toBe('error.progressLowered|{"from":50,"to":40}');
    expect(await countRows(db, "taskReport")).toBe(1);
  });

  it("asks the same of a progress change made without a report (BAD_REQUEST on note)", async () => {
    const { db, id, reporter } = await langSon();
    const before = await taskState(db, id);

    const refused = await rejection(
      reporter.task.setProgress({ id, progress: 50, version: before.version }),
    );
    await reporter.task.setProgress({
      id,
      progress: 50,
      note: "Tính lại theo khối lượng mới.",
      version: before.version,
    });

    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(refused.cause).toMatchObject({ field: "note" });
    expect((await taskState(db, id)).progress).toBe(50);
  });
});

describe("notes and changes without a report are not reports (issue 8, bug 2)", () => {
  it("keeps the task's last report to the lead agency's reports, with who wrote them", async () => {
    const { db, id, reporter, officer } = await langSon();
    const version = (await taskState(db, id)).version;
    const unreported = await reporter.task.setProgress({
      id,
      progress: 90,
      note: "Ước đạt.",
      version,
    });
    await officer.task.addNote({ id, note: "Đề nghị tỉnh gửi báo cáo bằng văn bản." });

    const before = await reporter.task.byId({ id });
    expect(before.lastReport).toBeNull();
    expect(before.task).toMatchObject({ lastProgressAt: null, lastProgressNote: "" });
    expect(before.events.find((event) => event.kind === "progress")?.report).toBeNull();

    const filed = await reporter.report.create({
      taskId: id,
      version: unreported.version,
      progress: 90,
      ...REPORT,
    });
    await officer.task.addNote({ id, note: "Đã nhận báo cáo." });

    const after = await reporter.task.byId({ id });
    expect(after.lastReport).toEqual({
      id: filed.id,
      kind: "progress",
      periodKey: null,
      progress: 90,
      summary: REPORT.summary,
      author: { fullName: "Hoàng Thị Dung", agencyShortName: expect.any(String) },
      createdAt: TEST_NOW,
    });
    expect(after.task.lastProgressNote).toBe(REPORT.summary);
  });
});

describe("reports are never edited", () => {
  it("has the database refuse UPDATE and DELETE of a report", async () => {
    const { db, id, reporter } = await langSon();
    const { id: reportId } = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 90,
      ...REPORT,
    });

    await expect(
      sql`UPDATE task_report SET progress = 10 WHERE id = ${reportId}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM task_report WHERE id = ${reportId}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    const { reports } = await reporter.report.list({ taskId: id });
    expect(reports[0]?.progress).toBe(90);
  });

  it("files a correction as a new report pointing to the one it corrects, same period", async () => {
    const { db, id, reporter } = await langSon();
    await withDuty(db, id);
    const first = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      periodKey: "2026-10",
      progress: 95,
      ...REPORT,
    });

    const correction = await reporter.report.create({
      taskId: id,
      version: first.version,
      correctsId: first.id,
      progress: 85,
      ...REPORT,
      summary: "Đính chính: tỷ lệ hoàn thành là 85%, không phải 95%.",
    });

    const { reports } = await reporter.report.list({ taskId: id });
    expect(
      reports.map((r) => [r.id, r.periodKey, r.progress, r.correctsId, r.correctedById]),
    ).toEqual([
      [correction.id, "2026-10", 85, first.id, null],
      [first.id, "2026-10", 95, null, correction.id],
    ]);
    expect((await taskState(db, id)).progress).toBe(85);
  });

  it("refuses correcting a report twice (CONFLICT) and into another period (BAD_REQUEST)", async () => {
    const { db, id, reporter } = await langSon();
    await withDuty(db, id);
    const first = await reporter.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      periodKey: "2026-10",
      progress: 95,
      ...REPORT,
    });
    const otherPeriod = await rejection(
      reporter.report.create({
        taskId: id,
        version: first.version,
        correctsId: first.id,
        periodKey: "2026-11",
        progress: 85,
        ...REPORT,
      }),
    );
    const second = await reporter.report.create({
      taskId: id,
      version: first.version,
      correctsId: first.id,
      progress: 85,
      ...REPORT,
    });

    const twice = await rejection(
      reporter.report.create({
        taskId: id,
        version: second.version,
        correctsId: first.id,
        progress: 80,
        ...REPORT,
      }),
    );

    expect(otherPeriod).toMatchObject({
      code: "BAD_REQUEST",
      message: "error.correctionPeriod|{}",
    });
    expect(twice).toMatchObject({
      code: "CONFLICT",
      message: `error.reportCorrected|{"id":${first.id},"by":${second.id}}`,
    });
    expect(await countRows(db, "taskReport")).toBe(2);
  });

  it("refuses another agency correcting a report (FORBIDDEN); the database also refuses a mismatched correction", async () => {
    const db = await freshDb({ demo: false });
    const id = await evnTask(db);
    const { caller: evn } = await createUser(db, { role: "reporter", agency: "EVN" });
    const { id: pvnId, caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });
    const original = await evn.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 20,
      summary: "EVN đã lập phương án cấp điện mùa khô.",
    });

    const error = await rejection(
      pvn.report.create({
        taskId: id,
        version: original.version,
        correctsId: original.id,
        progress: 10,
        summary: "Sửa báo cáo của EVN.",
      }),
    );

    expect(error).toMatchObject({ code: "FORBIDDEN", message: "error.correctOtherAgency" });
    await expect(
      sql`INSERT INTO task_report (task_id, kind, agency_id, agency_role, summary, progress,
        corrects_id, created_by, created_at)
        VALUES (${id}, 'progress', ${await agencyId(db, "PVN")}, 'coordinator', 'x', 10,
          ${original.id}, ${pvnId}, ${TEST_NOW})`.execute(db),
    ).rejects.toThrow(/same task, agency and period/);
  });
});

describe("missing reports", () => {
  it("lists who has not reported for the period now due, with the streak; a missed month stays missed", async () => {
    const db = await freshDb({ demo: false });
    const officerUser = await createUser(db, { role: "officer", agency: "BCT" });
    const leaderUser = await createUser(db, { role: "leader", agency: "BCT" });
    const langSonUser = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const directiveId = await ministryDirective(db);
    const langSon = await overdueLangSonTask(db, { directive: directiveId });
    const pvnTask = await createTask(db, {
      directive: directiveId,
      clause: "Mục 2.1",
      lead: "PVN",
      deadline: "2024-12-15",
      progress: 50,
      at: "2024-02-26",
    });
    // A duty on another directive's task, which the filter leaves out.
    await withDuty(db, await evnTask(db));
    const officer = await on(db, officerUser, "2026-08-03");
    await officer.report.setDuty({ taskId: langSon, duty: MONTHLY_25 });
    await officer.report.setDuty({ taskId: pvnTask, duty: MONTHLY_25 });
    // Lạng Sơn reports August on time, skips September, reports October early, skips November.
    const august = await on(db, langSonUser, "2026-08-24");
    const { version } = await august.report.create({
      taskId: langSon,
      version: (await taskState(db, langSon)).version,
      periodKey: "2026-08",
      progress: 82,
      ...REPORT,
    });
    const october = await on(db, langSonUser, "2026-10-20");
    await october.report.create({
      taskId: langSon,
      version,
      periodKey: "2026-10",
      progress: 84,
      ...REPORT,
    });

    const byDirective = { directiveId };
    const today = officerUser.caller;
    const { asOf, items } = await today.report.missing(byDirective);

    expect(asOf).toBe("2026-11-26");
    expect(
      items.map((item) => [
        item.task.clause,
        item.agency.code,
        item.role,
        item.period.key,
        item.streak,
      ]),
    ).toEqual([
      ["Mục 2.1", "PVN", "lead", "2026-11", 4],
      ["Mục 6.6", "UBND-20", "lead", "2026-11", 1],
    ]);
    expect(items[1]).toMatchObject({
      missedPeriodKeys: ["2026-09", "2026-11"],
      lastReportedAt: "2026-10-20T03:00:00.000Z",
    });
    expect(items[0]).toMatchObject({
      missedPeriodKeys: ["2026-08", "2026-09", "2026-10", "2026-11"],
      lastReportedAt: null,
    });

    // PVN reports November: off the list, yet August to October stay missed.
    const pvn = await someoneIn(db, "PVN", "reporter");
    await pvn.report.create({
      taskId: pvnTask,
      version: (await taskState(db, pvnTask)).version,
      periodKey: "2026-11",
      progress: 90,
      summary: "Số liệu khai thác 11 tháng năm 2026.",
    });
    const after = await today.report.missing(byDirective);
    expect(after.items.map((item) => item.task.clause)).toEqual(["Mục 6.6"]);
    const pvnList = await pvn.report.list({ taskId: pvnTask });
    expect(pvnList.agencies[0]).toMatchObject({
      streak: 0,
      missed: ["2026-08", "2026-09", "2026-10"],
    });

    // A month later, December is due too: Lạng Sơn has missed two in a row.
    const december = await on(db, leaderUser, "2026-12-28");
    const later = await december.report.missing(byDirective);
    expect(later.items.map((item) => [item.task.clause, item.period.key, item.streak])).toEqual([
      ["Mục 6.6", "2026-12", 2],
      ["Mục 2.1", "2026-12", 1],
    ]);
  });

  it("lists coordinating agencies too, and filters by directive", async () => {
    const db = await freshDb({ demo: false });
    const sampleDirective = await createDirective(db, { tracking: "BCT", number: "12/CT-BCT" });
    const sample = await evnTask(db, sampleDirective);
    const langSon = await overdueLangSonTask(db);
    await withDuty(db, sample, { kind: "once", dueDate: "2026-11-20" });
    await withDuty(db, langSon);
    const leader = await someoneIn(db, "BCT", "leader");

    const { items } = await leader.report.missing({ directiveId: sampleDirective });

    expect(items.every((item) => item.task.directiveNumber === "12/CT-BCT")).toBe(true);
    expect(
      items
        .filter((item) => item.task.id === sample)
        .map((item) => [item.agency.code, item.role, item.period.key, item.streak]),
    ).toEqual([
      ["EVN", "lead", "once", 1],
      ["PVN", "coordinator", "once", 1],
      ["TKV", "coordinator", "once", 1],
    ]);
    // The tracking agency's leader may urge each of them (the page offers "Đôn đốc").
    expect(items.every((item) => item.task.mayUrge)).toBe(true);
  });

  it("shows a reporter its own agency's part only, an unrelated officer nothing, an admin nothing (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT", at: "2026-08-01" });
    const langSonTask = await overdueLangSonTask(db, { directive });
    const evn = await evnTask(db, directive);
    await withDuty(db, langSonTask);
    await withDuty(db, evn);
    const pvn = await someoneIn(db, "PVN", "reporter");
    const langSon = await someoneIn(db, "UBND-20", "reporter");
    const financeOfficer = await someoneIn(db, "BTC", "officer");
    const admin = await someoneIn(db, "VPCP", "admin");

    const pvnPart = await pvn.report.missing({});
    const langSonPart = await langSon.report.missing({});
    const unrelated = await financeOfficer.report.missing({});
    const error = await rejection(admin.report.missing({}));

    // PVN coordinates EVN's task: its own missing report, not EVN's nor TKV's.
    expect(pvnPart.items.map((item) => [item.task.id, item.agency.code, item.role])).toEqual([
      [evn, "PVN", "coordinator"],
    ]);
    expect(langSonPart.items.map((item) => [item.task.id, item.agency.code, item.role])).toEqual([
      [langSonTask, "UBND-20", "lead"],
    ]);
    // Reporters owe the reports; they may urge nobody.
    expect([...pvnPart.items, ...langSonPart.items].some((item) => item.task.mayUrge)).toBe(false);
    expect(unrelated.items).toEqual([]);
    expect(error.code).toBe("FORBIDDEN");
  });
});
