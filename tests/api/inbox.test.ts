import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { fixedClock } from "../../server/clock.ts";
import { addDays } from "../../shared/date.ts";
import type { ReportDuty } from "../../shared/report-input.ts";
import {
  countRows,
  freshDb,
  rejection,
  signedInAs,
  signIn,
  TEST_NOW,
  taskState,
} from "../support/api.ts";
import {
  callerOf,
  createAgency,
  createDirective,
  createTask,
  createUser,
  overdueLangSonTask,
  someoneIn,
  type TestUser,
} from "../support/factory.ts";

/**
 * "Việc cần làm" (issue 8): each role's inbox through the real router, today 26/11/2026 (a
 * Thursday). Seven working days ahead is Monday 07/12/2026.
 */

const MONTHLY_25_FROM_OCTOBER: ReportDuty = { kind: "monthly", day: 25, startsOn: "2026-10-01" };

async function withDuty(db: Db, taskId: number, duty: ReportDuty) {
  const officer = await someoneIn(db, "BCT", "officer");
  await officer.report.setDuty({ taskId, duty });
}

/** The lead agency's reporter reports the task done with its document, at TEST_NOW or `at`. */
async function reportDone(db: Db, taskId: number, lead: string, at?: string) {
  const reporter = await someoneIn(db, lead, "reporter", { at });
  const { version } = await taskState(db, taskId);
  return reporter.report.complete({
    taskId,
    version,
    documentNumber: "15/BC-UBND",
    documentDate: (at ?? "2026-11-26").slice(0, 10),
    note: "Đã hoàn thành.",
  });
}

/** PVN's reporter reports progress on the task on 20/11/2026 (within the last 30 days). */
async function reportProgress(db: Db, taskId: number, progress: number, summary: string) {
  const pvn = await someoneIn(db, "PVN", "reporter", { at: "2026-11-20" });
  await pvn.report.create({
    taskId,
    version: (await taskState(db, taskId)).version,
    progress,
    summary,
  });
}

/** A directive of the Ministry (BCT), issued in August 2026. */
function directive(db: Db) {
  return createDirective(db, { tracking: "BCT", issuedOn: "2026-08-03", at: "2026-08-05" });
}

async function people(db: Db) {
  const officer = await createUser(db, {
    role: "officer",
    agency: "BCT",
    fullName: "Nguyễn Văn An",
  });
  const leader = await createUser(db, { role: "leader", agency: "BCT" });
  const langSon = await createUser(db, { role: "reporter", agency: "UBND-20" });
  const pvn = await createUser(db, { role: "reporter", agency: "PVN" });
  return { officer, leader, langSon, pvn };
}

/** The user's inbox; the menu's count, read without the items (inbox.count), says the same. */
async function inboxOf(user: TestUser) {
  const [inbox, counted] = await Promise.all([user.caller.inbox.view(), user.caller.inbox.count()]);
  expect(counted).toEqual({ count: inbox.count });
  return inbox;
}

