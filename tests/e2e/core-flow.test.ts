import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appForThisFile, expectAccessible, signedInPage } from "./support/app.ts";

/**
 * The core path of issue 2 in a real browser against the built app: an officer enters a directive
 * and assigns a task to Lạng Sơn, Lạng Sơn's reporter works on it and reports it done, the officer
 * confirms, the leader reads the overdue list, and PVN cannot open Lạng Sơn's task.
 */
const run = appForThisFile();

async function pickOption(page: Page, label: string, typed: string, option: RegExp | string) {
  const input = page.getByRole("combobox", { name: label }).first();
  await input.click();
  await input.fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

async function statusAction(page: Page, action: string, note?: string) {
  if (note !== undefined) await page.getByLabel("Ghi chú, lý do").fill(note);
  await page.getByRole("button", { name: action, exact: true }).click();
}

describe("the core tracker in Chromium", () => {
  let taskUrl = "";

  it("lets the officer enter a directive with two tasks, one for Lạng Sơn", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await expectAccessible(page, "the officer's inbox, where login lands");

    await page.getByRole("link", { name: "Văn bản chỉ đạo" }).first().click();
    await page.getByRole("heading", { name: "Văn bản chỉ đạo", level: 1 }).waitFor();
    await expectAccessible(page, "directive list");
    await page
      .getByRole("link", { name: "Thêm văn bản" })
      .or(page.getByRole("button", { name: "Thêm văn bản" }))
      .first()
      .click();

    await pickOption(page, "Loại văn bản", "Chỉ thị", "Chỉ thị");
    await page.getByLabel("Số, ký hiệu").fill("15/CT-BCT");
    await page.getByRole("combobox", { name: "Cơ quan, người ban hành" }).fill("Bộ Công Thương");
    await page.keyboard.press("Escape");
    await page.getByLabel("Ngày ban hành").fill("20/11/2026");
    await page
      .getByLabel("Trích yếu")
      .fill("Chỉ thị thử nghiệm về bảo đảm cung ứng hàng hóa dịp cuối năm");
    await expectAccessible(page, "directive form");
    await page.getByRole("button", { name: "Lưu văn bản" }).click();

    await page.getByRole("heading", { name: /bảo đảm cung ứng hàng hóa/ }).waitFor();
    const directiveUrl = page.url();

    // First task: Lạng Sơn leads, found by typing without diacritics.
    await page
      .getByRole("link", { name: "Thêm nhiệm vụ" })
      .or(page.getByRole("button", { name: "Thêm nhiệm vụ" }))
      .first()
      .click();
    await page
      .getByLabel("Nhiệm vụ", { exact: true })
      .fill("Bảo đảm thông quan hàng hóa tại cửa khẩu Hữu Nghị");
    await pickOption(page, "Cơ quan chủ trì", "lang son", /Lạng Sơn/);
    await page.getByLabel("Thời hạn theo văn bản", { exact: true }).fill("31/12/2026");
    await expectAccessible(page, "task form");
    await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
    await page.getByRole("heading", { name: /Hữu Nghị/ }).waitFor();
    taskUrl = page.url();
    expect(taskUrl).toMatch(/\/tasks\/\d+$/);
    await expect.poll(() => page.getByText("UBND tỉnh Lạng Sơn").first().isVisible()).toBe(true);

    // Second task: PVN leads.
    await page.goto(directiveUrl);
    await page
      .getByRole("link", { name: "Thêm nhiệm vụ" })
      .or(page.getByRole("button", { name: "Thêm nhiệm vụ" }))
      .first()
      .click();
    await page
      .getByLabel("Nhiệm vụ", { exact: true })
      .fill("Bảo đảm nguồn cung xăng dầu cho thị trường trong nước");
    await pickOption(page, "Cơ quan chủ trì", "pvn", /PVN|Petrovietnam|Dầu khí/);
    await page.getByLabel("Không thời hạn (nhiệm vụ thường xuyên)").check();
    await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
    await page.getByRole("heading", { name: /xăng dầu/ }).waitFor();

    await page.goto(directiveUrl);
    await expect.poll(() => page.getByRole("link", { name: /Hữu Nghị/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: /xăng dầu/ }).count()).toBe(1);
    await expectAccessible(page, "directive detail");
    await page.context().close();
  });

  it("lets Lạng Sơn's reporter start the task with a note and report it done", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.langson");
    await page.goto(taskUrl);
    await page.getByRole("heading", { name: /Hữu Nghị/ }).waitFor();
    await expectAccessible(page, "task detail");
    await statusAction(
      page,
      "Bắt đầu thực hiện",
      "Đã họp với Cục Hải quan tỉnh, phân luồng xe hàng.",
    );
    await expect
      .poll(() => page.getByText("Đã họp với Cục Hải quan tỉnh, phân luồng xe hàng.").count())
      .toBeGreaterThan(0);
    // Reporting done opens the completion form: the outgoing document's number and date.
    await statusAction(page, "Báo cáo hoàn thành");
    const dialog = page.getByRole("dialog", { name: "Báo cáo hoàn thành nhiệm vụ" });
    await dialog.getByLabel("Số văn bản báo cáo").fill("88/UBND-KT");
    await dialog.getByLabel("Ngày văn bản").fill("26/11/2026");
    await dialog.getByRole("button", { name: "Gửi báo cáo hoàn thành" }).click();
    await expect
      .poll(() => page.getByText("Chờ xác nhận hoàn thành").first().isVisible())
      .toBe(true);
    // A reporter has no confirm action.
    expect(await page.getByRole("button", { name: "Xác nhận hoàn thành" }).count()).toBe(0);
    await page.context().close();
  });

  it("lets the officer confirm completion", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await page.goto(taskUrl);
    await page.getByRole("heading", { name: /Hữu Nghị/ }).waitFor();
    await statusAction(page, "Xác nhận hoàn thành");
    await expect.poll(() => page.getByText("Đã hoàn thành").first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Hoàn thành đúng hạn").first().isVisible()).toBe(true);
    await page.context().close();
  });

  it("shows the leader a seeded overdue task in the overdue list", async () => {
    const page = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    await page.getByRole("link", { name: "Nhiệm vụ quá hạn" }).first().click();
    await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
    // Lạng Sơn's border-gate sub-task of Directive 06/CT-TTg, due 10/03/2024, still in progress.
    await expect.poll(() => page.getByText(/Lạng Sơn/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("06/CT-TTg").count()).toBeGreaterThan(0);
    await expectAccessible(page, "overdue list");
    await page.context().close();
  });

  it("decides dates by the server's today, whatever the computer's clock says", async () => {
    // The computer believes it is 2031; the server's today is 26/11/2026.
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct", {
      browserNow: "2031-06-15T03:00:00.000Z",
    });
    expect(await page.evaluate(() => new Date().getFullYear())).toBe(2031);
    await page.goto(`${run.app.url}/directives`);
    await page.getByRole("combobox", { name: "Năm ban hành" }).click();
    await page.getByRole("option", { name: "2026", exact: true }).waitFor();
    expect(await page.getByRole("option", { name: "2027", exact: true }).count()).toBe(0);
    await page.keyboard.press("Escape");

    // The statistics stand at the server's today, and no later day can be chosen.
    await page.goto(`${run.app.url}/statistics`);
    await page.getByText("Số liệu chốt đến hết ngày 26/11/2026", { exact: true }).waitFor();
    await page.getByLabel("Chốt số liệu đến hết ngày").click();
    await page.getByRole("button", { name: "Chọn tháng" }).filter({ hasText: "11 2026" }).waitFor();
    expect(await page.getByRole("button", { name: "26 tháng 11 2026" }).isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: "27 tháng 11 2026" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Tháng sau" }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it("lists a task's breakdowns on its page: Mục 6's seven border provinces", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    // The demo's task 6 (06/CT-TTg, Mục 6), broken down into tasks 12–18, one per province.
    await page.goto(`${run.app.url}/tasks/6`);
    const table = page.getByRole("table", { name: "Nhiệm vụ được phân giao" });
    await table.waitFor();
    const links = await table
      .getByRole("link")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
    expect(links).toEqual([12, 13, 14, 15, 16, 17, 18].map((id) => `/tasks/${id}`));
    // A breakdown has none of its own.
    await page.goto(`${run.app.url}/tasks/17`);
    await page.getByText("Chưa phân giao nhiệm vụ nào").waitFor();
    await page.context().close();
  });

  it("answers “not found” when PVN opens Lạng Sơn's task", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.pvn");
    await page.goto(taskUrl);
    await page.getByText("Không tìm thấy").first().waitFor();
    expect(await page.getByText("Hữu Nghị").count()).toBe(0);
    await page.context().close();
  });
});
