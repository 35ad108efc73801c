import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appForThisFile,
  expectAccessible,
  expectFitsWidth,
  inboxCount,
  openInbox,
  PHONE,
  signedInPage,
} from "./support/app.ts";

/**
 * "Việc cần làm" (issue 8) in Chromium on the demo as of 26/11/2026: each role logs in, lands on
 * its inbox, acts on each kind of item from it and sees the count drop; then the same page on a
 * 360 × 740 phone fits the screen and passes axe. The tests share one server and run in order:
 * the reporter's completions reach the officer's inbox.
 */
const run = appForThisFile();

/** The inbox section named by its heading ("Chờ xác nhận hoàn thành 3 việc"). */
function section(page: Page, title: string): Locator {
  return page.getByRole("region", { name: new RegExp(`^${title}`) });
}

/** The item of a section about a task, by words of its title. */
function item(page: Page, title: string, words: RegExp): Locator {
  return section(page, title).getByRole("listitem").filter({ hasText: words });
}

/** Lands on the inbox after logging in, and says how many things are to do. */
async function landOnInbox(page: Page): Promise<number> {
  expect(new URL(page.url()).pathname).toBe("/");
  await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
  return inboxCount(page);
}

/** The menu's "Việc cần làm" with its count, as a screen reader reads it. */
function menuInbox(page: Page): Promise<string | null> {
  return page
    .getByRole("link", { name: /^Việc cần làm/ })
    .first()
    .textContent();
}

/**
 * The count has dropped by one: in the menu of the page where the user acted (the count alone,
 * inbox.count), then back on the inbox, in the page and its menu.
 */
async function countDropsTo(page: Page, expected: number): Promise<void> {
  expect(new URL(page.url()).pathname).not.toBe("/");
  await expect.poll(() => menuInbox(page)).toContain(`(${expected} việc)`);
  await openInbox(page);
  await expect.poll(() => inboxCount(page)).toBe(expected);
  await expect.poll(() => menuInbox(page)).toContain(`(${expected} việc)`);
}