describe("a reporter's inbox", () => {
  it("lists the report periods late and due soon, for the lead and the coordinating agency; filing one drops it", async () => {
    const db = await freshDb({ demo: false });
    const { langSon, pvn } = await people(db);
    const d = await directive(db);
    const monthly = await createTask(db, { directive: d, lead: "UBND-20", clause: "Mục 1" });
    const once = await createTask(db, { directive: d, lead: "UBND-20", clause: "Mục 2" });
    const evn = await createTask(db, {
      directive: d,
      lead: "EVN",
      coordinators: ["UBND-20", "PVN"],
      clause: "Mục 3",
    });
    await withDuty(db, monthly, MONTHLY_25_FROM_OCTOBER);
    await withDuty(db, once, { kind: "once", dueDate: "2026-12-02" });
    await withDuty(db, evn, { kind: "once", dueDate: "2026-12-31" });
    // October (due Monday 26/10) is reported; November (due 25/11) is not.
    const october = await callerOf(db, langSon.id, { at: "2026-10-20" });
    await october.report.create({
      taskId: monthly,
      version: (await taskState(db, monthly)).version,
      periodKey: "2026-10",
      progress: 30,
      summary: "Báo cáo tháng 10.",
    });

    const before = await inboxOf(langSon);

    if (before.role !== "reporter") throw new Error("a reporter's inbox");
    expect(before.until).toBe("2026-12-07");
    expect(
      before.sections.periods.items.map((item) => [
        item.task.clause,
        item.role,
        item.period.key,
        item.period.dueOn,
        item.daysLate,
      ]),
    ).toEqual([
      ["Mục 1", "lead", "2026-11", "2026-11-25", 1],
      ["Mục 2", "lead", "once", "2026-12-02", 0],
    ]);
    // PVN coordinates Mục 3, due 31/12: not yet; EVN's own part is not PVN's business.
    const pvnInbox = await inboxOf(pvn);
    if (pvnInbox.role !== "reporter") throw new Error("a reporter's inbox");
    expect(pvnInbox.sections.periods.items).toEqual([]);

    await langSon.caller.report.create({
      taskId: monthly,
      version: (await taskState(db, monthly)).version,
      periodKey: "2026-11",
      progress: 40,
      summary: "Báo cáo tháng 11.",
    });
    const after = await inboxOf(langSon);
    if (after.role !== "reporter") throw new Error("a reporter's inbox");
    expect(after.sections.periods.items.map((item) => item.task.clause)).toEqual(["Mục 2"]);
    expect(after.count).toBe(before.count - 1);
  });

  it("lists open tasks due within 7 working days and overdue ones, not later ones nor those reported done", async () => {
    const db = await freshDb({ demo: false });
    const { langSon, pvn } = await people(db);
    const d = await directive(db);
    const soon = await createTask(db, { directive: d, lead: "UBND-20", deadline: "2026-12-07" });
    await createTask(db, { directive: d, lead: "UBND-20", deadline: "2026-12-08" });
    const overdue = await overdueLangSonTask(db, { directive: d });
    const coordinated = await createTask(db, {
      directive: d,
      lead: "PVN",
      coordinators: ["UBND-20"],
      deadline: "2026-12-01",
    });
    const done = await createTask(db, { directive: d, lead: "UBND-20", deadline: "2026-12-01" });
    await reportDone(db, done, "UBND-20");

    const inbox = await inboxOf(langSon);

    if (inbox.role !== "reporter") throw new Error("a reporter's inbox");
    expect(inbox.sections.dueTasks.items.map((task) => [task.id, task.role])).toEqual([
      [overdue, "lead"],
      [coordinated, "coordinator"],
      [soon, "lead"],
    ]);
    const pvnInbox = await inboxOf(pvn);
    if (pvnInbox.role !== "reporter") throw new Error("a reporter's inbox");
    expect(pvnInbox.sections.dueTasks.items.map((task) => [task.id, task.role])).toEqual([
      [coordinated, "lead"],
    ]);
  });

  it("lists a task whose completion was returned, with the reason and who returned it, until reported done again", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const done = await reportDone(db, id, "UBND-20");
    const reason = "Thiếu số liệu kim ngạch xuất khẩu tháng 11.";
    await officer.caller.task.setStatus({
      id,
      status: "in_progress",
      note: reason,
      version: done.version,
    });

    const returned = await inboxOf(langSon);

    if (returned.role !== "reporter") throw new Error("a reporter's inbox");
    expect(returned.sections.returned.items).toEqual([
      {
        task: expect.objectContaining({ id }),
        at: "2026-11-26T03:00:00.000Z",
        reason,
        by: { fullName: "Nguyễn Văn An", agencyShortName: expect.any(String) },
      },
    ]);
    await reportDone(db, id, "UBND-20");
    const again = await inboxOf(langSon);
    if (again.role !== "reporter") throw new Error("a reporter's inbox");
    expect(again.sections.returned.items).toEqual([]);
  });

  it("lists the answers to its extension requests and the comments mentioning it until marked seen", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const { id: request } = await langSon.caller.extension.request({
      taskId: id,
      deadline: "2027-01-15",
      reason: "Cần thêm thời gian tổng hợp số liệu.",
    });
    const langSonId = (await langSon.caller.auth.me())?.agencyId ?? 0;
    const pending = await inboxOf(langSon);
    await officer.caller.extension.decide({ id: request, decision: "approve" });
    const { id: mention } = await officer.caller.comment.create({
      taskId: id,
      body: "Đề nghị tỉnh gửi báo cáo trước ngày 30/11.",
      mentionAgencyIds: [langSonId],
    });
    // Its own comment mentioning itself is no news to it.
    await langSon.caller.comment.create({
      taskId: id,
      body: "Tỉnh đã nhận.",
      mentionAgencyIds: [langSonId],
    });

    const answered = await inboxOf(langSon);

    if (pending.role !== "reporter" || answered.role !== "reporter") {
      throw new Error("a reporter's inbox");
    }
    expect(pending.sections.extensionAnswers.items).toEqual([]);
    expect(answered.sections.extensionAnswers.items).toEqual([
      expect.objectContaining({
        id: request,
        status: "approved",
        approvedDeadline: "2027-01-15",
        task: expect.objectContaining({ id }),
      }),
    ]);
    expect(answered.sections.mentions.items).toEqual([
      expect.objectContaining({
        id: mention,
        body: "Đề nghị tỉnh gửi báo cáo trước ngày 30/11.",
        author: expect.objectContaining({ fullName: "Nguyễn Văn An" }),
      }),
    ]);

    await langSon.caller.inbox.markSeen({ kind: "extension", ids: [request] });
    await langSon.caller.inbox.markSeen({ kind: "comment", ids: [mention, mention] });
    const seen = await inboxOf(langSon);
    if (seen.role !== "reporter") throw new Error("a reporter's inbox");
    expect(seen.sections.extensionAnswers.items).toEqual([]);
    expect(seen.sections.mentions.items).toEqual([]);
    expect(seen.count).toBe(answered.count - 2);
    // Another user of the same agency has not seen them.
    const colleague = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const theirs = await inboxOf(colleague);
    expect(theirs.count).toBe(answered.count);
  });
});

