import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import type { OverdueItem } from "../../db/statistic.ts";
import { createApp } from "../../server/app.ts";
import { type Clock, fixedClock } from "../../server/clock.ts";
import { SESSION_COOKIE } from "../../server/session.ts";
import { formatDate, vnDate } from "../../shared/date.ts";
import type { ExportStatus } from "../../shared/export.ts";
import type { StatisticCells } from "../../shared/statistic.ts";
import {
  agencyId,
  anonymousCaller,
  type Caller,
  countRows,
  dataDirOf,
  directiveIdBy,
  freshDb,
  rejection,
  signedInAs,
  signIn,
  TEST_NOW,
} from "../support/api.ts";

/** Polls the job, letting the event loop turn between polls, until it stops running. */
async function finished(
  caller: Caller,
  id: string,
): Promise<{ final: ExportStatus; seen: ExportStatus[] }> {
  const seen: ExportStatus[] = [];
  for (let turn = 0; turn < 20_000; turn += 1) {
    const status = await caller.export.status({ id });
    seen.push(status);
    if (status.state !== "running") return { final: status, seen };
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`export ${id} did not finish`);
}

/** GET /exports/:id on the real Express app, with the session cookie when given. */
async function download(db: Db, id: string, token?: string, clock: Clock = fixedClock(TEST_NOW)) {
  const app = createApp({ db, clock, secureCookies: false, dataDir: dataDirOf(db) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const { port } = address;
    const response = await fetch(`http://127.0.0.1:${port}/exports/${id}`, {
      headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
    });
    return {
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function worksheets(body: Buffer): Promise<ExcelJS.Worksheet[]> {
  const workbook = new ExcelJS.Workbook();
  // Read from a stream: exceljs's own `Buffer` type no longer matches Node's.
  await workbook.xlsx.read(Readable.from([body]));
  return workbook.worksheets;
}

async function worksheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const sheet = (await worksheets(body))[0];
  if (!sheet) throw new Error("the workbook has no sheet");
  return sheet;
}

/** A calendar date as the workbook holds it: a real date (shown dd/mm/yyyy), not text. */
function day(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The values of a row, columns 1..count, empty cells as "". */
function rowValues(sheet: ExcelJS.Worksheet, row: number, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => sheet.getCell(row, index + 1).value ?? "");
}

/** A statistics row as the published table writes it. */
function statisticsCells(cells: StatisticCells): unknown[] {
  return [
    cells.total,
    cells.completed,
    cells.completedOnTime,
    cells.completedLate,
    cells.open,
    cells.withinDeadline,
    cells.noDeadline,
    cells.continuing,
    cells.overdue,
    cells.awaitingConfirmation,
    cells.cancelled,
    cells.completionRate ?? "–",
    cells.overdueShare ?? "–",
  ];
}

function overdueCells(index: number, item: OverdueItem): unknown[] {
  return [
    index,
    `${item.directive.number} ngày ${formatDate(item.directive.issuedOn)}`,
    `${item.clause}. ${item.title}`,
    item.successorAgency
      ? `${item.leadAgency.name} (nay: ${item.successorAgency.shortName})`
      : item.leadAgency.name,
    item.coordinators.map((agency) => agency.shortName).join(", "),
    item.deadline === null ? "" : `chậm nhất ngày ${formatDate(item.deadline)}`,
    day(item.dueOn),
    item.daysOverdue,
    item.lastProgressNote,
    item.lastProgressAt === null ? "" : day(vnDate(new Date(item.lastProgressAt))),
    item.staleReport ? "Có" : "",
    "",
  ];
}

/** The folder exports go to by default: the test database's own folder. */
async function exportsDir(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return join(dirname(rows.find((row) => row.name === "main")?.file ?? ""), "exports");
}

/** Many overdue tasks led by PVN in a directive of their own, written directly. */
async function manyOverdueTasks(db: Db, count: number): Promise<number> {
  const bct = await agencyId(db, "BCT");
  const pvn = await agencyId(db, "PVN");
  return db.transaction().execute(async (trx) => {
    const { id: directiveId } = await trx
      .insertInto("directive")
      .values({
        type: "cong_van",
        number: "999/BCT-KT",
        issuer: "Bộ Công Thương",
        issuedOn: "2026-01-05",
        issueYear: 2026,
        title: "Văn bản kiểm thử xuất tệp lớn",
        summary: "",
        fullText: "",
        trackingAgencyId: bct,
        searchText: "van ban kiem thu",
        createdAt: "2026-01-05T02:00:00.000Z",
        updatedAt: "2026-01-05T02:00:00.000Z",
      })
      .returning("directive.id")
      .executeTakeFirstOrThrow();
    for (let start = 0; start < count; start += 200) {
      const size = Math.min(200, count - start);
      const rows = Array.from({ length: size }, (_, index) => ({
        directiveId,
        parentId: null,
        clause: `Mục ${start + index + 1}`,
        title: `Nhiệm vụ kiểm thử số ${start + index + 1}`,
        description: "",
        leadAgencyId: pvn,
        assignerAgencyId: bct,
        deadline: "2026-10-01",
        dueOn: "2026-10-01",
        isKey: 0 as const,
        status: "in_progress" as const,
        doneOn: null,
        searchText: "nhiem vu kiem thu",
        createdAt: "2026-01-05T02:00:00.000Z",
        updatedAt: "2026-01-05T02:00:00.000Z",
      }));
      await trx.insertInto("task").values(rows).execute();
    }
    return directiveId;
  });
}

describe("export of the statistics table", () => {
  it("writes the published table: title, nested headers, total row and one row per agency", async () => {
    const db = await freshDb();
    const { caller, token } = await signIn(db, "lanhdao.bct");
    const filters = { level: "all" as const, asOf: "2024-03-31" };
    const { id } = await caller.export.start({ kind: "statistics", filters });
    const { final } = await finished(caller, id);
    const table = await caller.statistic.byAgency(filters);
    // The second sheet: today's overdue list of the same scope, as the print view has it.
    const overdue = await caller.statistic.overdue({ pageSize: 500 });
    expect(final).toMatchObject({
      id,
      kind: "statistics",
      state: "done",
      rowsDone: table.rows.length + 1 + overdue.total,
      rowsTotal: table.rows.length + 1 + overdue.total,
      filename: "thong-ke-2024-03-31.xlsx",
      downloadUrl: `/exports/${id}`,
    });

    const response = await download(db, id, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      "attachment; filename=thong-ke-2024-03-31.xlsx",
    );
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const sheet = await worksheet(response.body);

    expect(sheet.getCell("A1").value).toBe("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO");
    expect(sheet.getCell("A2").value).toBe("Tất cả nhiệm vụ được theo dõi");
    expect(sheet.getCell("A3").value).toBe("(Số liệu chốt đến hết ngày 31/03/2024)");
    expect(rowValues(sheet, 5, 15)).toEqual([
      "STT",
      "Bộ, cơ quan, địa phương",
      "Tổng số nhiệm vụ",
      "Đã hoàn thành",
      "Đã hoàn thành",
      "Đã hoàn thành",
      "Chưa hoàn thành",
      "Chưa hoàn thành",
      "Chưa hoàn thành",
      "Chưa hoàn thành",
      "Chưa hoàn thành",
      "Chờ xác nhận hoàn thành",
      "Thu hồi",
      "Tỷ lệ hoàn thành (%)",
      "Tỷ lệ quá hạn (%)",
    ]);
    expect(rowValues(sheet, 6, 15).slice(3, 11)).toEqual([
      "Tổng số",
      "Đúng hạn",
      "Quá hạn",
      "Tổng số",
      "Trong hạn",
      "Không có thời hạn",
      "Trong đó thường xuyên",
      "Quá hạn",
    ]);
    expect(sheet.getCell("D5").isMerged && sheet.getCell("F5").isMerged).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 6 });

    // The total row first, then the agencies in the table's order.
    expect(rowValues(sheet, 7, 15)).toEqual(["", "Tổng cộng", ...statisticsCells(table.total)]);
    expect(table.total.total).toBe(19);
    table.rows.forEach((row, index) => {
      expect(rowValues(sheet, 8 + index, 15)).toEqual([
        index + 1,
        row.agency.name,
        ...statisticsCells(row),
      ]);
    });
    const langson = table.rows.findIndex((row) => row.agency.code === "UBND-20");
    expect(rowValues(sheet, 8 + langson, 15)).toEqual([
      langson + 1,
      "UBND tỉnh Lạng Sơn",
      2,
      0,
      0,
      0,
      2,
      1,
      0,
      0,
      1,
      0,
      0,
      0,
      50,
    ]);
    const longest = Math.max(...table.rows.map((row) => row.agency.name.length));
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(longest);

    // Issue 8, bug 6: the task list the print view has, as a second sheet.
    const sheets = await worksheets(response.body);
    expect(sheets.map((each) => each.name)).toEqual(["Thống kê", "Nhiệm vụ quá hạn"]);
    const tasks = sheets[1];
    if (!tasks) throw new Error("no second sheet");
    expect(tasks.getCell("A1").value).toBe("DANH MỤC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH");
    expect(tasks.getCell("A3").value).toBe("(Số liệu chốt đến hết ngày 26/11/2026)");
    expect(overdue.total).toBeGreaterThan(0);
    overdue.items.forEach((item, index) => {
      expect(rowValues(tasks, 6 + index, 12)).toEqual(overdueCells(index + 1, item));
    });
    expect(tasks.getCell(6 + overdue.items.length, 1).value ?? null).toBeNull();
  });

  it("names the scope in the title and records the export in the audit log", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "lanhdao.bct");
    const before = await countRows(db, "auditLog");
    const filters = {
      directiveId: await directiveIdBy(db, "06/CT-TTg"),
      agencyId: await agencyId(db, "BCT"),
      keyOnly: true,
      periodBy: "due" as const,
      from: "2024-01-01",
      to: "2024-12-31",
      basis: "original" as const,
    };
    const { id } = await caller.export.start({ kind: "statistics", filters });
    expect((await finished(caller, id)).final.state).toBe("done");
    const audit = await db
      .selectFrom("auditLog")
      .select(["auditLog.action", "auditLog.entity", "auditLog.actorId", "auditLog.detail"])
      .orderBy("auditLog.id", "desc")
      .executeTakeFirstOrThrow();
    expect(await countRows(db, "auditLog")).toBe(before + 1);
    expect(audit).toMatchObject({ action: "export", entity: "export" });
    expect(JSON.parse(audit.detail)).toMatchObject({ jobId: id, kind: "statistics" });

    const { token } = await signIn(db, "lanhdao.bct");
    // Another session of the same user may download the file.
    const sheet = await worksheet((await download(db, id, token)).body);
    expect(sheet.getCell("A2").value).toBe(
      "Chỉ thị số 06/CT-TTg ngày 15/02/2024; Cơ quan chủ trì: Bộ Công Thương và các đơn vị trực thuộc; Nhiệm vụ trọng tâm; Nhiệm vụ đến hạn từ ngày 01/01/2024 đến ngày 31/12/2024; tính theo thời hạn giao ban đầu; Nhiệm vụ được giao tại văn bản (không gồm nhiệm vụ được phân giao trong cơ quan)",
    );
    expect(sheet.getCell("A3").value).toBe("(Số liệu chốt đến hết ngày 26/11/2026)");
    const table = await caller.statistic.byAgency(filters);
    expect(rowValues(sheet, 7, 15).slice(2)).toEqual(statisticsCells(table.total));
  });

  it("refuses a day still to come and unknown kinds, writing nothing", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "lanhdao.bct");
    const before = await countRows(db, "auditLog");
    const future = await rejection(
      caller.export.start({ kind: "statistics", filters: { asOf: "2026-12-01" } }),
    );
    expect(future.code).toBe("BAD_REQUEST");
    const unknown = await rejection(
      // @ts-expect-error: not a kind of export
      caller.export.start({ kind: "directives", filters: {} }),
    );
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(await countRows(db, "auditLog")).toBe(before);
    expect(
      (
        await rejection(
          anonymousCaller(db).export.start({ kind: "overdue", filters: { level: "all" } }),
        )
      ).code,
    ).toBe("UNAUTHORIZED");
  });
});

