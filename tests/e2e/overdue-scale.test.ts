/**
 * Issue 12's browser target: an overdue list of 10,000 rows keeps fewer than 1,500 DOM nodes (the
 * rows of a page are windowed, client/statistic/overdue-table.tsx), from the top of a page
 * (OVERDUE_PAGE_SIZE rows) to its bottom. The demo database gets 10,000 more overdue tasks
 * (copies of one, with their state rows, so that the kept counts give the total) before the app
 * starts on it. And with 100,000 of them, the statistics page's trend counts in six figures: its
 * axis is as wide as its labels (it was 48 px and cut "120.000" to ".20.000" at a million tasks).
 */
import SQLite from "better-sqlite3";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OVERDUE_PAGE_SIZE } from "../../shared/overdue-page.ts";
import {
  launchBrowser,
  markDocument,
  ownDataFolder,
  PHONE,
  type RunningApp,
  sameDocument,
  signedInPage,
} from "./support/app.ts";

const COPIES = 10_000;
/** Enough open overdue tasks for the trend's axis to count them in six figures. */
const NATIONAL_COPIES = 100_000;
/** The index of a page's last row. */
const LAST = OVERDUE_PAGE_SIZE - 1;

/** Copies the first open overdue task of the demo `copies` times, with its present state. */
function addOverdueTasks(file: string, copies: number): void {
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
      for (let copy = 1; copy <= copies; copy++) {
        const { lastInsertRowid } = copyTask.run(copy, task.id);
        copyState.run(lastInsertRowid, task.id);
      }
    })();
  } finally {
    sqlite.close();
  }
}

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

type Counted = { scrollWrites: number };

/**
 * Counts the page's writes of a box's scroll position: the windowed list must not scroll its new
 * box to where it already is as it mounts, which lays the page out in the middle of React's commit.
 */
async function countScrollWrites(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as Counted;
    counted.scrollWrites = 0;
    const scrollTo = Element.prototype.scrollTo;
    Element.prototype.scrollTo = function (this: Element, ...args: unknown[]) {
      counted.scrollWrites += 1;
      Reflect.apply(scrollTo, this, args);
    };
  });
}

/**
 * A full page drawn in a window, its items found by their index: fewer than 1,500 DOM nodes at
 * the top and, scrolled to the bottom of its box, the last item drawn and the first gone.
 */
async function expectWindowed(page: Page, item: (index: number) => Locator): Promise<void> {
  await item(0).waitFor();
  expect(await domNodes(page)).toBeLessThan(1_500);
  expect(await page.evaluate(() => (window as unknown as Counted).scrollWrites)).toBe(0);
  await item(0).evaluate((element) => {
    let box = element.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box?.scrollTo(0, box.scrollHeight);
  });
  await item(LAST).waitFor();
  expect(await item(0).count()).toBe(0);
  expect(await domNodes(page)).toBeLessThan(1_500);
}

/**
 * The app on its own demo database grown by `copies` overdue tasks, and a browser, started before
 * the tests of the describe it is called in (the browser closed after them; ownDataFolder stops
 * the app); the function gives them to the tests.
 */
function appWithOverdueTasks(
  prefix: string,
  copies: number,
): () => { app: RunningApp; browser: Browser } {
  const data = ownDataFolder(prefix);
  let running: { app: RunningApp; browser: Browser } | undefined;
  beforeAll(async () => {
    // The demo database, made by a first start, then grown.
    await (await data.start()).stop();
    addOverdueTasks(data.file, copies);
    running = { app: await data.start(), browser: await launchBrowser() };
  });
  afterAll(async () => {
    await running?.browser.close();
  });
  return () => {
    if (!running) throw new Error("the app has not started");
    return running;
  };
}

describe("the overdue list of 10,000 tasks", () => {
  const started = appWithOverdueTasks("dondoc-e2e-scale-", COPIES);

  it("keeps fewer than 1,500 DOM nodes, at the top and at the bottom of a page, as a table and as cards", async () => {
    const { app, browser } = started();
    const page = await signedInPage(browser, app.url, "lanhdao.bct");
    await countScrollWrites(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/overdue`);
    const status = page.getByRole("status").filter({ hasText: / nhiệm vụ quá hạn/ });
    await expect.poll(async () => (await status.textContent()) ?? "").toMatch(/^\d{2}\.\d{3} /);
    const total = Number(((await status.textContent()) ?? "").split(" ")[0]?.replaceAll(".", ""));
    expect(total).toBeGreaterThan(COPIES);
    // To the bottom of the page's rows: the last ones are drawn, the first ones gone.
    await expectWindowed(page, (index) => page.locator(`tr[data-index="${index}"]`));

    // On a phone the same page is cards, windowed too: the bottom reached, a card chosen (the
    // others kept), and its title opens the task in the app (plain links, route-links.ts).
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/overdue`);
    const card = (index: number) => page.locator(`li[data-index="${index}"]`);
    await expectWindowed(page, card);
    await card(LAST - 1)
      .getByRole("checkbox")
      .check();
    await card(LAST).getByRole("checkbox").check();
    await card(LAST - 1)
      .getByRole("checkbox")
      .uncheck();
    await page.getByText("Đã chọn 1 nhiệm vụ").waitFor();
    await markDocument(page);
    const title = card(LAST).getByRole("link");
    const name = (await title.textContent()) ?? "";
    await title.click();
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/tasks\/\d+$/);
    expect(await sameDocument(page)).toBe(true);
  });
});

describe("the trend at a national scale", () => {
  const started = appWithOverdueTasks("dondoc-e2e-national-", NATIONAL_COPIES);

  it("draws the trend's counts whole on a phone: each label of its axis inside the chart", async () => {
    const { app, browser } = started();
    const page = await signedInPage(browser, app.url, "lanhdao.bct");
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/statistics`);
    const figure = page.getByRole("figure", { name: /Biểu đồ số nhiệm vụ quá hạn/ });
    await figure.scrollIntoViewIfNeeded();
    // The left axis counts the open overdue tasks: six figures here.
    const labels = figure.locator(".recharts-yAxis-tick-labels").first().locator("text");
    await expect
      .poll(() => labels.allTextContents())
      .toContainEqual(expect.stringMatching(/^\d{3}\.\d{3}$/));
    const chart = await figure.locator(".recharts-wrapper > svg").boundingBox();
    if (!chart) throw new Error("the trend is not drawn");
    for (const label of await labels.all()) {
      const box = await label.boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(chart.x);
    }
  });
});
