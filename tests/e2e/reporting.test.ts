import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile, expectAccessible, signedInPage } from "./support/app.ts";

/**
 * The reporting loop of issue 4 in a real browser against the built app (today is 26/11/2026):
 * Lạng Sơn's reporter files the November report of the sample directive's task with a PDF; the
 * officer sees it and that PVN's report is missing; the reporter asks for more time on the
 * overdue border-gate task, the officer approves and the task is within its deadline again; the
 * reporter reports it done, the officer returns it with a reason, and the reporter reads why.
 */
const run = appForThisFile();
let dir = "";
let pdfPath = "";
let fakePdfPath = "";

const REPORT_TASK = /Theo dõi xuất nhập khẩu nông sản qua các cửa khẩu/;
const OVERDUE_TASK = /cửa khẩu trên địa bàn tỉnh Lạng Sơn/;
const SUMMARY = "Đã phân luồng xe chở nông sản tại cửa khẩu Tân Thanh, không phát sinh ùn tắc.";
const RETURN_REASON = "Thiếu số liệu kim ngạch xuất khẩu tháng 11; đề nghị bổ sung.";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dondoc-e2e-files-"));
  pdfPath = join(dir, "bao-cao-thang-11.pdf");
  // A small but real PDF: the server recognises it from its content.
  writeFileSync(
    pdfPath,
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  );
  // Plain text dressed up as a PDF: refused, whatever its name says.
  fakePdfPath = join(dir, "gia-mao.pdf");
  writeFileSync(fakePdfPath, "Báo cáo viết tay, không phải PDF\n");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Picks a file with the form's file button, as a user does through the file chooser. */
async function attach(scope: Locator, page: Page, path: string) {
  const chooser = page.waitForEvent("filechooser");
  await scope.getByRole("button", { name: "Chọn tệp…" }).click();
  await (await chooser).setFiles(path);
}

async function openTask(page: Page, title: RegExp) {
  await page.goto(run.app.url);
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
}