describe("an officer's inbox", () => {
  it("lists completions awaiting confirmation, longest waiting first, until confirmed", async () => {
    const db = await freshDb({ demo: false });
    const { officer } = await people(db);
    const d = await directive(db);
    const recent = await createTask(db, { directive: d, lead: "UBND-20" });
    const old = await createTask(db, { directive: d, lead: "PVN", at: "2026-08-10" });
    await reportDone(db, recent, "UBND-20", "2026-11-20");
    const oldDone = await reportDone(db, old, "PVN", "2026-09-01");

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    expect(
      inbox.sections.completions.items.map((task) => [task.id, task.doneOn, task.daysWaiting]),
    ).toEqual([
      [old, "2026-09-01", 86],
      [recent, "2026-11-20", 6],
    ]);
    await officer.caller.task.setStatus({ id: old, status: "completed", version: oldDone.version });
    const after = await inboxOf(officer);
    expect(after.count).toBe(inbox.count - 1);
  });

  it("lists extension requests to decide until decided", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const { id: request } = await langSon.caller.extension.request({
      taskId: id,
      deadline: "2027-01-15",
      reason: "Cần thêm thời gian.",
    });

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    expect(inbox.sections.extensions.items.map((item) => item.id)).toEqual([request]);
    await officer.caller.extension.decide({
      id: request,
      decision: "reject",
      note: "Không có căn cứ.",
    });
    const after = await inboxOf(officer);
    if (after.role !== "officer") throw new Error("an officer's inbox");
    expect(after.sections.extensions.items).toEqual([]);
    expect(after.count).toBe(inbox.count - 1);
  });

  it("reads the 50 newest reports received and counts them all", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const reports: number[] = [];
    let version = (await taskState(db, id)).version;
    for (let i = 0; i <= 50; i++) {
      const filed = await langSon.caller.report.create({
        taskId: id,
        version,
        progress: i * 2,
        summary: `Báo cáo lần ${i + 1}.`,
      });
      reports.push(filed.id);
      version = filed.version;
    }

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    expect(inbox.sections.reports.total).toBe(51);
    // Newest first: filed at the same instant, so the later id first.
    expect(inbox.sections.reports.items.map((report) => report.id)).toEqual(
      reports.toReversed().slice(0, 50),
    );
    await officer.caller.inbox.markSeen({ kind: "report", ids: reports.slice(0, 1) });
    const after = await inboxOf(officer);
    if (after.role !== "officer") throw new Error("an officer's inbox");
    expect(after.sections.reports.total).toBe(50);
  });

  it("lists the reports received in the last 30 days from other agencies until marked seen", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const early = await callerOf(db, langSon.id, { at: "2026-10-20" });
    const first = await early.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 20,
      summary: "Báo cáo tháng 10.",
    });
    const { id: report } = await langSon.caller.report.create({
      taskId: id,
      version: first.version,
      progress: 40,
      summary: "Báo cáo tháng 11.",
    });

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    expect(inbox.sections.reports.items).toEqual([
      expect.objectContaining({
        id: report,
        summary: "Báo cáo tháng 11.",
        progress: 40,
        agency: expect.objectContaining({ code: "UBND-20" }),
        task: expect.objectContaining({ id }),
      }),
    ]);
    await officer.caller.inbox.markSeen({ kind: "report", ids: [report] });
    const after = await inboxOf(officer);
    if (after.role !== "officer") throw new Error("an officer's inbox");
    expect(after.sections.reports.items).toEqual([]);
    expect(after.count).toBe(inbox.count - 1);
  });

  it("lists overdue tasks without a report for 30 days; urging one counts it done for a week", async () => {
    const db = await freshDb({ demo: false });
    const { officer } = await people(db);
    const d = await directive(db);
    const silent = await overdueLangSonTask(db, { directive: d });
    const reported = await createTask(db, {
      directive: d,
      lead: "PVN",
      deadline: "2026-11-10",
      at: "2026-08-10",
    });
    await reportProgress(db, reported, 50, "Đang hoàn thiện.");

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    expect(inbox.sections.silentOverdue.items.map((task) => [task.id, task.urgedAt])).toEqual([
      [silent, null],
    ]);
    await officer.caller.task.addNote({ id: silent, note: "Đề nghị tỉnh báo cáo ngay." });
    const urged = await inboxOf(officer);
    if (urged.role !== "officer") throw new Error("an officer's inbox");
    expect(urged.sections.silentOverdue.items.map((task) => [task.id, task.urgedAt])).toEqual([
      [silent, "2026-11-26T03:00:00.000Z"],
    ]);
    expect(urged.count).toBe(inbox.count - 1);
  });

  it("lists the silent overdue most days overdue first (then by id), the first 50, and counts them all", async () => {
    const db = await freshDb({ demo: false });
    const { officer } = await people(db);
    const d = await directive(db);
    // Two tasks a deadline, created latest deadline first, so that ids go against the order;
    // weekends and 2/9 move deadlines in force together (more ties, broken by id).
    const ids: number[] = [];
    for (let i = 51; i >= 0; i--) {
      const deadline = addDays("2026-09-01", Math.floor(i / 2));
      ids.push(await createTask(db, { directive: d, lead: "PVN", deadline, at: "2026-08-01" }));
    }
    // Reported done after its deadline: overdue, but awaiting confirmation, not silent.
    await createTask(db, {
      directive: d,
      lead: "PVN",
      deadline: "2026-08-20",
      at: "2026-08-01",
      status: "reported_done",
    });
    // Overdue and open, but assigned within 30 days, or reported on within them: not silent.
    await createTask(db, { directive: d, lead: "PVN", deadline: "2026-10-01", at: "2026-11-10" });
    const reported = await createTask(db, {
      directive: d,
      lead: "PVN",
      deadline: "2026-09-01",
      at: "2026-08-01",
    });
    await reportProgress(db, reported, 30, "Đang triển khai.");

    const inbox = await inboxOf(officer);

    if (inbox.role !== "officer") throw new Error("an officer's inbox");
    const inForce = await db
      .selectFrom("task")
      .select(["task.id", "task.dueOn"])
      .where("task.id", "in", ids)
      .orderBy("task.dueOn")
      .orderBy("task.id")
      .execute();
    const expected = inForce.map((task) => task.id);
    expect(new Set(inForce.map((task) => task.dueOn)).size).toBeLessThan(26);
    expect(inbox.sections.silentOverdue.total).toBe(52);
    expect(inbox.sections.silentOverdue.items.map((task) => task.id)).toEqual(
      expected.slice(0, 50),
    );
  });
});

