import {
  addDays,
  addWorkingDays,
  type Calendar,
  deadlineInForce,
  type IsoDate,
  isWorkingDay,
  vnDate,
} from "../shared/date.ts";
import { periodsDue } from "../shared/report.ts";
import type { ReportDuty } from "../shared/report-input.ts";
import type { TaskStatus } from "../shared/task-status.ts";
import { foldText } from "../shared/text.ts";
import type { Role } from "../shared/user.ts";
import { appendAudit } from "./audit.ts";
import { insertComment } from "./comment.ts";
import { directiveSearchText } from "./directive.ts";
import { insertExtension, saveDecision } from "./extension.ts";
import type { Db } from "./open.ts";
import { insertReport, saveReportDuty } from "./report.ts";
import {
  appendTaskEvents,
  insertTask,
  type NewTaskEvent,
  type TaskPatch,
  updateTask,
} from "./task.ts";

/**
 * The demo's current directive (issue 8, "a demo that tells the truth about today"): a labelled
 * sample directive of the Ministry of Industry and Trade whose dates are relative to the day the
 * database is created (deadlines last week, next week, next month), so that on any day every
 * role's inbox has something of each kind to act on:
 * - PVN and Lạng Sơn each owe a report period that is late and one due soon, have a task due
 *   within 7 working days, a completion returned to them, an extension answered and a comment
 *   mentioning them;
 * - the officer has a completion awaiting confirmation, an extension request to decide, reports
 *   received in the last days and an overdue task without a report for over 30 days;
 * - the leader has key tasks overdue;
 * - the administrator has an account never used, one locked, and an agency ending soon.
 * Everything goes through the db write functions the app uses (task, history, state, reports,
 * comments, extensions), in the caller's transaction. Every text says it is an illustration.
 */

const NOTE =
  "Dữ liệu minh họa: văn bản, nhiệm vụ, thời hạn và báo cáo do phần mềm tạo ra để trình diễn.";

/** An instant given as a date and a time of day in Vietnam. */
function vn(date: IsoDate, time: string): string {
  return new Date(`${date}T${time}:00+07:00`).toISOString();
}

/** The last working day on or before `date`: a deadline there is in force that very day. */
function workingDayOnOrBefore(date: IsoDate, calendar: Calendar): IsoDate {
  let day = date;
  while (!isWorkingDay(day, calendar)) day = addDays(day, -1);
  return day;
}

/** A deadline whose deadline in force falls within the "due soon" window (when one exists). */
function dueSoonDeadline(today: IsoDate, calendar: Calendar): IsoDate {
  const windowEnd = addDays(today, 3);
  for (const offset of [2, 1, 3, 0]) {
    const deadline = addDays(today, offset);
    if (deadlineInForce(deadline, calendar) <= windowEnd) return deadline;
  }
  // Four days in a row without a working day (Tết): nothing can be due soon; in deadline instead.
  return addDays(today, 2);
}

export type DemoContext = {
  trx: Db;
  now: Date;
  /** The civil-servant calendar, to place deadlines and report days on working days. */
  calendar: Calendar;
  passwordHash: string;
  /** The id of a demo user seeded by seedDemo (canbo.bct, baocao.pvn…). */
  userId: (username: string) => number;
};

type Agencies = (code: string) => number;

async function agencyIds(trx: Db, codes: readonly string[]): Promise<Agencies> {
  const rows = await trx
    .selectFrom("agency")
    .select(["agency.id", "agency.code"])
    .where("agency.code", "in", codes)
    .execute();
  const ids = new Map(rows.map((row) => [row.code, row.id]));
  return (code) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`Agency ${code} is missing: run seedReference first`);
    return id;
  };
}

/**
 * One task's life, written as the app writes it: every change bumps the version, appends its
 * history rows and its state. Steps must come in time order, never after `now`.
 */
