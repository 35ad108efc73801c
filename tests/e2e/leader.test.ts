import ExcelJS from "exceljs";
import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appForThisFile, expectAccessible, signedInPage } from "./support/app.ts";

/**
 * The leaders' view of issue 3 in a real browser against the built app, on the demo data as of
 * 26/11/2026: the leader of the Ministry of Industry and Trade reads the official figures, follows
 * the overdue count to the tasks it counts and on to the overdue list, narrows it to Lạng Sơn,
 * downloads the Excel file and finds in it exactly the rows on the screen; a figure of a past day
 * and a row of the per-agency table list as many tasks as they count; the print view passes axe.
 */
const run = appForThisFile();

/** "10.448" → 10448. */
function countOf(text: string): number {
  const digits = text.replace(/\./g, "").trim();
  expect(digits, `a count: “${text}”`).toMatch(/^\d+$/);
  return Number(digits);
}

/** The number a figure's link shows, found by what it counts. */
async function figure(page: Page, label: string): Promise<number> {
  const link = page.getByRole("link", { name: `— ${label}: xem danh sách` }).first();
  await link.waitFor();
  return countOf((await link.textContent()) ?? "");
}

/** The overdue list's rows as the Excel file writes them: "Mục 6.6. Theo dõi sát …". */
async function shownTasks(page: Page): Promise<string[]> {
  const boxes = page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: / });
  const names = await boxes.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute("aria-label") ?? ""),
  );
  return names.map((name) => name.replace(/^Chọn nhiệm vụ: /, ""));
}

/** The number of tasks the list behind a figure says it holds ("8 nhiệm vụ"). */
async function listedTotal(page: Page): Promise<number> {
  const status = page.getByRole("status").filter({ hasText: /^\d[\d.]* nhiệm vụ$/ });
  return countOf(((await status.textContent()) ?? "").replace(/ nhiệm vụ$/, ""));
}

async function overdueTotal(page: Page): Promise<number> {
  const status = page.getByRole("status").filter({ hasText: / nhiệm vụ quá hạn, đã đôn đốc / });
  const text = (await status.textContent()) ?? "";
  return countOf(text.replace(/ nhiệm vụ quá hạn, đã đôn đốc [\d.]+$/, ""));
}