describe("a leader's inbox", () => {
  it("lists the key tasks overdue, the longest overdue first; urging one counts it done for a week", async () => {
    const db = await freshDb({ demo: false });
    const { leader } = await people(db);
    const d = await directive(db);
    const key = await createTask(db, {
      directive: d,
      lead: "PVN",
      deadline: "2026-11-02",
      isKey: true,
    });
    const older = await createTask(db, {
      directive: d,
      lead: "UBND-20",
      deadline: "2026-10-01",
      isKey: true,
      at: "2026-08-10",
    });
    await createTask(db, { directive: d, lead: "TKV", deadline: "2026-11-02" });
    await createTask(db, { directive: d, lead: "EVN", deadline: "2026-12-31", isKey: true });

    const inbox = await inboxOf(leader);

    if (inbox.role !== "leader") throw new Error("a leader's inbox");
    expect(inbox.sections.keyOverdue.items.map((task) => task.id)).toEqual([older, key]);
    expect(inbox.count).toBe(2);
    await leader.caller.urge.send({
      ids: [key],
      message: "Đề nghị PVN báo cáo ngay.",
      replyBy: "2026-12-04",
    });
    const after = await inboxOf(leader);
    if (after.role !== "leader") throw new Error("a leader's inbox");
    expect(after.count).toBe(1);
    expect(after.sections.keyOverdue.items.map((task) => [task.id, task.urgedAt !== null])).toEqual(
      [
        [older, false],
        [key, true],
      ],
    );
  });
});