describe("the reporting loop in Chromium", () => {
  let reportTaskUrl = "";
  let overdueTaskUrl = "";

  it("lets Lạng Sơn's reporter file the November report with a PDF", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await openTask(page, REPORT_TASK);
    reportTaskUrl = page.url();

    const form = page.getByRole("form", { name: "Gửi báo cáo tiến độ" });
    await form.waitFor();
    // The earliest period not yet reported is offered first: November, due 25/11/2026.
    expect(await form.getByLabel("Kỳ báo cáo").inputValue()).toBe("Tháng 11/2026 (hạn 25/11/2026)");
    await form.getByLabel("Kết quả thực hiện").fill(SUMMARY);
    await form.getByRole("textbox", { name: "Tiến độ (%)" }).fill("60");
    await form
      .getByLabel("Khó khăn, vướng mắc")
      .fill("Lượng xe tăng cao vào cuối tuần, bãi chờ quá tải.");
    await form.getByLabel("Kiến nghị, đề xuất").fill("Đề nghị bổ sung nhân lực kiểm dịch.");

    // A text file named .pdf is refused with a clear message, and nothing is listed.
    await attach(form, page, fakePdfPath);
    await expect
      .poll(() => form.getByRole("alert").filter({ hasText: "không được chấp nhận" }).count())
      .toBe(1);
    expect(await form.getByRole("list", { name: "Tệp đã tải lên" }).count()).toBe(0);

    await attach(form, page, pdfPath);
    await form
      .getByRole("list", { name: "Tệp đã tải lên" })
      .getByText("bao-cao-thang-11.pdf")
      .waitFor();
    await expectAccessible(page, "task page of the reporter, with the report form");
    await form.getByRole("button", { name: "Gửi báo cáo", exact: true }).click();

    const timeline = page.getByRole("region", { name: "Báo cáo tiến độ" });
    await timeline.getByRole("heading", { name: "Báo cáo tháng 11/2026" }).waitFor();
    await expect.poll(() => timeline.getByText(SUMMARY).count()).toBe(1);
    // Filed on 26/11 for a period due on 25/11: late.
    await expect.poll(() => timeline.getByText("Nộp muộn").count()).toBe(1);
    await expect
      .poll(() => timeline.getByRole("link", { name: "bao-cao-thang-11.pdf" }).count())
      .toBe(1);
    // November is reported and December is a month off: no period is proposed (issue 8,
    // bug 1), the reporter chooses; the form starts again from the task's new progress.
    const next = page.getByRole("form", { name: "Gửi báo cáo tiến độ" });
    await expect
      .poll(() => next.getByRole("textbox", { name: "Tiến độ (%)" }).inputValue())
      .toBe("60%");
    expect(await next.getByLabel("Kỳ báo cáo").inputValue()).toBe("");
    expect(await next.getByLabel("Kỳ báo cáo").getAttribute("placeholder")).toBe("Chọn kỳ báo cáo");
    await page.context().close();
  });

  it("shows the officer the report and that PVN's report is missing", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await page.goto(reportTaskUrl);
    await page.getByRole("heading", { name: REPORT_TASK, level: 1 }).waitFor();
    const timeline = page.getByRole("region", { name: "Báo cáo tiến độ" });
    await timeline.getByText(SUMMARY).waitFor();
    await expect.poll(() => timeline.getByText("Đã báo cáo tháng 11/2026").count()).toBe(1);
    // The evidence file downloads for the officer, as the PDF it is.
    const href = await timeline
      .getByRole("link", { name: "bao-cao-thang-11.pdf" })
      .getAttribute("href");
    expect(href).toMatch(/^\/files\/\d+$/);
    const download = await page.request.get(`${run.app.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectAccessible(page, "task page of the officer, with the report duty form");

    await page.getByRole("link", { name: "Báo cáo còn thiếu" }).first().click();
    await page.getByRole("heading", { name: "Báo cáo còn thiếu", level: 1 }).waitFor();
    const rows = page.getByRole("row");
    await expect
      .poll(() => rows.filter({ hasText: "Mục 4" }).filter({ hasText: "Petrovietnam" }).count())
      .toBe(1);
    // Lạng Sơn reported November: it is no longer missing.
    expect(await rows.filter({ hasText: "Lạng Sơn" }).count()).toBe(0);
    await expectAccessible(page, "missing reports");
    // The officer urges Petrovietnam's task from here, with the overdue list's dialog.
    await rows
      .filter({ hasText: "Mục 4" })
      .filter({ hasText: "Petrovietnam" })
      .getByRole("checkbox")
      .check();
    await page.getByText("Đã chọn 1 nhiệm vụ").waitFor();
    await page.getByRole("button", { name: "Đôn đốc", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).click();
    await dialog.getByText(/^Đã đôn đốc 1 nhiệm vụ/).waitFor();
    await page.context().close();
  });

  it("lets the reporter ask for an extension of the overdue task", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await openTask(page, OVERDUE_TASK);
    overdueTaskUrl = page.url();
    await expect.poll(() => page.getByText(/^Quá hạn \d+ ngày$/).count()).toBeGreaterThan(0);

    const panel = page.getByRole("region", { name: "Gia hạn", exact: true });
    await panel.getByRole("button", { name: "Đề nghị gia hạn" }).click();
    await panel.getByLabel("Đề nghị gia hạn đến ngày").fill("31/12/2026");
    await panel
      .getByLabel("Lý do đề nghị gia hạn")
      .fill("Lượng hàng nông sản tăng đột biến cuối năm, cần thêm thời gian theo dõi.");
    await panel.getByRole("button", { name: "Gửi đề nghị gia hạn" }).click();
    await panel.getByText("Chờ xem xét").waitFor();
    await expect
      .poll(() =>
        panel
          .getByText("Đề nghị gia hạn đến 31/12/2026 (thời hạn lúc đề nghị: 10/03/2024)")
          .count(),
      )
      .toBe(1);
    await page.context().close();
  });

  it("lets the officer approve it: the task is within its deadline again", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await page.getByRole("link", { name: "Gia hạn", exact: true }).first().click();
    await page.getByRole("heading", { name: "Đề nghị gia hạn chờ xử lý", level: 1 }).waitFor();
    const item = page.getByRole("listitem").filter({ hasText: "tỉnh Lạng Sơn" });
    await item.getByRole("link", { name: OVERDUE_TASK }).waitFor();
    await expectAccessible(page, "pending extension requests");
    await item.getByRole("button", { name: "Đồng ý gia hạn" }).click();
    // Lạng Sơn's request is decided; PVN's (demo) still waits.
    await expect.poll(() => item.count()).toBe(0);

    await page.goto(overdueTaskUrl);
    await page.getByRole("heading", { name: OVERDUE_TASK, level: 1 }).waitFor();
    await expect
      .poll(() => page.getByText("Trong hạn", { exact: true }).count())
      .toBeGreaterThan(0);
    expect(await page.getByText(/^Quá hạn \d+ ngày$/).count()).toBe(0);
    await expect.poll(() => page.getByText("Đồng ý gia hạn đến 31/12/2026").count()).toBe(1);
    await expect.poll(() => page.getByText("Thời hạn giao ban đầu").count()).toBe(1);
    await page.context().close();
  });

  it("lets the reporter report the task done with its document and evidence", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await page.goto(overdueTaskUrl);
    await page.getByRole("heading", { name: OVERDUE_TASK, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Báo cáo hoàn thành", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Báo cáo hoàn thành nhiệm vụ" });
    await dialog.getByLabel("Số văn bản báo cáo").fill("1520/UBND-KT");
    await dialog.getByLabel("Ngày văn bản").fill("26/11/2026");
    await dialog
      .getByLabel("Kết quả, ghi chú")
      .fill("Hàng hóa thông quan bình thường trong cả đợt.");
    await attach(dialog, page, pdfPath);
    await dialog.getByText("bao-cao-thang-11.pdf").waitFor();
    await expectAccessible(page, "completion form");
    await dialog.getByRole("button", { name: "Gửi báo cáo hoàn thành" }).click();
    await expect
      .poll(() => page.getByText("Chờ xác nhận hoàn thành").first().isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByText("Văn bản báo cáo số 1520/UBND-KT ngày 26/11/2026").count())
      .toBe(1);
    await page.context().close();
  });

  it("lets the officer return it with a reason, which the reporter then reads", async () => {
    const officer = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await officer.goto(overdueTaskUrl);
    await officer.getByRole("heading", { name: OVERDUE_TASK, level: 1 }).waitFor();
    await officer.getByLabel("Ghi chú, lý do").fill(RETURN_REASON);
    await officer.getByRole("button", { name: "Trả lại", exact: true }).click();
    await expect
      .poll(() => officer.getByText("Đang thực hiện", { exact: true }).first().isVisible())
      .toBe(true);
    await officer.context().close();

    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await page.goto(overdueTaskUrl);
    await page.getByRole("heading", { name: OVERDUE_TASK, level: 1 }).waitFor();
    await page.getByText("Báo cáo hoàn thành đã bị trả lại").waitFor();
    await expect
      .poll(() => page.getByText(`Lý do trả lại: ${RETURN_REASON}`).first().isVisible())
      .toBe(true);
    await page.context().close();
  });
});