function storyOf(trx: Db, taskId: number, createdAt: string, now: string) {
  let version = 1;
  let at = createdAt;
  let status: TaskStatus = "not_started";
  let progress = 0;
  const advance = (when: string) => {
    if (when < at || when > now)
      throw new Error(`Demo task ${taskId}: step at ${when} out of order`);
    at = when;
  };
  const change = async (
    when: string,
    actorId: number,
    patch: TaskPatch,
    events: Omit<NewTaskEvent, "taskId" | "actorId" | "at">[],
  ) => {
    advance(when);
    if (!(await updateTask(trx, taskId, version, patch, when))) {
      throw new Error(`Demo task ${taskId}: version ${version} is stale`);
    }
    version += 1;
    status = patch.status ?? status;
    progress = patch.progress ?? progress;
    await appendTaskEvents(
      trx,
      events.map((event) => ({ ...event, taskId, actorId, at: when })),
    );
  };
  const statusEvent = (to: TaskStatus, note = "") => ({
    kind: "status" as const,
    field: "status",
    oldValue: status,
    newValue: to,
    note,
  });
  const progressEvent = (to: number, note = "", reportId: number | null = null) => ({
    kind: "progress" as const,
    field: "progress",
    oldValue: String(progress),
    newValue: String(to),
    note,
    reportId,
  });
  return {
    start: (when: string, actorId: number) =>
      change(when, actorId, { status: "in_progress" }, [statusEvent("in_progress")]),

    /** A progress report; the lead agency's moves the task's progress and is its last report. */
    report: async (
      when: string,
      actorId: number,
      report: {
        agencyId: number;
        role: "lead" | "coordinator";
        period?: { key: string; dueOn: IsoDate };
        progress: number;
        summary: string;
        difficulties?: string;
        proposals?: string;
      },
    ) => {
      const reportId = await insertReport(trx, {
        taskId,
        kind: "progress",
        agencyId: report.agencyId,
        agencyRole: report.role,
        periodKey: report.period?.key ?? null,
        periodDueOn: report.period?.dueOn ?? null,
        summary: report.summary,
        progress: report.progress,
        difficulties: report.difficulties ?? "",
        proposals: report.proposals ?? "",
        nextSteps: "",
        documentNumber: null,
        documentDate: null,
        correctsId: null,
        progressLoweredReason: "",
        createdBy: actorId,
        createdAt: when,
      });
      if (report.role === "coordinator") {
        advance(when);
        return;
      }
      const events = [
        ...(status === "not_started" ? [{ ...statusEvent("in_progress"), reportId }] : []),
        progressEvent(report.progress, report.summary, reportId),
      ];
      await change(
        when,
        actorId,
        {
          ...(status === "not_started" ? { status: "in_progress" as const } : {}),
          progress: report.progress,
          lastProgressAt: when,
          lastProgressNote: report.summary,
        },
        events,
      );
    },

    /** The lead agency reports the task done with its document: awaiting confirmation. */
    complete: async (
      when: string,
      actorId: number,
      done: { agencyId: number; documentNumber: string; note: string },
    ) => {
      const reportId = await insertReport(trx, {
        taskId,
        kind: "completion",
        agencyId: done.agencyId,
        agencyRole: "lead",
        periodKey: null,
        periodDueOn: null,
        summary: done.note,
        progress: 100,
        difficulties: "",
        proposals: "",
        nextSteps: "",
        documentNumber: done.documentNumber,
        documentDate: vnDate(new Date(when)),
        correctsId: null,
        progressLoweredReason: "",
        createdBy: actorId,
        createdAt: when,
      });
      await change(
        when,
        actorId,
        {
          status: "reported_done",
          doneOn: vnDate(new Date(when)),
          progress: 100,
          lastProgressAt: when,
          lastProgressNote: done.note,
        },
        [
          { ...statusEvent("reported_done"), reportId },
          ...(progress === 100 ? [] : [progressEvent(100, "", reportId)]),
        ],
      );
    },

    /** The assigner sends the completion back, with its reason. */
    returnIt: (when: string, actorId: number, reason: string) =>
      change(when, actorId, { status: "in_progress", doneOn: null }, [
        statusEvent("in_progress", reason),
      ]),

    /** A pending extension request (nobody has decided yet); returns its id. */
    askExtension: async (request: ExtensionAsked): Promise<number> => {
      advance(request.at);
      const id = await insertExtension(trx, {
        taskId,
        requestedBy: request.by,
        requestedAt: request.at,
        agencyId: request.agencyId,
        currentDeadline: request.from,
        requestedDeadline: request.to,
        reason: request.reason,
      });
      await appendAudit(trx, {
        actorId: request.by,
        at: request.at,
        action: "extension_request",
        entity: "task_extension",
        entityId: id,
        detail: { taskId, from: request.from, to: request.to },
      });
      return id;
    },

    /** The assigner's decision on an extension request (asked with askExtension). */
    decideExtension: async (
      request: ExtensionAsked & { id: number },
      decision: { at: string; by: number; approve: boolean; note: string },
    ) => {
      const { id } = request;
      await saveDecision(trx, id, {
        status: decision.approve ? "approved" : "rejected",
        decidedBy: decision.by,
        decidedAt: decision.at,
        note: decision.note,
        approvedDeadline: decision.approve ? request.to : null,
      });
      if (decision.approve) {
        // The deadline in force moves; the original deadline stays.
        await change(decision.at, decision.by, { deadline: request.to }, [
          {
            kind: "deadline",
            field: "deadline",
            oldValue: request.from,
            newValue: request.to,
            note: decision.note,
          },
        ]);
      } else {
        advance(decision.at);
      }
      await appendAudit(trx, {
        actorId: decision.by,
        at: decision.at,
        action: decision.approve ? "extension_approve" : "extension_reject",
        entity: "task_extension",
        entityId: id,
        detail: { taskId, deadline: decision.approve ? request.to : null, note: decision.note },
      });
    },

    comment: async (
      when: string,
      by: { userId: number; agencyId: number },
      body: string,
      mentions: number[],
    ) => {
      advance(when);
      await insertComment(
        trx,
        { taskId, authorId: by.userId, agencyId: by.agencyId, body, createdAt: when },
        mentions,
      );
    },
  };
}

