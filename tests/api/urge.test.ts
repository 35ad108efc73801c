import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { URGE_TASKS_MAX } from "../../shared/urge.ts";
import {
  anonymousCaller,
  countRows,
  eventRows,
  freshDb,
  issuePaths,
  rejection,
  TEST_NOW,
  taskState,
} from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

/** Tasks of a 2024 directive the Ministry (BCT) tracks, one per lead agency, by its code. */
async function tasksLedBy(db: Db, ...leads: string[]): Promise<number[]> {
  const at = "2024-02-20";
  const directive = await createDirective(db, { tracking: "BCT", at });
  const ids: number[] = [];
  for (const [index, lead] of leads.entries()) {
    ids.push(
      await createTask(db, {
        directive,
        lead,
        progress: 50,
        at,
        clause: `Khoản ${index + 1}`,
        title: `Nhiệm vụ thử số ${index + 1} do ${lead} chủ trì`,
        deadline: "2026-10-15",
      }),
    );
  }
  return ids;
}

const MESSAGE = "Đề nghị cơ quan chủ trì khẩn trương hoàn thành.";
const REPLY_BY = "2026-12-04";

/** The document's text (mammoth's HTML without tags) and its table rows. */
async function letterText(contentBase64: string) {
  const { value: html } = await mammoth.convertToHtml({
    buffer: Buffer.from(contentBase64, "base64"),
  });
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? "").matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(([, cell]) =>
      (cell ?? "").replace(/<[^>]+>/g, "").trim(),
    ),
  );
  return { text: html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "), rows };
}