/** Reports the open task done with a document, from its page. */
async function reportDone(page: Page, documentNumber: string) {
  await page.getByRole("button", { name: "Báo cáo hoàn thành", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Báo cáo hoàn thành nhiệm vụ" });
  await dialog.getByLabel("Số văn bản báo cáo").fill(documentNumber);
  await dialog.getByLabel("Ngày văn bản").fill("26/11/2026");
  await dialog.getByRole("button", { name: "Gửi báo cáo hoàn thành" }).click();
  await expect.poll(() => page.getByText("Chờ xác nhận hoàn thành").first().isVisible()).toBe(true);
}

/**
 * The inbox at 360 × 740: it fits the screen and passes axe; in the folded menu the count, when
 * there is one, stands on the line of "Việc cần làm", not below it (under 10 it is a round badge).
 */
async function onPhone(page: Page, label: string) {
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
  const count = await inboxCount(page);
  await expectFitsWidth(page, label);
  await expectAccessible(page, label);
  if (count === 0) return;
  await page.getByRole("button", { name: "Mở menu điều hướng" }).click();
  const entry = page.getByRole("navigation").getByRole("link", { name: /^Việc cần làm/ });
  const box = await entry.locator(".mantine-NavLink-label").boundingBox();
  const badge = await entry.locator(".mantine-Badge-root").boundingBox();
  if (!box || !badge) throw new Error(`${label}: the menu's count is not shown`);
  // One line: a label that wraps is two lines, more than twice the badge's height.
  expect(box.height, label).toBeLessThan(2 * badge.height);
  await page.getByRole("button", { name: "Đóng menu điều hướng" }).click();
}

describe("the inbox of each role in Chromium", () => {
  it("lets PVN's reporter file a late report, report tasks done and mark answers seen", async () => {
    const page = await signedInPage(run.browser, run.app.url, "baocao.pvn");
    let count = await landOnInbox(page);
    expect(count).toBe(8);
    await expectAccessible(page, "reporter's inbox");

    // A late report period: the link opens the task's report form with the period chosen.
    const late = item(page, "Kỳ báo cáo đến hạn, quá hạn", /Quá hạn 1 ngày/);
    await late.getByRole("link", { name: /^Gửi báo cáo tháng 11\/2026: / }).click();
    const form = page.getByRole("form", { name: "Gửi báo cáo tiến độ" });
    await expect
      .poll(() => form.getByLabel("Kỳ báo cáo").inputValue())
      .toBe("Tháng 11/2026 (hạn 25/11/2026)");
    await form
      .getByLabel("Kết quả thực hiện")
      .fill("Đã tổng hợp đủ số liệu cấp khí, xăng dầu tháng 11.");
    await form.getByRole("button", { name: "Gửi báo cáo", exact: true }).click();
    await page.getByText("Đã gửi báo cáo.").waitFor();
    await countDropsTo(page, --count);

    // An overdue task: reported done from its page.
    await item(page, "Nhiệm vụ quá hạn, sắp đến hạn", /Quá hạn 710 ngày/)
      .getByRole("link", { name: "Mở nhiệm vụ" })
      .click();
    await page
      .getByRole("heading", { name: /tìm kiếm, thăm dò và khai thác dầu khí/, level: 1 })
      .waitFor();
    await reportDone(page, "3012/DKVN-TDKT");
    await countDropsTo(page, --count);

    // A completion returned: the reason is on the item; completed again, it leaves.
    const returned = item(page, "Báo cáo hoàn thành bị trả lại", /nguồn cung khí/);
    await returned.getByText(/^Lý do trả lại: Kế hoạch chưa có phương án/).waitFor();
    await returned.getByRole("link", { name: "Bổ sung, báo cáo lại" }).click();
    await page.getByRole("heading", { name: /nguồn cung khí/, level: 1 }).waitFor();
    await reportDone(page, "4602/DKVN-KH");
    await countDropsTo(page, --count);

    // The answer to an extension request and a comment mentioning PVN: read, marked seen.
    const answer = item(page, "Trả lời đề nghị gia hạn", /Không đồng ý gia hạn/);
    await answer.getByRole("button", { name: /^Đánh dấu đã xem: / }).click();
    await expect.poll(() => inboxCount(page)).toBe(--count);
    const mention = item(page, "Ý kiến nhắc đến cơ quan", /Đề nghị PVN gửi báo cáo/);
    await mention.getByRole("button", { name: /^Đánh dấu đã xem: / }).click();
    await expect.poll(() => inboxCount(page)).toBe(--count);
    expect(count).toBe(3);

    await onPhone(page, "reporter's inbox at 360 px");
    await page.context().close();
  });

  it("lets the officer confirm a completion, decide an extension, read a report and urge", async () => {
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    let count = await landOnInbox(page);
    await expectAccessible(page, "officer's inbox");

    // The oldest completion first: Cao Bằng's, waiting since 25/03/2024.
    const completions = section(page, "Chờ xác nhận hoàn thành");
    await expect
      .poll(() => completions.getByRole("listitem").first().textContent())
      .toContain("Báo cáo hoàn thành ngày 25/03/2024");
    await item(page, "Chờ xác nhận hoàn thành", /kiểm tra chất lượng nông sản/)
      .getByRole("link", { name: "Xác nhận hoặc trả lại" })
      .click();
    await page.getByRole("button", { name: "Xác nhận hoàn thành", exact: true }).click();
    await expect.poll(() => page.getByText("Đã hoàn thành").first().isVisible()).toBe(true);
    await countDropsTo(page, --count);

    // An extension request: decided on the task page, where the link leads.
    await item(page, "Đề nghị gia hạn chờ quyết định", /dự trữ xăng dầu/)
      .getByRole("link", { name: "Xem xét, quyết định" })
      .click();
    const extensions = page.getByRole("region", { name: "Gia hạn", exact: true });
    await extensions.getByRole("button", { name: "Đồng ý gia hạn" }).click();
    await extensions.getByText(/^Đồng ý gia hạn đến /).waitFor();
    await countDropsTo(page, --count);

    // A report received: read, marked seen.
    const report = item(page, "Báo cáo mới nhận", /phân luồng phương tiện/);
    await report.getByRole("button", { name: /^Đánh dấu đã xem: / }).click();
    await expect.poll(() => inboxCount(page)).toBe(--count);

    // An overdue task without a report for 30 days (the section shows five, the rest on
    // request): urged, it counts as handled for a week.
    await section(page, "Quá hạn, hơn 30 ngày chưa báo cáo")
      .getByRole("button", { name: /^Hiện thêm \d+ mục$/ })
      .click();
    const silent = item(page, "Quá hạn, hơn 30 ngày chưa báo cáo", /cung cầu, giá cả/);
    await silent.getByRole("button", { name: /^Đôn đốc: / }).click();
    const dialog = page.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).click();
    await page.getByText("Đã gửi đôn đốc 1 nhiệm vụ.").waitFor();
    await dialog.getByRole("button", { name: "Xong" }).click();
    await expect.poll(() => inboxCount(page)).toBe(--count);
    await silent.getByText("Đã đôn đốc ngày 26/11/2026").waitFor();

    await onPhone(page, "officer's inbox at 360 px");
    await page.context().close();
  });

  it("draws each Vietnamese text in one typeface, not its accented letters from another", async () => {
    // On Linux Helvetica and Arial are Liberation Sans, which lacks ệ ạ ố ư ơ: a word took those
    // letters from another face (and the first layouts were slow looking them up).
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await landOnInbox(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const faces: Record<string, string[]> = {};
    // The heading (bold), the page's introduction and the menu's entries.
    for (const selector of [
      "main h1",
      "main h1 + p",
      "header nav a[href='/directives'] .mantine-Button-label",
    ]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      faces[selector] = fonts.map((font) => font.familyName);
    }
    for (const [selector, families] of Object.entries(faces)) {
      expect(families, selector).toHaveLength(1);
    }
    await page.context().close();
  });

  it("shows the officer's seven menu entries whole at 1,200 px, the header within the screen", async () => {
    // 1,200 px is the narrowest screen with the menu in the header (below, it folds). The
    // officer's menu is the longest; the account's name and role give way to it.
    const page = await signedInPage(run.browser, run.app.url, "canbo.bct");
    await page.setViewportSize({ width: 1200, height: 800 });
    const menu = page.getByRole("navigation", { name: "Điều hướng chính" });
    await menu.getByRole("link", { name: "Gia hạn" }).waitFor();

    const entries = await menu.getByRole("link").evaluateAll((links) =>
      links.map((link) => {
        const label = link.querySelector(".mantine-Button-label");
        return { text: link.textContent, cut: !label || label.scrollWidth > label.clientWidth };
      }),
    );
    expect(entries).toHaveLength(7);
    expect(entries.filter((entry) => entry.cut)).toEqual([]);
    const rightmost = await page
      .locator("header a, header button")
      .evaluateAll((items) => Math.max(...items.map((item) => item.getBoundingClientRect().right)));
    expect(rightmost).toBeLessThanOrEqual(1200);
    await expect
      .poll(() => page.getByRole("button", { name: /^Tài khoản / }).textContent())
      .toContain("Nguyễn");
    await page.context().close();
  });

  it("shows the leader the four cells and the agencies most behind, and lets them urge a key task", async () => {
    const page = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    let count = await landOnInbox(page);
    await expectAccessible(page, "leader's inbox");

    // The four cells open the tasks they count.
    await page
      .getByRole("region", { name: "Bốn chỉ tiêu" })
      .getByRole("link", { name: /— Quá hạn chưa hoàn thành: xem danh sách$/ })
      .click();
    await page
      .getByRole("heading", {
        name: "Quá hạn chưa hoàn thành — số liệu chốt đến hết ngày 26/11/2026",
      })
      .waitFor();
    await openInbox(page);

    // At most five agencies, most overdue first, each opening its overdue list.
    const agencies = page.getByRole("region", { name: /cơ quan có nhiều nhiệm vụ quá hạn nhất$/ });
    const links = agencies.getByRole("link", { name: /nhiệm vụ quá hạn của .*: xem danh sách$/ });
    await links.first().waitFor();
    expect(await links.count()).toBeLessThanOrEqual(5);
    await links.first().click();
    await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get("lead")).toMatch(/^\d+$/);
    await openInbox(page);

    // A key task overdue, urged from the inbox.
    const key = item(page, "Nhiệm vụ trọng tâm quá hạn", /khí, xăng dầu cho sản xuất điện/);
    await key.getByRole("button", { name: /^Đôn đốc: / }).click();
    const dialog = page.getByRole("dialog", { name: "Đôn đốc các nhiệm vụ đã chọn" });
    await dialog.getByRole("button", { name: "Gửi đôn đốc 1 nhiệm vụ" }).click();
    await page.getByText("Đã gửi đôn đốc 1 nhiệm vụ.").waitFor();
    await dialog.getByRole("button", { name: "Xong" }).click();
    await expect.poll(() => inboxCount(page)).toBe(--count);

    await onPhone(page, "leader's inbox at 360 px");
    await page.context().close();
  });

  it("shows the administrator accounts locked or never used and agencies ending soon", async () => {
    const page = await signedInPage(run.browser, run.app.url, "quantri");
    let count = await landOnInbox(page);
    expect(count).toBe(3);
    await expectAccessible(page, "administrator's inbox");

    // A locked account, looked at.
    await item(page, "Tài khoản bị khóa hoặc chưa dùng", /canbo\.cu/)
      .getByRole("button", { name: "Đánh dấu đã xem: canbo.cu" })
      .click();
    await expect.poll(() => inboxCount(page)).toBe(--count);

    // An account never used leaves the list once its owner signs in.
    const tkv = await signedInPage(run.browser, run.app.url, "baocao.tkv");
    await tkv.context().close();
    await page.reload();
    await expect.poll(() => inboxCount(page)).toBe(--count);

    // An agency ending in 25 days, looked at.
    await item(page, "Cơ quan sắp hết hiệu lực", /Tổ công tác liên ngành/)
      .getByRole("button", { name: /^Đánh dấu đã xem: / })
      .click();
    await expect.poll(() => inboxCount(page)).toBe(--count);
    expect(count).toBe(0);
    await page.getByText("Không còn việc nào cần xử lý.").waitFor();

    await onPhone(page, "administrator's inbox at 360 px");
    await page.context().close();
  });
});