describe("export of the overdue list", () => {
  it("holds the rows of statistic.overdue, in the same order", async () => {
    const db = await freshDb();
    const { caller, token } = await signIn(db, "lanhdao.bct");
    const { id } = await caller.export.start({ kind: "overdue", filters: { level: "all" } });
    const { final } = await finished(caller, id);
    expect(final).toMatchObject({
      state: "done",
      rowsDone: 9,
      rowsTotal: 9,
      filename: "nhiem-vu-qua-han-2026-11-26.xlsx",
    });
    const sheet = await worksheet((await download(db, id, token)).body);
    expect(sheet.getCell("A1").value).toBe("DANH MỤC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH");
    expect(sheet.getCell("A3").value).toBe("(Số liệu chốt đến hết ngày 26/11/2026)");
    // The printed pages carry the header and footer of the .docx report (Decree 30/2020).
    expect(sheet.headerFooter.oddHeader).toContain("BỘ CÔNG THƯƠNG");
    expect(sheet.headerFooter.oddHeader).toContain("Số: ……/BC-BCT");
    expect(sheet.headerFooter.oddHeader).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(sheet.headerFooter.oddFooter).toContain("Nơi nhận:");
    expect(sheet.headerFooter.oddFooter).toContain("Trần Thị Bình");
    expect(rowValues(sheet, 5, 12)).toEqual([
      "STT",
      "Văn bản",
      "Nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời hạn theo văn bản",
      "Hạn cuối (sau khi lùi ngày nghỉ, gia hạn)",
      "Số ngày quá hạn",
      "Báo cáo gần nhất",
      "Ngày báo cáo",
      "Quá 30 ngày chưa báo cáo",
      "Ghi chú",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    const list = await caller.statistic.overdue({ level: "all", pageSize: 500 });
    expect(list.items).toHaveLength(9);
    list.items.forEach((item, index) => {
      expect(rowValues(sheet, 6 + index, 12)).toEqual(overdueCells(index + 1, item));
    });
    expect(sheet.getCell(6 + list.items.length, 1).value ?? null).toBeNull();
    // Dates are real dates shown dd/mm/yyyy (issue 8, bug 6), not text.
    expect(sheet.getCell(6, 7).value).toBeInstanceOf(Date);
    expect(sheet.getCell(6, 7).numFmt).toBe("dd/mm/yyyy");
    // The Lạng Sơn row, as a reader sees it.
    const langson = list.items.findIndex((item) => item.leadAgency.code === "UBND-20");
    expect(rowValues(sheet, 6 + langson, 12).slice(1, 8)).toEqual([
      "06/CT-TTg ngày 15/02/2024",
      expect.stringMatching(/^Mục 6\.6\. /),
      "UBND tỉnh Lạng Sơn",
      "",
      "chậm nhất ngày 10/03/2024",
      day("2024-03-11"),
      990,
    ]);
    // Hà Giang's task, followed up by Tuyên Quang since the merger.
    const haGiang = list.items.findIndex((item) => item.leadAgency.code === "UBND-02");
    expect(sheet.getCell(6 + haGiang, 4).value).toBe("UBND tỉnh Hà Giang (nay: Tuyên Quang)");
  });

  it("builds a long list in batches, reporting progress, while other users are served", async () => {
    const db = await freshDb();
    const { caller, token } = await signIn(db, "lanhdao.bct");
    const langson = await signedInAs(db, "baocao.langson");
    const directiveId = await manyOverdueTasks(db, 2_600);
    const { id } = await caller.export.start({
      kind: "overdue",
      filters: { level: "all", directiveId },
    });
    // Another user's request is answered while the export runs.
    expect((await langson.statistic.summary({ level: "all" })).cells.total).toBe(6);
    expect((await caller.export.status({ id })).state).toBe("running");
    const { final, seen } = await finished(caller, id);
    expect(final).toMatchObject({ state: "done", rowsDone: 2_600, rowsTotal: 2_600 });
    const progress = seen.map((status) => status.rowsDone);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.filter((done) => done > 0 && done < 2_600).length).toBeGreaterThanOrEqual(3);

    const sheet = await worksheet((await download(db, id, token)).body);
    expect(sheet.getCell(5 + 2_600, 1).value).toBe(2_600);
    expect(sheet.getCell(5 + 2_600, 2).value).toBe("999/BCT-KT ngày 05/01/2026");
    expect(sheet.getCell(6 + 2_600, 1).value ?? null).toBeNull();
  });
});

describe("who may follow and download an export", () => {
  it("only the user who started it; others learn nothing", async () => {
    const db = await freshDb();
    const { caller } = await signIn(db, "lanhdao.bct");
    const officer = await signIn(db, "canbo.bct");
    const { id } = await caller.export.start({ kind: "overdue", filters: { level: "all" } });
    await finished(caller, id);
    expect((await rejection(officer.caller.export.status({ id }))).code).toBe("NOT_FOUND");
    expect((await download(db, id, officer.token)).status).toBe(404);
    const anonymous = await download(db, id);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body.toString())).toMatchObject({
      error: { code: "UNAUTHORIZED", message: "Vui lòng đăng nhập." },
    });
    expect((await rejection(anonymousCaller(db).export.status({ id }))).code).toBe("UNAUTHORIZED");
    const unknown = crypto.randomUUID();
    expect((await rejection(caller.export.status({ id: unknown }))).code).toBe("NOT_FOUND");
    expect((await rejection(caller.export.status({ id: "../../etc/passwd" }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  it("forgets the job and deletes its file an hour after it started", async () => {
    const db = await freshDb();
    let now = Date.parse(TEST_NOW);
    const clock: Clock = { now: () => new Date(now) };
    const { caller, token } = await signIn(db, "lanhdao.bct", { clock });
    const { id } = await caller.export.start({ kind: "statistics", filters: {} });
    await finished(caller, id);
    const dir = await exportsDir(db);
    expect(await readdir(dir)).toContain(`${id}.xlsx`);
    expect((await download(db, id, token, clock)).status).toBe(200);

    now += 59 * 60_000;
    expect((await caller.export.status({ id })).state).toBe("done");
    now += 2 * 60_000;
    const gone = await rejection(caller.export.status({ id }));
    expect(gone.code).toBe("NOT_FOUND");
    expect((await download(db, id, token, clock)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(dir)).not.toContain(`${id}.xlsx`);
  });
});