describe("urge.send", () => {
  it("groups the tasks by lead agency, one letter each, records the urge and tells the lead agencies", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, {
      role: "officer",
      agency: "BCT",
      fullName: "Nguyễn Văn Đôn",
    });
    const langson = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const pvn = await createUser(db, { role: "reporter", agency: "PVN" });
    const [ls1 = 0, pvn1 = 0, ls2 = 0] = await tasksLedBy(db, "UBND-20", "PVN", "UBND-20");
    const before = await taskState(db, ls1);

    const result = await officer.caller.urge.send({
      ids: [ls1, pvn1, ls2],
      message: `  ${MESSAGE} `,
      replyBy: REPLY_BY,
    });

    expect(result.count).toBe(3);
    expect(
      result.letters.map((letter) => [letter.agency.code, letter.taskIds, letter.filename]),
    ).toEqual([
      ["UBND-20", [ls1, ls2], "cong-van-don-doc-Lang-Son-2026-11-26.docx"],
      ["PVN", [pvn1], "cong-van-don-doc-Petrovietnam-2026-11-26.docx"],
    ]);
    // The urge is in each task's history; the task itself is unchanged but for its history.
    expect((await eventRows(db, ls1)).at(-1)).toMatchObject({
      kind: "note",
      note: MESSAGE,
      actorId: officer.id,
      at: TEST_NOW,
    });
    expect(await taskState(db, ls1)).toEqual({
      ...before,
      eventCount: (before.eventCount ?? 0) + 1,
    });
    // The task shows it was urged, once, today; a second urge counts twice.
    const view = await langson.caller.task.byId({ id: ls1 });
    expect(view.urge).toEqual({ count: 1, lastAt: TEST_NOW });
    expect(view.urges[0]).toMatchObject({ message: MESSAGE, replyBy: REPLY_BY });
    // Each lead agency's reporter is told, of its own tasks only.
    const langsonBell = await langson.caller.notification.list({});
    expect(langsonBell.map((item) => [item.kind, item.task.id, item.onDay])).toEqual([
      ["urged", ls2, REPLY_BY],
      ["urged", ls1, REPLY_BY],
    ]);
    expect(await pvn.caller.notification.count()).toEqual({ unread: 1 });
    expect(await officer.caller.notification.count()).toEqual({ unread: 0 });
    // The overdue list says how often each task was urged.
    const overdue = await officer.caller.statistic.overdue({});
    expect(
      overdue.items.map((item) => [item.id, item.urge]).sort(([a], [b]) => Number(a) - Number(b)),
    ).toEqual([
      [ls1, { count: 1, lastAt: TEST_NOW }],
      [pvn1, { count: 1, lastAt: TEST_NOW }],
      [ls2, { count: 1, lastAt: TEST_NOW }],
    ]);
  });

  it("stores a Decree 30 letter per agency: header, V/v, Kính gửi, the task rows, the reply date", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, {
      role: "officer",
      agency: "BCT",
      fullName: "Nguyễn Văn Đôn",
    });
    const langson = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const [ls1 = 0, pvn1 = 0] = await tasksLedBy(db, "UBND-20", "PVN");
    const { letters } = await officer.caller.urge.send({
      ids: [ls1, pvn1],
      message: MESSAGE,
      replyBy: REPLY_BY,
    });
    const letterId = letters[0]?.id ?? 0;

    const letter = await langson.caller.urge.letter({ id: letterId });
    const { text, rows } = await letterText(letter.contentBase64);

    expect(text).toContain("BỘ CÔNG THƯƠNG");
    expect(text).toContain("Số: ……/BCT");
    expect(text).toContain("V/v đôn đốc thực hiện nhiệm vụ được giao");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Hà Nội, ngày …… tháng …… năm 2026");
    expect(text).toContain("Kính gửi: UBND tỉnh Lạng Sơn");
    expect(text).toContain("còn 1 nhiệm vụ chưa hoàn thành");
    expect(text).toContain(MESSAGE);
    expect(text).toContain("báo cáo kết quả về Bộ Công Thương trước ngày 04/12/2026");
    expect(text).toContain("Nơi nhận:");
    expect(text).toContain("Nguyễn Văn Đôn");
    const taskRows = rows.filter((row) => row[0] === "1");
    expect(taskRows).toHaveLength(1);
    expect(taskRows[0]?.slice(2, 6)).toEqual([
      "Khoản 1",
      "Nhiệm vụ thử số 1 do UBND-20 chủ trì",
      "15/10/2026",
      "42",
    ]);
    expect(text).not.toContain("PVN chủ trì");

    // PVN's reporter may not see Lạng Sơn's task: its letter does not exist for them.
    const pvn = await createUser(db, { role: "reporter", agency: "PVN" });
    const hidden = await rejection(pvn.caller.urge.letter({ id: letterId }));
    expect(hidden.message).toBe(`error.urgeLetterNotFound|{"id":${letterId}}`);
    expect(hidden.code).toBe("NOT_FOUND");
    expect((await pvn.caller.urge.letter({ id: letters[1]?.id ?? 0 })).filename).toBe(
      "cong-van-don-doc-Petrovietnam-2026-11-26.docx",
    );
  });

  it("answers NOT_FOUND naming the first task the user may not see, and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "UBND-20" });
    const [own = 0, hidden = 0] = await tasksLedBy(db, "UBND-20", "BCT");
    const before = await countRows(db, "taskEvent");

    const error = await rejection(
      officer.urge.send({ ids: [own, hidden], message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe(`error.taskNotFound|{"id":${hidden}}`);
    // Lạng Sơn's officer sees its own task but does not follow it up: the Ministry does.
    const own1 = await rejection(
      officer.urge.send({ ids: [own], message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(own1.code).toBe("FORBIDDEN");
    expect(await countRows(db, "taskEvent")).toBe(before);
    expect(await countRows(db, "urge")).toBe(0);
    expect(await countRows(db, "notification")).toBe(0);
  });

  it("refuses reporters, a closed task, a past reply date, an empty message, no or too many tasks", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "BCT" });
    const [id = 0, other = 0] = await tasksLedBy(db, "UBND-20", "UBND-02");
    await db.updateTable("task").set({ status: "cancelled" }).where("id", "=", other).execute();

    const asReporter = await rejection(
      reporter.urge.send({ ids: [id], message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(asReporter.code).toBe("FORBIDDEN");
    const closed = await rejection(
      officer.urge.send({ ids: [id, other], message: MESSAGE, replyBy: REPLY_BY }),
    );
    const { title } = await db
      .selectFrom("task")
      .select("title")
      .where("id", "=", other)
      .executeTakeFirstOrThrow();
    expect(closed.message).toBe(`error.urgeClosed|${JSON.stringify({ title })}`);
    const past = await rejection(
      officer.urge.send({ ids: [id], message: MESSAGE, replyBy: "2026-11-25" }),
    );
    expect(past.code).toBe("BAD_REQUEST");
    expect(past.message).toBe('error.replyByPast|{"date":"2026-11-25"}');
    const empty = await rejection(
      officer.urge.send({ ids: [id], message: "   ", replyBy: REPLY_BY }),
    );
    expect(issuePaths(empty)).toEqual([["message"]]);
    const none = await rejection(
      officer.urge.send({ ids: [], message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(issuePaths(none)).toEqual([["ids"]]);
    const tooMany = Array.from({ length: URGE_TASKS_MAX + 1 }, (_, index) => index + 1);
    const many = await rejection(
      officer.urge.send({ ids: tooMany, message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(issuePaths(many)).toEqual([["ids"]]);
    expect(await countRows(db, "urge")).toBe(0);

    const anonymous = await rejection(
      anonymousCaller(db).urge.send({ ids: [id], message: MESSAGE, replyBy: REPLY_BY }),
    );
    expect(anonymous.code).toBe("UNAUTHORIZED");
  });
});

describe("notifications", () => {
  it("are marked read by their user only, one or all", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const a = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const b = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const ids = await tasksLedBy(db, "UBND-20", "UBND-20", "UBND-20");
    await officer.urge.send({ ids, message: MESSAGE, replyBy: REPLY_BY });
    const [first, second] = await a.caller.notification.list({});

    // b's call with a's ids changes nothing.
    expect(await b.caller.notification.markRead({ ids: [first?.id ?? 0] })).toEqual({ count: 0 });
    expect(await a.caller.notification.markRead({ ids: [first?.id ?? 0] })).toEqual({ count: 1 });
    expect(await a.caller.notification.count()).toEqual({ unread: 2 });
    const list = await a.caller.notification.list({});
    expect(list.map((item) => [item.id, item.readAt !== null])).toEqual([
      [second?.id, false],
      [list[1]?.id, false],
      [first?.id, true],
    ]);
    expect(await a.caller.notification.markRead({})).toEqual({ count: 2 });
    expect(await a.caller.notification.count()).toEqual({ unread: 0 });
    expect(await b.caller.notification.count()).toEqual({ unread: 3 });
  });

  it("are the inbox's unread items too, one list for both", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const reporter = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const ids = await tasksLedBy(db, "UBND-20", "UBND-20");
    await officer.urge.send({ ids, message: MESSAGE, replyBy: REPLY_BY });

    const bell = await reporter.caller.notification.list({});
    const inbox = await reporter.caller.inbox.view();
    expect(inbox.notifications.total).toBe(2);
    expect(inbox.notifications.items.map((item) => item.id)).toEqual(bell.map((item) => item.id));
    await reporter.caller.notification.markRead({ ids: [bell[0]?.id ?? 0] });
    const after = await reporter.caller.inbox.view();
    expect(after.notifications.items.map((item) => item.id)).toEqual([bell[1]?.id]);
  });
});

describe("urged tasks in the overdue list and the statistics", () => {
  it("filters and counts the urged tasks, as of the figures' day, each viewer its own", async () => {
    const db = await freshDb({ demo: false });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    const langson = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const [ls1 = 0, pvn1 = 0, ls2 = 0, pvn2 = 0] = await tasksLedBy(
      db,
      "UBND-20",
      "PVN",
      "UBND-20",
      "PVN",
    );
    const { directiveId } = await db
      .selectFrom("task")
      .select("task.directiveId")
      .where("task.id", "=", ls1)
      .executeTakeFirstOrThrow();
    await officer.caller.urge.send({ ids: [ls1, pvn1], message: MESSAGE, replyBy: REPLY_BY });

    const overdue = (urged: "all" | "urged" | "not_urged", caller = officer.caller) =>
      caller.statistic.overdue({ directiveId, urged });
    const ids = (list: { items: { id: number }[] }) => list.items.map((item) => item.id).sort();

    const all = await overdue("all");
    expect([all.total, all.urged]).toEqual([4, 2]);
    const urged = await overdue("urged");
    expect(ids(urged)).toEqual([ls1, pvn1].sort());
    expect([urged.total, urged.urged]).toEqual([2, 2]);
    const notUrged = await overdue("not_urged");
    expect(ids(notUrged)).toEqual([ls2, pvn2].sort());
    expect([notUrged.total, notUrged.urged]).toEqual([2, 0]);

    // "Đã đôn đốc" beside the figures, and the list behind it; an urge counts from its day on.
    const summary = await officer.caller.statistic.summary({ directiveId });
    expect([summary.cells.total, summary.urged]).toEqual([4, 2]);
    expect(
      (await officer.caller.statistic.summary({ directiveId, urged: "not_urged" })).cells.total,
    ).toBe(2);
    const before = await officer.caller.statistic.summary({ directiveId, asOf: "2026-11-25" });
    expect([before.cells.total, before.urged]).toEqual([4, 0]);
    const behind = await officer.caller.statistic.tasks({
      directiveId,
      cell: "total",
      urged: "urged",
    });
    expect([ids(behind), behind.total]).toEqual([[ls1, pvn1].sort(), 2]);

    // A reporter sees its own agency's only.
    const own = await overdue("urged", langson.caller);
    expect([ids(own), own.urged]).toEqual([[ls1], 1]);
    expect((await overdue("all", langson.caller)).urged).toBe(1);
    expect((await langson.caller.statistic.summary({ directiveId })).urged).toBe(1);
  });
});