describe("inbox sections at scale", () => {
  it("read only the first 50 items, in order, and count them all (the urged last, with those still to do)", async () => {
    const db = await freshDb({ demo: false });
    const { leader } = await people(db);
    const d = await directive(db);
    const deadlines = Array.from({ length: 53 }, (_, i) => addDays("2026-09-01", i));
    const ids: number[] = [];
    for (const deadline of deadlines) {
      ids.push(await createTask(db, { directive: d, lead: "PVN", deadline, isKey: true }));
    }
    // The three most overdue are urged: they go after the 50 still to do, so out of the page.
    await leader.caller.urge.send({
      ids: ids.slice(0, 3),
      message: "Đề nghị PVN báo cáo ngay.",
      replyBy: "2026-12-04",
    });
    const inbox = await inboxOf(leader);
    if (inbox.role !== "leader") throw new Error("a leader's inbox");
    const keyOverdue = inbox.sections.keyOverdue;
    expect(keyOverdue.total).toBe(53);
    expect(keyOverdue.toDo).toBe(50);
    expect(inbox.count).toBe(50);
    expect(keyOverdue.items.map((task) => task.id)).toEqual(ids.slice(3));
    expect(keyOverdue.items.every((task) => task.urgedAt === null)).toBe(true);
  });
});

describe("an administrator's inbox", () => {
  it("lists accounts locked or never used, and agencies whose validity ends within 60 days, until seen", async () => {
    const db = await freshDb({ demo: false });
    const admin = await createUser(db, { role: "admin", agency: "VPCP" });
    const unused = await createUser(db, { role: "reporter", agency: "TKV" });
    const active = await createUser(db, { role: "officer", agency: "BCT" });
    await signIn(db, active.username);
    const locked = await createUser(db, { role: "officer", agency: "BTC" });
    await signIn(db, locked.username);
    await db
      .updateTable("appUser")
      .set({ isActive: 0 })
      .where("appUser.id", "=", locked.id)
      .execute();
    const ending = await createAgency(db, {
      code: "TO-CT",
      name: "Tổ công tác thử",
      validTo: "2026-12-20",
      successor: "BCT",
    });
    await createUser(db, { role: "officer", agency: "TO-CT" });
    await createAgency(db, { code: "TO-SAU", validTo: "2027-06-01" });
    await createAgency(db, { code: "TO-CU", validTo: "2026-11-25" });

    const inbox = await inboxOf(admin);

    if (inbox.role !== "admin") throw new Error("an administrator's inbox");
    const accounts = inbox.sections.accounts.items.map((a) => [
      a.username,
      a.isActive,
      a.neverUsed,
    ]);
    expect(accounts).toContainEqual([unused.username, true, true]);
    expect(accounts).toContainEqual([locked.username, false, false]);
    expect(accounts.map(([username]) => username)).not.toContain(active.username);
    expect(accounts.map(([username]) => username)).not.toContain(admin.username);
    expect(inbox.sections.agencies.items).toEqual([
      {
        agency: expect.objectContaining({ id: ending, code: "TO-CT" }),
        validTo: "2026-12-20",
        successor: expect.objectContaining({ code: "BCT" }),
        activeUsers: 1,
      },
    ]);

    await admin.caller.inbox.markSeen({ kind: "account", ids: [unused.id] });
    await admin.caller.inbox.markSeen({ kind: "agency", ids: [ending] });
    const after = await inboxOf(admin);
    expect(after.count).toBe(inbox.count - 2);
  });

  it("drops an account from the list once it signs in", async () => {
    const db = await freshDb({ demo: false });
    const admin = await createUser(db, { role: "admin", agency: "VPCP" });
    const unused = await createUser(db, { role: "reporter", agency: "TKV" });
    const before = await inboxOf(admin);
    await signIn(db, unused.username);
    const after = await inboxOf(admin);
    expect(after.count).toBe(before.count - 1);
  });
});

