import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { agencyId, countRows, freshDb, issuePaths, rejection, TEST_NOW } from "../support/api.ts";
import { PDF_BYTES, uploadAs, xlsxBytes } from "../support/evidence.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

/** Lạng Sơn's task in a directive the Ministry (BCT) tracks, in progress. */
async function langSonTask(db: Db): Promise<number> {
  const directive = await createDirective(db, { tracking: "BCT" });
  return createTask(db, { directive, lead: "UBND-20", progress: 80 });
}

describe("the conversation on a task", () => {
  it("lets a coordinating agency post its contribution with a file, mentioning the lead agency", async () => {
    const db = await freshDb({ demo: false });
    const id = await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "EVN",
      coordinators: ["PVN", "TKV"],
    });
    const pvnUser = await createUser(db, {
      role: "reporter",
      agency: "PVN",
      fullName: "Lê Minh Cường",
    });
    const pvn = pvnUser.caller;
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const file = await uploadAs(db, pvnUser.username, {
      name: "Khả năng cấp khí mùa khô.xlsx",
      content: await xlsxBytes(),
    });
    const evn = await agencyId(db, "EVN");

    const result = await pvn.comment.create({
      taskId: id,
      body: "PVN gửi số liệu khả năng cấp khí cho các nhà máy điện trong mùa khô.",
      mentionAgencyIds: [evn],
      fileIds: [file.id],
    });

    const { items, mentionable } = await officer.comment.list({ taskId: id });
    expect(items).toEqual([
      {
        id: result.id,
        taskId: id,
        body: "PVN gửi số liệu khả năng cấp khí cho các nhà máy điện trong mùa khô.",
        author: { id: expect.any(Number), fullName: "Lê Minh Cường" },
        agency: expect.objectContaining({ code: "PVN" }),
        mentions: [expect.objectContaining({ id: evn, code: "EVN", name: expect.any(String) })],
        files: [
          expect.objectContaining({
            id: file.id,
            name: "Khả năng cấp khí mùa khô.xlsx",
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          }),
        ],
        createdAt: TEST_NOW,
      },
    ]);
    expect(mentionable.map((agency) => agency.code).sort()).toEqual(["BCT", "EVN", "PVN", "TKV"]);
    const attached = await db
      .selectFrom("evidenceFile")
      .select(["evidenceFile.taskId", "evidenceFile.commentId", "evidenceFile.reportId"])
      .where("evidenceFile.id", "=", file.id)
      .executeTakeFirstOrThrow();
    expect(attached).toEqual({ taskId: id, commentId: result.id, reportId: null });
  });

  it("lists comments oldest first, by everyone who may see the task", async () => {
    const db = await freshDb({ demo: false });
    const id = await langSonTask(db);
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const { caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });

    await officer.comment.create({ taskId: id, body: "Đề nghị tỉnh báo cáo số liệu tháng 11." });
    await reporter.comment.create({ taskId: id, body: "Tỉnh sẽ gửi trước ngày 30/11." });

    const { items, canComment } = await leader.comment.list({ taskId: id });
    expect(items.map((c) => [c.agency.code, c.body])).toEqual([
      ["BCT", "Đề nghị tỉnh báo cáo số liệu tháng 11."],
      ["UBND-20", "Tỉnh sẽ gửi trước ngày 30/11."],
    ]);
    expect(canComment).toBe(true);
  });

  it("refuses mentioning an agency the task does not concern (BAD_REQUEST) and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const id = await langSonTask(db);
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const pvn = await agencyId(db, "PVN");

    const error = await rejection(
      reporter.comment.create({ taskId: id, body: "Nhờ PVN hỗ trợ.", mentionAgencyIds: [pvn] }),
    );

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: `error.mentionNotConcerned|{"id":${pvn}}`,
      cause: expect.objectContaining({ field: "mentionAgencyIds" }),
    });
    expect(await countRows(db, "taskComment")).toBe(0);
  });

  it("answers NOT_FOUND to a user who cannot see the task, for posting and reading", async () => {
    const db = await freshDb({ demo: false });
    const id = await langSonTask(db);
    const { caller: pvn } = await createUser(db, { role: "reporter", agency: "PVN" });

    const posting = await rejection(pvn.comment.create({ taskId: id, body: "Xin chào." }));
    const reading = await rejection(pvn.comment.list({ taskId: id }));

    expect(posting.code).toBe("NOT_FOUND");
    expect(reading.code).toBe("NOT_FOUND");
    expect(await countRows(db, "taskComment")).toBe(0);
  });

  it("refuses an empty comment (BAD_REQUEST on body) and someone else's file (BAD_REQUEST on fileIds)", async () => {
    const db = await freshDb({ demo: false });
    const id = await langSonTask(db);
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const officer = await createUser(db, { role: "officer", agency: "BCT" });
    const othersFile = await uploadAs(db, officer.username, { name: "cv.pdf", content: PDF_BYTES });

    const empty = await rejection(reporter.comment.create({ taskId: id, body: "   " }));
    const notMine = await rejection(
      reporter.comment.create({ taskId: id, body: "Kèm tệp.", fileIds: [othersFile.id] }),
    );

    expect(issuePaths(empty)).toEqual([["body"]]);
    expect(notMine.cause).toMatchObject({ field: "fileIds" });
    expect(await countRows(db, "taskComment")).toBe(0);
  });

  it("keeps comments as written: the database refuses UPDATE and DELETE", async () => {
    const db = await freshDb({ demo: false });
    const id = await langSonTask(db);
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const { id: commentId } = await reporter.comment.create({ taskId: id, body: "Đã gửi." });

    await expect(
      sql`UPDATE task_comment SET body = 'Sửa' WHERE id = ${commentId}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM task_comment WHERE id = ${commentId}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
  });
});
