/**
 * The per-agency table at national scale: on a generated database (scripts/bench-data.ts, every
 * seeded agency leading tasks) the statistics page shows the first AGENCY_ROWS_SHOWN agencies in
 * the order chosen, all of them on request (the choice in the URL), and its counts, plain links
 * taken through the router (client/ui/route-links.ts), open their lists without reloading the app;
 * on a phone the table is drawn once the reader nears it (client/ui/near-screen.tsx).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { AGENCY_ROWS_SHOWN } from "../../client/statistic/statistic-scope.ts";
import {
  E2E_NOW,
  launchBrowser,
  markDocument,
  ownDataFolder,
  sameDocument,
  signedInPage,
} from "./support/app.ts";

const ROOT = new URL("../../", import.meta.url);

describe("the per-agency table of a hundred agencies", () => {
  const data = ownDataFolder("dondoc-e2e-agencies-");

  it("shows the first agencies, all on request, and opens a row's list in the app", async () => {
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/bench-data.ts",
        "--tasks",
        "3000",
        "--today",
        E2E_NOW.slice(0, 10),
        "--out",
        data.file,
      ],
      { cwd: ROOT, stdio: "ignore" },
    );
    const app = await data.start();
    const browser = await launchBrowser();
    try {
      const page = await signedInPage(browser, app.url, "lanhdao.bct");
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${app.url}/statistics`);
      const table = page.getByRole("table", { name: /theo cơ quan chủ trì/ });
      const agencyRows = table.getByRole("rowheader");
      const more = page.getByRole("button", { name: /^Hiện đủ \d+ cơ quan$/ });
      const fewer = page.getByRole("button", { name: `Chỉ hiện ${AGENCY_ROWS_SHOWN} cơ quan đầu` });
      // The total row, then the first agencies.
      await more.waitFor();
      expect(await agencyRows.count()).toBe(AGENCY_ROWS_SHOWN + 1);
      const all = Number((await more.textContent())?.match(/\d+/)?.[0]);
      expect(all).toBeGreaterThan(AGENCY_ROWS_SHOWN);
      await expect
        .poll(() => page.getByText(`Đang hiện ${AGENCY_ROWS_SHOWN}/${all} cơ quan`).count())
        .toBe(1);
      // By default the most overdue first: the shown rows' overdue counts do not rise.
      const overdueLinks = table.getByRole("link", {
        name: /— Quá hạn chưa hoàn thành — .+: xem danh sách$/,
      });
      const shown = (await overdueLinks.allTextContents()).map((text) =>
        Number(text.replaceAll(".", "")),
      );
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual([...shown].sort((a, b) => b - a));

      await more.click();
      await fewer.waitFor();
      expect(new URL(page.url()).searchParams.get("rows")).toBe("all");
      expect(await agencyRows.count()).toBe(all + 1);

      // A count opens its list through the router: the page is not loaded again.
      await markDocument(page);
      const row = table.getByRole("link", { name: /— Tổng số nhiệm vụ — .+: xem danh sách$/ });
      const count = Number(((await row.last().textContent()) ?? "").replaceAll(".", ""));
      await row.last().click();
      await page.getByRole("heading", { name: /^Tổng số nhiệm vụ — .+ — /, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/statistics/tasks");
      const listed = page.getByRole("status").filter({ hasText: /^\d[\d.]* nhiệm vụ$/ });
      await expect
        .poll(async () => Number(((await listed.textContent()) ?? "").replace(/\D/g, "")), {
          timeout: 20_000,
        })
        .toBe(count);
      expect(await sameDocument(page)).toBe(true);

      // Back: every row still shown, as the address says.
      await page.goBack();
      await fewer.waitFor();
      expect(await agencyRows.count()).toBe(all + 1);
      await fewer.click();
      await more.waitFor();
      expect(await agencyRows.count()).toBe(AGENCY_ROWS_SHOWN + 1);
      expect(new URL(page.url()).searchParams.get("rows")).toBeNull();

      // An agency's name, often with the names it merged, reads on a few lines, not six or seven
      // in the column the figures leave it: the name column keeps 16rem on a laptop's screen.
      const nameWidths = await table
        .getByRole("rowheader")
        .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
      expect(Math.min(...nameWidths)).toBeGreaterThanOrEqual(256);

      // On a phone the table, two screens down, is drawn as the reader scrolls towards it, in a
      // place of about its height: the trend's place below it is where the table will end.
      const phone = await signedInPage(browser, app.url, "lanhdao.bct");
      await phone.setViewportSize({ width: 412, height: 823 });
      await phone.goto(`${app.url}/statistics`);
      // The figures, then the parts below: the table's place once its answer has come.
      await phone.getByRole("heading", { name: "Diễn biến theo tháng" }).waitFor();
      await phone.waitForLoadState("networkidle");
      const trendTop = () =>
        phone
          .getByRole("heading", { name: "Diễn biến theo tháng" })
          .evaluate((heading) => heading.getBoundingClientRect().top + window.scrollY);
      const placedAt = await trendTop();
      await phone.waitForTimeout(1_000);
      expect(await phone.getByRole("table", { name: /theo cơ quan chủ trì/ }).count()).toBe(0);
      await phone.getByRole("heading", { name: "Theo cơ quan chủ trì" }).scrollIntoViewIfNeeded();
      await phone.getByRole("table", { name: /theo cơ quan chủ trì/ }).waitFor();
      expect(
        await phone
          .getByRole("table", { name: /theo cơ quan chủ trì/ })
          .getByRole("rowheader")
          .count(),
      ).toBe(AGENCY_ROWS_SHOWN + 1);
      expect(Math.abs((await trendTop()) - placedAt)).toBeLessThan(600);
    } finally {
      await browser.close();
    }
  });
});
