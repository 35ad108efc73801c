/**
 * Issue 12's browser target: an overdue list of 10,000 rows keeps fewer than 1,500 DOM nodes (the
 * rows of a page are windowed, client/statistic/overdue-table.tsx), from the top of a page of 500
 * rows to its bottom. The demo database gets 10,000 more overdue tasks (copies of one, with their
 * state rows, so that the kept counts give the total) before the app starts on it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { launchBrowser, PHONE, type RunningApp, signedInPage, startApp } from "./support/app.ts";

const COPIES = 10_000;

/** Copies the first open overdue task of the demo COPIES times, with its present state. */
function addOverdueTasks(file: string): void {
  const sqlite = new SQLite(file);
  try {
    const task = sqlite
      .prepare(
        `SELECT id FROM task WHERE status IN ('not_started', 'in_progress') AND due_on < '2026-11-26'
         ORDER BY id LIMIT 1`,
      )
      .get() as { id: number };
    const columns = (sqlite.prepare("PRAGMA table_info(task)").all() as { name: string }[])
      .map((column) => column.name)
      .filter((name) => name !== "id" && name !== "clause");
    const stateColumns = (
      sqlite.prepare("PRAGMA table_info(task_state)").all() as { name: string }[]
    )
      .map((column) => column.name)
      .filter((name) => name !== "id" && name !== "task_id");
    const copyTask = sqlite.prepare(
      `INSERT INTO task (clause, ${columns.join(", ")})
       SELECT clause || '.' || ?, ${columns.join(", ")} FROM task WHERE id = ?`,
    );
    const copyState = sqlite.prepare(
      `INSERT INTO task_state (task_id, ${stateColumns.join(", ")})
       SELECT ?, ${stateColumns.join(", ")} FROM task_state WHERE task_id = ? AND valid_to IS NULL`,
    );
    sqlite.transaction(() => {
      for (let copy = 1; copy <= COPIES; copy++) {
        const { lastInsertRowid } = copyTask.run(copy, task.id);
        copyState.run(lastInsertRowid, task.id);
      }
    })();
  } finally {
    sqlite.close();
  }
}

/** Scrolls the box a row scrolls in to its bottom. */
async function scrollToBottom(row: Locator): Promise<void> {
  await row.evaluate((element) => {
    let box = element.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box?.scrollTo(0, box.scrollHeight);
  });
}

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

describe("the overdue list of 10,000 tasks", () => {
  let app: RunningApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), "dondoc-e2e-scale-"));
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps fewer than 1,500 DOM nodes, at the top and at the bottom of a page of 500, as a table and as cards", async () => {
    // The demo database, made by a first start, then grown.
    await (await startApp({ dir })).stop();
    addOverdueTasks(join(dir, "e2e.db"));
    app = await startApp({ dir });
    const browser = await launchBrowser();
    try {
      const page = await signedInPage(browser, app.url, "lanhdao.bct");
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${app.url}/overdue`);
      const status = page.getByRole("status").filter({ hasText: / nhiệm vụ quá hạn/ });
      await expect.poll(async () => (await status.textContent()) ?? "").toMatch(/^\d{2}\.\d{3} /);
      const total = Number(((await status.textContent()) ?? "").split(" ")[0]?.replaceAll(".", ""));
      expect(total).toBeGreaterThan(COPIES);
      const row = (index: number) => page.locator(`tr[data-index="${index}"]`);
      await row(0).waitFor();
      expect(await domNodes(page)).toBeLessThan(1_500);
      // To the bottom of the page's 500 rows: the last ones are drawn, the first ones gone.
      await scrollToBottom(row(0));
      await row(499).waitFor();
      expect(await row(0).count()).toBe(0);
      expect(await domNodes(page)).toBeLessThan(1_500);

      // On a phone the same page is cards, windowed too: the bottom reached, a card chosen (the
      // others kept), and its title opens the task in the app (plain links, route-links.ts).
      await page.setViewportSize(PHONE);
      await page.goto(`${app.url}/overdue`);
      const card = (index: number) => page.locator(`li[data-index="${index}"]`);
      await card(0).waitFor();
      expect(await domNodes(page)).toBeLessThan(1_500);
      await scrollToBottom(card(0));
      await card(499).waitFor();
      expect(await card(0).count()).toBe(0);
      expect(await domNodes(page)).toBeLessThan(1_500);
      await card(498).getByRole("checkbox").check();
      await card(499).getByRole("checkbox").check();
      await card(498).getByRole("checkbox").uncheck();
      await page.getByText("Đã chọn 1 nhiệm vụ").waitFor();
      await page.evaluate(() => {
        Object.assign(window, { sameDocument: true });
      });
      const title = card(499).getByRole("link");
      const name = (await title.textContent()) ?? "";
      await title.click();
      await page.getByRole("heading", { name, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/tasks\/\d+$/);
      expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
