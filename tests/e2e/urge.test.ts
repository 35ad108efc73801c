import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appForThisFile,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  signedInPage,
} from "./support/app.ts";

/**
 * The urge (issue 10) in Chromium on the demo as of 26/11/2026: the Ministry's officer urges two
 * overdue tasks of two agencies from the overdue list and downloads the two letters; Lạng Sơn's
 * reporter sees the bell's count, opens the task from the bell, and the task shows the urge.
 * The tests share one server and run in order.
 */
const run = appForThisFile();

/** The text of a downloaded .docx. */
async function docxText(path: string): Promise<string> {
  const { value } = await mammoth.extractRawText({ path });
  return value.replace(/\s+/g, " ");
}

/** The bell's unread count, from its accessible name ("Thông báo: 3 chưa đọc"). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole("button", { name: /^Thông báo: \d+ chưa đọc$/ });
  const name = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+)/.exec(name)?.[1]);
}

describe("urging in Chromium", () => {
  it("lets the officer urge two overdue tasks of two agencies and download the two letters", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await page.goto(`${run.app.url}/overdue`);
    await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
    await page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 6\.6\. / }).check();
    await page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 2\.1\. / }).check();
    await page.getByText("Đã chọn 2 nhiệm vụ").waitFor();
    await page.getByRole("button", { name: "Đôn đốc", exact: true }).click();

    const dialog = page.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByText(/Mỗi cơ quan chủ trì \(2 cơ quan\)/).waitFor();
    await dialog.getByLabel("Nội dung đôn đốc").fill("Đề nghị khẩn trương báo cáo kết quả.");
    // Five working days after Thursday 26/11/2026: Thursday 03/12/2026.
    const replyBy = dialog.getByLabel("Đề nghị báo cáo trước ngày");
    await expect.poll(() => replyBy.inputValue()).toBe("03/12/2026");
    await expectAccessible(page, "urge dialog");
    await dialog.getByRole("button", { name: "Gửi đôn đốc 2 nhiệm vụ" }).click();
    await dialog
      .getByText("Đã đôn đốc 2 nhiệm vụ. Tải các công văn đôn đốc (2 công văn)")
      .waitFor();

    const letters: Record<string, string> = {};
    for (const agency of ["Lạng Sơn", "Petrovietnam"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        dialog.getByRole("button", { name: `Tải công văn gửi ${agency} (.docx)` }).click(),
      ]);
      letters[download.suggestedFilename()] = await docxText(await download.path());
    }
    expect(Object.keys(letters).sort()).toEqual([
      "cong-van-don-doc-Lang-Son-2026-11-26.docx",
      "cong-van-don-doc-Petrovietnam-2026-11-26.docx",
    ]);
    const langson = letters["cong-van-don-doc-Lang-Son-2026-11-26.docx"] ?? "";
    expect(langson).toContain("BỘ CÔNG THƯƠNG");
    expect(langson).toContain("V/v đôn đốc thực hiện nhiệm vụ được giao");
    expect(langson).toContain("Kính gửi: UBND tỉnh Lạng Sơn");
    expect(langson).toContain("Theo dõi sát tình hình xuất nhập khẩu hàng hóa");
    expect(langson).not.toContain("tìm kiếm, thăm dò và khai thác dầu khí");
    expect(langson).toContain("trước ngày 03/12/2026");
    const pvn = letters["cong-van-don-doc-Petrovietnam-2026-11-26.docx"] ?? "";
    expect(pvn).toContain("tìm kiếm, thăm dò và khai thác dầu khí");

    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, "urge dialog's letters at 360 px");
    await dialog.getByRole("button", { name: "Xong" }).click();

    // The overdue list counts the urged tasks, and keeps only them when asked.
    await page.setViewportSize({ width: 1280, height: 800 });
    const status = page.getByRole("status").filter({ hasText: / nhiệm vụ quá hạn, đã đôn đốc / });
    await expect.poll(() => status.textContent()).toMatch(/, đã đôn đốc 2$/);
    await page.getByRole("combobox", { name: "Tình trạng đôn đốc", exact: true }).click();
    await page.getByRole("option", { name: "Đã đôn đốc", exact: true }).click();
    await page.waitForURL(/[?&]urged=urged/);
    await expect.poll(() => status.textContent()).toBe("2 nhiệm vụ quá hạn, đã đôn đốc 2");
    const rows = page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: / });
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 6\.6\. / }).waitFor();
    await page.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 2\.1\. / }).waitFor();
    await page.context().close();
  });

  it("lets the officer urge from a directive's tasks, and offers a reporter no urging there", async () => {
    const open06 = async (page: Page) => {
      await page.goto(`${run.app.url}/directives`);
      await page
        .getByRole("table", { name: "Văn bản chỉ đạo" })
        .getByRole("row")
        .filter({ hasText: "06/CT-TTg" })
        .getByRole("link")
        .first()
        .click();
      return page.getByRole("table", { name: "Nhiệm vụ được giao" });
    };
    const officer = await signedInPage(run.browser, run.app.url, "canbo.bct");
    const tasks = await open06(officer);
    await tasks.getByRole("row").filter({ hasText: "Mục 6.6" }).getByRole("checkbox").check();
    await officer.getByText("Đã chọn 1 nhiệm vụ").waitFor();
    await officer.getByRole("button", { name: "Đôn đốc", exact: true }).click();
    const dialog = officer.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByText(/06\/CT-TTg · Mục 6\.6: /).waitFor();
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).waitFor();
    await dialog.getByRole("button", { name: "Hủy bỏ" }).click();
    const directiveUrl = officer.url();
    await officer.context().close();

    // On a phone the tasks are cards, each with its own labelled box.
    const phone = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await phone.setViewportSize(PHONE);
    await phone.goto(directiveUrl);
    const card = phone
      .getByRole("list", { name: "Nhiệm vụ được giao" })
      .getByRole("listitem")
      .filter({ hasText: "Mục 6.6" });
    await card.getByRole("checkbox", { name: /^Chọn để đôn đốc: / }).check();
    await phone.getByText("Đã chọn 1 nhiệm vụ").waitFor();
    await phone.getByRole("button", { name: "Đôn đốc", exact: true }).click();
    const phoneDialog = phone.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await phoneDialog.getByText(/06\/CT-TTg · Mục 6\.6: /).waitFor();
    await phoneDialog.getByRole("button", { name: "Hủy bỏ" }).click();
    await expectAccessible(phone, "a directive's task cards with urge boxes");
    await phone.context().close();

    const reporter = await signedInPage(run.browser, run.app.url, "baocao.langson");
    const own = await open06(reporter);
    await own.getByRole("row").filter({ hasText: "Mục 6.6" }).waitFor();
    expect(await own.getByRole("checkbox").count()).toBe(0);
    expect(await reporter.getByRole("button", { name: "Đôn đốc", exact: true }).count()).toBe(0);
    await reporter.context().close();
  });

  it("shows Lạng Sơn's reporter the bell, opens the urged task from it, and the task shows the urge", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await expect.poll(() => bellCount(page)).toBeGreaterThan(0);
    const before = await bellCount(page);
    await expectAccessible(page, "the bell, closed");

    await page.getByRole("button", { name: /^Thông báo: \d+ chưa đọc$/ }).click();
    const list = page.getByRole("dialog", { name: "Thông báo" });
    const urged = list
      .getByRole("button")
      .filter({ hasText: "Đã bị đôn đốc, đề nghị báo cáo trước ngày 03/12/2026" });
    await urged.waitFor();
    await expectAccessible(page, "the bell, open");
    await urged.click();

    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByText("Đã đôn đốc 1 lần, lần gần nhất 26/11/2026").waitFor();
    const urges = page.getByRole("region", { name: "Đôn đốc" });
    await urges.getByText("Đề nghị khẩn trương báo cáo kết quả.").waitFor();
    await urges.getByText("Đề nghị báo cáo trước ngày 03/12/2026").waitFor();
    await expect.poll(() => bellCount(page)).toBe(before - 1);

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByText("Đã đôn đốc 1 lần, lần gần nhất 26/11/2026").waitFor();
    await expectFitsWidth(page, "urged task at 360 px");
    await expectAccessible(page, "urged task at 360 px");
    await page.context().close();
  });

  it("drops a task closed meanwhile from the urge the server refused, and urges the rest", async () => {
    const officer = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await officer.goto(`${run.app.url}/overdue`);
    await officer.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
    const langSonBox = officer.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 6\.6\. / });
    const taskUrl = await officer
      .getByRole("row")
      .filter({ has: langSonBox })
      .getByRole("link", { name: /^Theo dõi sát tình hình xuất nhập khẩu/ })
      .getAttribute("href");
    await langSonBox.check();
    await officer.getByRole("checkbox", { name: /^Chọn nhiệm vụ: Mục 2\.1\. / }).check();
    await officer.getByRole("button", { name: "Đôn đốc", exact: true }).click();
    const dialog = officer.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByText(/06\/CT-TTg · Mục 6\.6: /).waitFor();

    // Meanwhile Lạng Sơn reports its task done: it awaits confirmation, and cannot be urged.
    const reporter = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await reporter.goto(`${run.app.url}${taskUrl}`);
    await reporter.getByRole("button", { name: "Báo cáo hoàn thành", exact: true }).click();
    const done = reporter.getByRole("dialog", { name: "Báo cáo hoàn thành nhiệm vụ" });
    await done.getByLabel("Số văn bản báo cáo").fill("91/UBND-KT");
    await done.getByLabel("Ngày văn bản").fill("26/11/2026");
    await done.getByRole("button", { name: "Gửi báo cáo hoàn thành" }).click();
    await reporter.getByText("Chờ xác nhận hoàn thành").first().waitFor();
    await reporter.context().close();

    await dialog.getByRole("button", { name: "Gửi đôn đốc 2 nhiệm vụ" }).click();
    await dialog.getByText(/không còn đang thực hiện nên không đôn đốc được/).waitFor();
    await dialog.getByText(/gửi lại để đôn đốc những nhiệm vụ còn lại/).waitFor();
    // The lists were read again: the dialog keeps only the task that can still be urged.
    await expect.poll(() => dialog.getByText(/06\/CT-TTg · Mục 6\.6: /).count()).toBe(0);
    await dialog.getByText(/06\/CT-TTg · Mục 2\.1: /).waitFor();
    await expectAccessible(officer, "urge dialog after a refusal");
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).click();
    await dialog.getByText(/^Đã đôn đốc 1 nhiệm vụ\./).waitFor();
    await officer.context().close();
  });
});