describe("marking inbox items seen", () => {
  it("answers NOT_FOUND for an item of a task the user may not see, an unknown one, or an account for a non-admin; writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon, pvn } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const { id: report } = await langSon.caller.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 40,
      summary: "Báo cáo tháng 11.",
    });

    const hidden = await rejection(pvn.caller.inbox.markSeen({ kind: "report", ids: [report] }));
    const unknown = await rejection(
      officer.caller.inbox.markSeen({ kind: "report", ids: [report, 999_999] }),
    );
    const account = await rejection(
      officer.caller.inbox.markSeen({ kind: "account", ids: [langSon.id] }),
    );

    expect(hidden).toMatchObject({
      code: "NOT_FOUND",
      message: `error.inboxItemNotFound|{"id":${report}}`,
    });
    expect(unknown).toMatchObject({
      code: "NOT_FOUND",
      message: 'error.inboxItemNotFound|{"id":999999}',
    });
    expect(account.code).toBe("NOT_FOUND");
    expect(await countRows(db, "inboxSeen")).toBe(0);
  });

  it("records who marked what in the audit log, in the same transaction", async () => {
    const db = await freshDb({ demo: false });
    const { officer, langSon } = await people(db);
    const id = await createTask(db, { directive: await directive(db), lead: "UBND-20" });
    const { id: report } = await langSon.caller.report.create({
      taskId: id,
      version: (await taskState(db, id)).version,
      progress: 40,
      summary: "Báo cáo tháng 11.",
    });

    await officer.caller.inbox.markSeen({ kind: "report", ids: [report] });

    const audit = await db
      .selectFrom("auditLog")
      .select(["auditLog.actorId", "auditLog.action", "auditLog.detail"])
      .where("auditLog.action", "=", "inbox_seen")
      .execute();
    expect(audit).toEqual([
      {
        actorId: officer.id,
        action: "inbox_seen",
        detail: JSON.stringify({ kind: "report", ids: [report] }),
      },
    ]);
    expect(await countRows(db, "inboxSeen")).toBe(1);
  });
});

describe("the demo tells the truth about today", () => {
  it.each([
    [TEST_NOW, "a Thursday in late November"],
    ["2026-02-23T02:00:00.000Z", "the Monday after Tết Bính Ngọ"],
    ["2026-12-25T03:00:00.000Z", "a reporting day, the 25th"],
    ["2027-01-04T03:00:00.000Z", "the first Monday of a year"],
    ["2026-06-12T08:00:00.000Z", "a Friday afternoon in June"],
  ])(
    "gives every demo account something of each kind to act on, seeded at %s (%s)",
    async (now) => {
      const db = await freshDb({ now });
      const inboxOfDemo = async (username: string) => {
        const caller = await signedInAs(db, username, { clock: fixedClock(now) });
        const inbox = await caller.inbox.view();
        expect(await caller.inbox.count(), username).toEqual({ count: inbox.count });
        return inbox;
      };
      const empty: string[] = [];
      for (const username of [
        "baocao.pvn",
        "baocao.langson",
        "canbo.bct",
        "lanhdao.bct",
        "quantri",
      ]) {
        const inbox = await inboxOfDemo(username);
        for (const [name, section] of Object.entries(inbox.sections)) {
          if (section.total === 0) empty.push(`${username}: ${name}`);
        }
        expect(inbox.count, username).toBeGreaterThan(0);
      }
      expect(empty).toEqual([]);
    },
  );
});
