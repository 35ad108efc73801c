import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { directiveIdBy, freshDb, rejection, signedInAs } from "../support/api.ts";

/** The cells of each row of each table in the document's HTML, as text. */
function tables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...(table ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...(row ?? "").matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(([, cell]) =>
        (cell ?? "").replace(/<[^>]+>/g, "").trim(),
      ),
    ),
  );
}

describe("statistic.report: the .docx a leader signs (Decree 30/2020/NĐ-CP)", () => {
  it("has the header, the figures in sentences, the per-agency table with its total, and Nơi nhận", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "lanhdao.bct");
    const directiveId = await directiveIdBy(db, "06/CT-TTg");
    const scope = { directiveId, level: "all" as const, asOf: "2024-03-31" };
    const report = await caller.statistic.report(scope);
    const summary = await caller.statistic.summary(scope);
    const table = await caller.statistic.byAgency(scope);
    expect(report.filename).toBe("bao-cao-thong-ke-2024-03-31.docx");
    const buffer = Buffer.from(report.contentBase64, "base64");

    const { value: html } = await mammoth.convertToHtml({ buffer });
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    // Header block: issuing body and number left blank, national name and motto, place and date.
    expect(text).toContain("BỘ CÔNG THƯƠNG");
    expect(text).toContain("Số: ……/BC-BCT");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("Hà Nội, ngày …… tháng …… năm 2026");
    expect(text).toContain("BÁO CÁO");
    // The four figures in sentences.
    expect(text).toContain(
      `Tính đến hết ngày 31/03/2024, tổng số nhiệm vụ, kể cả nhiệm vụ được phân giao trong các cơ quan là ${summary.cells.total} nhiệm vụ`,
    );
    expect(text).toContain(
      `Quá hạn chưa hoàn thành ${summary.cells.overdue} nhiệm vụ, chiếm tỷ lệ 21,05%`,
    );
    expect(text).toContain("1 nhiệm vụ đã báo cáo hoàn thành, đang chờ xác nhận");
    expect(text).toContain("1 nhiệm vụ đã thu hồi");
    expect(text).toContain("Nơi nhận:");
    expect(text).toContain("Trần Thị Bình");
    // Appendices, each "(Kèm theo Báo cáo số … ngày …)".
    expect(text).toContain("PHỤ LỤC I");
    expect(text).toContain("(Kèm theo Báo cáo số ……/BC-BCT ngày ……)");
    expect(text).toContain("Số liệu chốt đến hết ngày 31/03/2024.");

    const perAgency = tables(html).find((rows) => rows.some((row) => row[1] === "Tổng cộng"));
    if (!perAgency) throw new Error("no per-agency table");
    const totalRow = perAgency.find((row) => row[1] === "Tổng cộng") ?? [];
    const { total } = table;
    expect(totalRow.slice(2, 12)).toEqual(
      [
        total.total,
        total.completed,
        total.completedOnTime,
        total.completedLate,
        total.open,
        total.withinDeadline,
        total.noDeadline,
        total.continuing,
        total.overdue,
        total.awaitingConfirmation,
      ].map(String),
    );
    const agencyRows = perAgency.filter((row) => /^\d+$/.test(row[0] ?? ""));
    expect(agencyRows).toHaveLength(table.rows.length);
    const sum = agencyRows.reduce((acc, row) => acc + Number(row[2]), 0);
    expect(sum).toBe(total.total);
    // Phụ lục II: the overdue tasks of the day, the directive by number and date.
    const overdue = tables(html).find((rows) => rows[0]?.includes("Ghi chú"));
    expect(overdue?.slice(1)).toHaveLength(summary.cells.overdue);
    expect(overdue?.[1]?.[1]).toBe("06/CT-TTg ngày 15/02/2024");

    // The document itself: A4, Times New Roman.
    const zip = await JSZip.loadAsync(buffer);
    const documentXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const stylesXml = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(stylesXml).toContain('w:ascii="Times New Roman"');
  });

  it("counts at the level asked for, and refuses a day still to come", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "lanhdao.bct");
    const directiveId = await directiveIdBy(db, "06/CT-TTg");
    const report = await caller.statistic.report({ directiveId, asOf: "2024-03-31" });
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(report.contentBase64, "base64"),
    });
    expect(value).toContain(
      "tổng số nhiệm vụ được giao tại văn bản (không tính nhiệm vụ được phân giao trong cơ quan) là 8 nhiệm vụ",
    );
    expect((await rejection(caller.statistic.report({ asOf: "2026-12-01" }))).code).toBe(
      "BAD_REQUEST",
    );
  });
});