/** Picks an option of a select field found by its label. */
async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("the leaders' view in Chromium", () => {
  it("shows the official figures, the overdue list by agency, and an Excel file of those rows", async () => {
    const page = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    await page.getByRole("link", { name: "Thống kê", exact: true }).first().click();
    await page.getByRole("heading", { name: "Thống kê", level: 1 }).waitFor();
    await page.getByText("Số liệu chốt đến hết ngày 26/11/2026", { exact: true }).waitFor();
    // Every task, breakdowns included, as the overdue list counts them.
    await page.goto(`${run.app.url}/statistics?level=all`);
    await page.getByText("Số liệu chốt đến hết ngày 26/11/2026", { exact: true }).waitFor();
    await page.getByText("Tổng số 28 nhiệm vụ;").waitFor();

    // The four published cells add up to the total.
    const onTime = await figure(page, "Hoàn thành đúng hạn");
    const late = await figure(page, "Hoàn thành quá hạn");
    const within = await figure(page, "Đang thực hiện trong hạn");
    const overdue = await figure(page, "Quá hạn chưa hoàn thành");
    const total = await figure(page, "Tổng số nhiệm vụ");
    expect(overdue).toBeGreaterThan(0);
    expect(onTime + late + within + overdue).toBe(total);
    await expect
      .poll(() => page.getByText(`Tổng số ${total} nhiệm vụ;`).count())
      .toBeGreaterThan(0);
    // The per-agency table, its total row first, and the trend as a table too.
    await expect.poll(() => page.getByRole("rowheader", { name: "Tổng cộng" }).count()).toBe(1);
    await page.getByRole("button", { name: "Xem dạng bảng" }).click();
    await page.getByRole("table", { name: /theo tháng/ }).waitFor();
    await expectAccessible(page, "statistics page");

    // The overdue count leads to the tasks it counts, and on to the overdue list: as many tasks.
    await page
      .getByRole("link", { name: "— Quá hạn chưa hoàn thành: xem danh sách" })
      .first()
      .click();
    await page
      .getByRole("heading", {
        name: "Quá hạn chưa hoàn thành — số liệu chốt đến hết ngày 26/11/2026",
        level: 1,
      })
      .waitFor();
    await expect.poll(() => listedTotal(page)).toBe(overdue);
    const listed = page.getByRole("table", {
      name: "Quá hạn chưa hoàn thành — số liệu chốt đến hết ngày 26/11/2026",
    });
    // A header row, then one row per task.
    await expect.poll(() => listed.getByRole("row").count()).toBe(overdue + 1);
    await expectAccessible(page, "tasks behind the overdue figure");
    await page
      .getByRole("link", { name: "Đôn đốc, xuất Excel: mở danh sách nhiệm vụ quá hạn" })
      .click();
    await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
    await expect.poll(() => overdueTotal(page)).toBe(overdue);

    // Lạng Sơn only, found by typing without diacritics.
    const agency = page.getByRole("combobox", { name: "Cơ quan chủ trì và đơn vị trực thuộc" });
    await agency.click();
    await agency.fill("lang son");
    await page
      .getByRole("option", { name: /Lạng Sơn/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get("lead")).toMatch(/^\d+$/);
    await expect.poll(() => overdueTotal(page)).toBeLessThan(overdue);
    const tasks = await shownTasks(page);
    expect(tasks.length).toBe(await overdueTotal(page));
    expect(tasks.some((task) => task.startsWith("Mục 6.6. "))).toBe(true);
    await expectAccessible(page, "overdue list filtered by agency");

    // The Excel file of the filtered list holds exactly those rows.
    await page.getByRole("button", { name: "Xuất Excel" }).click();
    const link = page.getByRole("link", { name: /^Tải tệp nhiem-vu-qua-han-2026-11-26\.xlsx$/ });
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("nhiem-vu-qua-han-2026-11-26.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("the workbook has no sheet");
    expect(sheet.getCell("A1").text).toBe("DANH MỤC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH");
    expect(sheet.getCell("A2").text).toContain("Lạng Sơn");
    expect(sheet.getCell("A3").text).toBe("(Số liệu chốt đến hết ngày 26/11/2026)");
    expect(sheet.getCell("C5").text).toBe("Nhiệm vụ");
    const rows: string[] = [];
    for (let row = 6; sheet.getCell(row, 3).text !== ""; row += 1) {
      rows.push(sheet.getCell(row, 3).text);
      expect(sheet.getCell(row, 4).text).toBe("UBND tỉnh Lạng Sơn");
    }
    expect(rows).toEqual(tasks);

    // "Đôn đốc": the same urging note on the chosen tasks.
    await page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 6\.6\. / }).check();
    await page.getByText("Đã chọn 1 nhiệm vụ").waitFor();
    await page.getByRole("button", { name: "Đôn đốc", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByLabel("Nội dung đôn đốc").fill("Đề nghị UBND tỉnh Lạng Sơn báo cáo ngay.");
    await expectAccessible(page, "urge dialog");
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).click();
    await page.getByText("Đã gửi đôn đốc 1 nhiệm vụ.").waitFor();
    await dialog.getByRole("button", { name: "Xong" }).click();
    await page.getByText("Chọn nhiệm vụ để đôn đốc cùng lúc.").waitFor();
    await page.context().close();
  });

  it("prints the statistics and lists the tasks behind a figure, a past day and an agency's row", async () => {
    const page = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    await page.goto(`${run.app.url}/statistics`);
    const onTime = await figure(page, "Hoàn thành đúng hạn");

    await page.getByRole("link", { name: "Bản in" }).click();
    await page
      .getByRole("heading", { name: "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO", level: 1 })
      .waitFor();
    await page.getByText("(Số liệu chốt đến hết ngày 26/11/2026)").first().waitFor();
    await page.getByRole("rowheader", { name: "Tổng cộng" }).waitFor();
    await expect
      .poll(() => page.getByRole("columnheader", { name: "Đã hoàn thành" }).count())
      .toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "In / Lưu PDF" }).count()).toBe(1);
    await expectAccessible(page, "print view");

    await page.goto(`${run.app.url}/statistics`);
    await page.getByRole("link", { name: "— Hoàn thành đúng hạn: xem danh sách" }).first().click();
    await page
      .getByRole("heading", {
        name: "Hoàn thành đúng hạn — số liệu chốt đến hết ngày 26/11/2026",
        level: 1,
      })
      .waitFor();
    expect(new URL(page.url()).searchParams.get("cell")).toBe("completedOnTime");
    await expect.poll(() => listedTotal(page)).toBe(onTime);
    await expectAccessible(page, "tasks behind a figure");

    // The figures of 31/03/2024, rebuilt from the history, list the tasks as they stood then.
    await page.goto(`${run.app.url}/statistics?asOf=2024-03-31&level=all`);
    await page.getByText("Số liệu chốt đến hết ngày 31/03/2024", { exact: true }).waitFor();
    const overdueThen = await figure(page, "Quá hạn chưa hoàn thành");
    await page
      .getByRole("link", { name: "— Quá hạn chưa hoàn thành: xem danh sách" })
      .first()
      .click();
    await page
      .getByRole("heading", {
        name: "Quá hạn chưa hoàn thành — số liệu chốt đến hết ngày 31/03/2024",
        level: 1,
      })
      .waitFor();
    await expect.poll(() => listedTotal(page)).toBe(overdueThen);
    // No link to today's overdue list: it would not hold these tasks.
    expect(await page.getByRole("link", { name: /mở danh sách nhiệm vụ quá hạn/ }).count()).toBe(0);

    // A row of the per-agency table: the tasks Lạng Sơn itself led.
    await page.goto(`${run.app.url}/statistics`);
    const row = page.getByRole("link", {
      name: /— Tổng số nhiệm vụ — UBND tỉnh Lạng Sơn: xem danh sách$/,
    });
    await row.waitFor();
    const langson = countOf((await row.textContent()) ?? "");
    await row.click();
    await page
      .getByRole("heading", {
        name: "Tổng số nhiệm vụ — số liệu chốt đến hết ngày 26/11/2026 — UBND tỉnh Lạng Sơn",
        level: 1,
      })
      .waitFor();
    await expect.poll(() => listedTotal(page)).toBe(langson);
    await page.context().close();
  });
  it("switches the level and the report period, and downloads the report to sign", async () => {
    const page = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    await page.goto(`${run.app.url}/statistics`);
    await page.getByText("Số liệu chốt đến hết ngày 26/11/2026", { exact: true }).waitFor();
    // By default the tasks the directives assign; with breakdowns, more.
    const assigned = await figure(page, "Tổng số nhiệm vụ");
    await chooseOption(page, "Cấp nhiệm vụ", "Tất cả, kể cả nhiệm vụ được phân giao");
    await expect.poll(() => new URL(page.url()).searchParams.get("level")).toBe("all");
    await expect.poll(() => figure(page, "Tổng số nhiệm vụ")).toBeGreaterThan(assigned);

    // The monthly report of Decree 09/2019: 15/10 to 14/11/2026, figures as of 14/11/2026.
    await chooseOption(page, "Kỳ báo cáo", "Tháng (Nghị định số 09/2019/NĐ-CP)");
    await page.getByText("Số liệu chốt đến hết ngày 14/11/2026", { exact: true }).waitFor();
    await page.getByText(/Kỳ báo cáo từ ngày 15\/10\/2026 đến ngày 14\/11\/2026/).waitFor();
    const params = new URL(page.url()).searchParams;
    expect([params.get("rfrom"), params.get("asOf")]).toEqual(["2026-10-15", "2026-11-14"]);
    const total = await figure(page, "Tổng số nhiệm vụ");
    await expectAccessible(page, "statistics with a report period");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải báo cáo (.docx)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("bao-cao-thong-ke-2026-11-14.docx");
    const { value } = await mammoth.extractRawText({ path: await download.path() });
    expect(value).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(value).toContain(
      `Tính đến hết ngày 14/11/2026, tổng số nhiệm vụ, kể cả nhiệm vụ được phân giao trong các cơ quan là ${total} nhiệm vụ`,
    );
    expect(value).toContain("Trong kỳ báo cáo từ ngày 15/10/2026 đến ngày 14/11/2026");
    await page.context().close();
  });
});