type ExtensionAsked = {
  at: string;
  by: number;
  agencyId: number;
  from: IsoDate;
  to: IsoDate;
  reason: string;
};

type NewDemoTask = {
  clause: string;
  title: string;
  lead: string;
  coordinators?: readonly string[];
  deadline: IsoDate | null;
  isKey?: boolean;
};

/**
 * Seeds the current directive, its tasks and their lives, the extra accounts and the agency the
 * administrator's inbox needs, and a sign-in of each demo account that is in use. `now` is the
 * server's clock; the dates follow from its date in Vietnam.
 */
export async function seedDemoCurrent(context: DemoContext): Promise<void> {
  const { trx, userId, calendar } = context;
  const nowIso = context.now.toISOString();
  const today = vnDate(context.now);
  const day = (offset: number, time: string) => vn(addDays(today, offset), time);
  const agency = await agencyIds(trx, [
    "BCT",
    "PVN",
    "EVN",
    "TKV",
    "UBND-20",
    "BTC",
    "CQLPTTTN",
    "Petrolimex",
  ]);
  const officer = userId("canbo.bct");
  const pvn = userId("baocao.pvn");
  const langSon = userId("baocao.langson");
  const issuedOn = addDays(today, -70);
  const createdAt = vn(addDays(issuedOn, 1), "08:30");
  const assignedAt = vn(addDays(issuedOn, 1), "09:00");

  const title =
    "[Minh họa] Chỉ thị về tăng cường theo dõi cung cầu hàng hóa, năng lượng và xuất nhập khẩu qua cửa khẩu";
  const summary = `Văn bản mẫu do phần mềm tạo ra để trình diễn, không phải văn bản thật của Bộ Công Thương. Thời hạn, báo cáo, đề nghị gia hạn và ý kiến được tính theo ngày tạo dữ liệu để có đủ các trường hợp: quá hạn, sắp đến hạn, trong hạn, chờ xác nhận, bị trả lại. ${NOTE}`;
  const number = "12/CT-BCT";
  const issuer = "Bộ Công Thương";
  const { id: directiveId } = await trx
    .insertInto("directive")
    .values({
      type: "chi_thi",
      number,
      issuer,
      issuedOn,
      issueYear: Number(issuedOn.slice(0, 4)),
      title,
      summary,
      fullText: "",
      trackingAgencyId: agency("BCT"),
      isDemo: 1,
      searchText: directiveSearchText({ number, title, summary, issuer }),
      createdBy: officer,
      createdAt,
      updatedAt: createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const description = `Nhiệm vụ mẫu của văn bản minh họa. ${NOTE}`;
  const addTask = async (task: NewDemoTask) => {
    const id = await insertTask(
      trx,
      {
        directiveId,
        parentId: null,
        clause: task.clause,
        title: task.title,
        description,
        leadAgencyId: agency(task.lead),
        assignerAgencyId: agency("BCT"),
        deadline: task.deadline,
        deadlineKind: task.deadline === null ? "none" : "by_date",
        deadlineDays: null,
        isKey: task.isKey ?? false,
        createdBy: officer,
        createdAt: assignedAt,
      },
      (task.coordinators ?? []).map(agency),
    );
    await appendTaskEvents(trx, [
      { taskId: id, actorId: officer, at: assignedAt, kind: "created", newValue: task.title },
    ]);
    return { id, story: storyOf(trx, id, assignedAt, nowIso) };
  };
  const setDuty = async (taskId: number, duty: ReportDuty) => {
    await saveReportDuty(trx, taskId, duty, officer, assignedAt);
    await appendTaskEvents(trx, [
      {
        taskId,
        actorId: officer,
        at: assignedAt,
        kind: "field",
        field: "reportDuty",
        oldValue: null,
        newValue: JSON.stringify(duty),
        note:
          duty.kind === "monthly"
            ? "Báo cáo tiến độ hằng tháng trước ngày 25 (minh họa)."
            : "Báo cáo một lần trước thời hạn (minh họa).",
      },
    ]);
  };
  /** The monthly reports of the lead agency, on time, for every period due but the latest. */
  const monthlyReports = async (
    story: ReturnType<typeof storyOf>,
    duty: ReportDuty,
    by: number,
    agencyId: number,
    texts: readonly string[],
  ) => {
    const due = periodsDue(duty, today, calendar).slice(0, -1);
    let progress = 20;
    for (const [index, period] of due.entries()) {
      const filedOn = addDays(period.dueOn, -1);
      await story.report(vn(filedOn, "15:00"), by, {
        agencyId,
        role: "lead",
        period,
        progress,
        summary: texts[index % texts.length] ?? "Báo cáo định kỳ (minh họa).",
      });
      progress += 20;
    }
  };
  // Reports are owed from a week after the assignment: a period falling due before the agency
  // started is neither owed nor reported, whatever day the demo is created on.
  const monthly: ReportDuty = { kind: "monthly", day: 25, startsOn: addDays(issuedOn, 7) };

  // Mục 1: key, overdue since last week, no report for over 30 days (officer, leader).
  const m1 = await addTask({
    clause: "Mục 1",
    title:
      "Tổng hợp tình hình cung cầu, giá cả mặt hàng thiết yếu và xăng dầu trên cả nước, báo cáo Lãnh đạo Bộ",
    lead: "CQLPTTTN",
    coordinators: ["Petrolimex"],
    deadline: workingDayOnOrBefore(addDays(today, -6), calendar),
    isKey: true,
  });
  await m1.story.start(day(-62, "09:00"), officer);

  // Mục 2: in deadline next month; PVN, coordinating, reported its part (officer: received).
  const m2 = await addTask({
    clause: "Mục 2",
    title: "Rà soát phương án bảo đảm cung ứng điện cho sản xuất, kinh doanh trong mùa khô",
    lead: "EVN",
    coordinators: ["PVN", "TKV"],
    deadline: addDays(today, 30),
  });
  await m2.story.report(day(-10, "14:00"), pvn, {
    agencyId: agency("PVN"),
    role: "coordinator",
    progress: 60,
    summary:
      "PVN đã rà soát khả năng cấp khí cho các nhà máy điện trong mùa khô; bảo đảm đủ theo kế hoạch (minh họa).",
  });

  // Mục 3: Lạng Sơn, monthly reports, the latest period not yet reported (late); a comment.
  const m3 = await addTask({
    clause: "Mục 3",
    title:
      "Theo dõi xuất nhập khẩu nông sản qua các cửa khẩu trên địa bàn tỉnh, không để ùn tắc hàng hóa",
    lead: "UBND-20",
    coordinators: ["BTC"],
    deadline: addDays(today, 30),
  });
  await setDuty(m3.id, monthly);
  await m3.story.start(day(-66, "08:30"), langSon);
  await monthlyReports(m3.story, monthly, langSon, agency("UBND-20"), [
    "Hàng hóa qua các cửa khẩu thông suốt, chưa phát sinh ùn tắc (minh họa).",
    "Lượng xe nông sản tăng vào cuối tuần; đã phân luồng tại cửa khẩu Tân Thanh (minh họa).",
  ]);
  await m3.story.comment(
    day(-1, "10:30"),
    { userId: officer, agencyId: agency("BCT") },
    "Đề nghị UBND tỉnh Lạng Sơn gửi báo cáo kỳ này, nêu rõ lượng xe tồn tại các cửa khẩu (minh họa).",
    [agency("UBND-20")],
  );

  // Mục 4: PVN, key, overdue; monthly reports with the latest missing; an extension refused.
  const m4Deadline = workingDayOnOrBefore(addDays(today, -10), calendar);
  const m4 = await addTask({
    clause: "Mục 4",
    title:
      "Báo cáo kết quả bảo đảm cung cấp khí, xăng dầu cho sản xuất điện và thị trường trong nước",
    lead: "PVN",
    coordinators: ["EVN"],
    deadline: m4Deadline,
    isKey: true,
  });
  await setDuty(m4.id, monthly);
  await m4.story.start(day(-65, "10:00"), pvn);
  await monthlyReports(m4.story, monthly, pvn, agency("PVN"), [
    "Đang hoàn thiện báo cáo, chờ số liệu của các đơn vị thành viên (minh họa).",
    "Đã tổng hợp số liệu cấp khí cho các nhà máy điện; còn thiếu số liệu xăng dầu (minh họa).",
  ]);
  const m4Asked = {
    at: day(-6, "09:00"),
    by: pvn,
    agencyId: agency("PVN"),
    from: m4Deadline,
    to: addDays(today, 20),
    reason: "Các đơn vị thành viên chưa gửi đủ số liệu xăng dầu quý này (minh họa).",
  };
  await m4.story.decideExtension(
    { ...m4Asked, id: await m4.story.askExtension(m4Asked) },
    {
      at: day(-3, "15:00"),
      by: officer,
      approve: false,
      note: "Đề nghị gửi ngay phần số liệu đã có; không gia hạn (minh họa).",
    },
  );
  await m4.story.comment(
    day(-2, "09:15"),
    { userId: officer, agencyId: agency("BCT") },
    "Đề nghị PVN gửi báo cáo tháng này và phần số liệu khí đã tổng hợp (minh họa).",
    [agency("PVN")],
  );

  // Mục 5: PVN, due soon; a report due within days; an extension request to decide (officer).
  const m5Deadline = dueSoonDeadline(today, calendar);
  const m5 = await addTask({
    clause: "Mục 5",
    title: "Kiểm tra, báo cáo tình hình dự trữ xăng dầu tại các kho đầu mối phía Bắc dịp cuối năm",
    lead: "PVN",
    deadline: m5Deadline,
  });
  await setDuty(m5.id, { kind: "once", dueDate: addWorkingDays(today, 1, calendar) });
  await m5.story.start(day(-30, "09:00"), pvn);
  await m5.story.report(day(-9, "16:00"), pvn, {
    agencyId: agency("PVN"),
    role: "lead",
    progress: 50,
    summary: "Đã kiểm tra 3 trong 6 kho đầu mối (minh họa).",
  });
  await m5.story.askExtension({
    at: day(-1, "16:30"),
    by: pvn,
    agencyId: agency("PVN"),
    from: m5Deadline,
    to: addDays(today, 21),
    reason: "Hai kho đầu mối đang bảo dưỡng, chưa thể kiểm tra (minh họa).",
  });

  // Mục 6: Lạng Sơn, due next week, a one-off report due within days; reported two days ago.
  const m6 = await addTask({
    clause: "Mục 6",
    title:
      "Báo cáo phương án phân luồng phương tiện chở nông sản tại các cửa khẩu dịp cao điểm cuối năm",
    lead: "UBND-20",
    deadline: addWorkingDays(today, 5, calendar),
  });
  await setDuty(m6.id, { kind: "once", dueDate: addWorkingDays(today, 3, calendar) });
  await m6.story.report(day(-2, "15:30"), langSon, {
    agencyId: agency("UBND-20"),
    role: "lead",
    progress: 60,
    summary: "Đã xây dựng dự thảo phương án phân luồng, đang lấy ý kiến các sở, ngành (minh họa).",
    difficulties: "Bãi chờ tại cửa khẩu Hữu Nghị chưa đủ chỗ cho xe container (minh họa).",
  });

  // Mục 7: PVN reported it done; the officer returned it with a reason.
  const m7 = await addTask({
    clause: "Mục 7",
    title: "Xây dựng kế hoạch bảo đảm nguồn cung khí cho sản xuất phân bón vụ Đông Xuân",
    lead: "PVN",
    deadline: addDays(today, 20),
  });
  await m7.story.start(day(-50, "09:00"), pvn);
  await m7.story.complete(day(-8, "16:00"), pvn, {
    agencyId: agency("PVN"),
    documentNumber: "4521/DKVN-KH",
    note: "Đã ban hành kế hoạch cung cấp khí cho các nhà máy đạm (minh họa).",
  });
  await m7.story.returnIt(
    day(-4, "10:00"),
    officer,
    "Kế hoạch chưa có phương án khi nhà máy Phú Mỹ dừng bảo dưỡng; đề nghị bổ sung (minh họa).",
  );

  // Mục 8: Lạng Sơn; an extension approved, then done and returned.
  const m8First = addDays(today, 10);
  const m8 = await addTask({
    clause: "Mục 8",
    title:
      "Tổ chức hội nghị xúc tiến tiêu thụ nông sản của tỉnh tại các tỉnh biên giới phía Trung Quốc",
    lead: "UBND-20",
    deadline: m8First,
  });
  await m8.story.start(day(-40, "08:00"), langSon);
  const m8Asked = {
    at: day(-12, "09:30"),
    by: langSon,
    agencyId: agency("UBND-20"),
    from: m8First,
    to: addDays(today, 25),
    reason: "Phía bạn đề nghị lùi thời gian tổ chức hội nghị (minh họa).",
  };
  await m8.story.decideExtension(
    { ...m8Asked, id: await m8.story.askExtension(m8Asked) },
    {
      at: day(-9, "14:00"),
      by: officer,
      approve: true,
      note: "Đồng ý gia hạn theo đề nghị (minh họa).",
    },
  );
  await m8.story.complete(day(-7, "16:30"), langSon, {
    agencyId: agency("UBND-20"),
    documentNumber: "1980/UBND-KT",
    note: "Đã tổ chức hội nghị với 120 doanh nghiệp tham dự (minh họa).",
  });
  await m8.story.returnIt(
    day(-2, "11:00"),
    officer,
    "Báo cáo chưa có kết quả ký kết hợp đồng tiêu thụ; đề nghị bổ sung (minh họa).",
  );

  // Mục 9: Lạng Sơn reported it done three days ago: awaiting the officer's confirmation.
  const m9 = await addTask({
    clause: "Mục 9",
    title: "Báo cáo kết quả kiểm tra chất lượng nông sản xuất khẩu tại các điểm tập kết",
    lead: "UBND-20",
    deadline: addDays(today, 15),
  });
  await m9.story.start(day(-35, "08:30"), langSon);
  await m9.story.complete(day(-3, "15:00"), langSon, {
    agencyId: agency("UBND-20"),
    documentNumber: "2015/BC-UBND",
    note: "Đã kiểm tra 14 điểm tập kết; không phát hiện vi phạm (minh họa).",
  });

  await seedAccounts(context, agency, issuedOn, today);
}

/**
 * What the administrator's inbox shows: an account never used, a locked one, an agency whose
 * validity ends within weeks (with an account still in it), and a sign-in of each demo account
 * in use (so that those do not count as never used).
 */
async function seedAccounts(
  { trx, now, passwordHash, userId }: DemoContext,
  agency: Agencies,
  issuedOn: IsoDate,
  today: IsoDate,
): Promise<void> {
  const name = "[Minh họa] Tổ công tác liên ngành theo dõi xuất nhập khẩu qua cửa khẩu";
  const shortName = "Tổ công tác XNK (minh họa)";
  const { id: taskForce } = await trx
    .insertInto("agency")
    .values({
      code: "TCT-XNK-MH",
      name,
      shortName,
      nameEn: "[Illustration] Inter-agency task force on border-gate trade",
      kind: "ministry_unit",
      parentId: agency("BCT"),
      validFrom: issuedOn,
      validTo: addDays(today, 25),
      successorId: agency("BCT"),
      searchText: foldText(`${name} ${shortName} TCT-XNK-MH`),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const accounts: {
    username: string;
    fullName: string;
    agencyId: number;
    role: Role;
    isActive: 0 | 1;
    createdAt: string;
  }[] = [
    {
      username: "baocao.tkv",
      fullName: "Vũ Thị Hoa (minh họa, chưa đăng nhập)",
      agencyId: agency("TKV"),
      role: "reporter",
      isActive: 1,
      createdAt: vn(addDays(today, -5), "09:00"),
    },
    {
      username: "canbo.cu",
      fullName: "Đỗ Minh Tâm (minh họa, đã khóa)",
      agencyId: agency("BCT"),
      role: "officer",
      isActive: 0,
      createdAt: vn(addDays(today, -400), "09:00"),
    },
    {
      username: "canbo.tct",
      fullName: "Ngô Văn Phúc (minh họa)",
      agencyId: taskForce,
      role: "officer",
      isActive: 1,
      createdAt: vn(issuedOn, "10:00"),
    },
  ];
  const ids = new Map<string, number>();
  for (const account of accounts) {
    const { id } = await trx
      .insertInto("appUser")
      .values({ ...account, passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(account.username, id);
  }
  // A sign-in yesterday for each account in use; the locked one last signed in months ago.
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
  const signIns: [number | undefined, string][] = [
    ...["canbo.bct", "lanhdao.bct", "baocao.pvn", "baocao.langson", "quantri"].map(
      (username): [number, string] => [userId(username), yesterday],
    ),
    [ids.get("canbo.tct"), yesterday],
    [ids.get("canbo.cu"), vn(addDays(today, -120), "08:00")],
  ];
  for (const [id, at] of signIns) {
    if (id === undefined) continue;
    await appendAudit(trx, {
      actorId: id,
      at,
      action: "login",
      entity: "user",
      entityId: id,
      detail: { demo: "Dữ liệu minh họa" },
    });
  }
}
