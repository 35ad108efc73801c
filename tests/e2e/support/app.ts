import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { generate } from "otplib";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_SECOND_FACTOR_SECRET } from "../../../server/demo.ts";

const ROOT = new URL("../../../", import.meta.url);
/** The end-to-end run's "now": 26/11/2026 10:00 in Hà Nội; the clock runs on from there. */
export const E2E_NOW = "2026-11-26T03:00:00.000Z";
export const DEMO_PASSWORD = "dondoc-demo";

export type RunningApp = { url: string; stop(): Promise<void> };

/**
 * Starts the built app (dist/server/main.js serving dist/client) on a random port with its own new
 * database, seeded with the demo data, and the clock set to E2E_NOW. `env` adds to or overrides
 * its environment (HOST, DONDOC_DEMO…); `dir` reuses a data folder (it is then not removed).
 */
export async function startApp(
  options: { env?: Record<string, string>; dir?: string } = {},
): Promise<RunningApp & { dir: string; exited: Promise<number | null>; output(): string }> {
  for (const built of ["dist/client/index.html", "dist/server/main.js"]) {
    if (!existsSync(new URL(built, ROOT))) {
      throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
    }
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "dondoc-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["dist/server/main.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DONDOC_DB: join(dir, "e2e.db"),
      DONDOC_NOW: E2E_NOW,
      DONDOC_LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dir,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A data folder of the file's own, for tests that make or grow the database before the app starts
 * on it: write `file` (the app's database), then `start()` the app on it, as often as needed.
 * After the file's tests every app started is stopped and the folder removed.
 */
export function ownDataFolder(prefix: string): { file: string; start(): Promise<RunningApp> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const started: RunningApp[] = [];
  afterAll(async () => {
    for (const app of started) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    file: join(dir, "e2e.db"),
    async start() {
      const app = await startApp({ dir });
      started.push(app);
      return app;
    },
  };
}

/**
 * The built app and a browser (with `browserArgs`) for the tests of one file: started before
 * them, stopped after.
 * Call at the top of the file; read `app` and `browser` inside the tests.
 */
export function appForThisFile(options: { browserArgs?: readonly string[] } = {}): {
  readonly app: RunningApp;
  readonly browser: Browser;
} {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser(options.browserArgs);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      if (!app) throw new Error("the app is not started yet");
      return app;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not launched yet");
      return browser;
    },
  };
}

/**
 * Marks the page's document; `sameDocument` then tells whether what came since (a click on a
 * link) was the app's router changing the view, not the browser loading a page again.
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.assign(window, { dondocMarked: true });
  });
}

export function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => "dondocMarked" in window);
}

/** Debian's Chromium; `args` adds switches (host resolver rules…). */
export function launchBrowser(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.DONDOC_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--disable-gpu",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      ...args,
    ],
  });
}

/**
 * A fresh browser context (its own cookies) signed in as the user. The browser's clock starts at
 * E2E_NOW, as the server's does, and runs on (`browserNow` sets another start, to show that the
 * pages take "today" from the server).
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  username: string,
  options: { browserNow?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  await context.clock.install({ time: options.browserNow ?? E2E_NOW });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  if (username === "quantri") {
    // The demo administrator's second factor, as `npm run demo:code` gives it.
    await page.getByLabel("Mã xác thực").fill(await demoAdminCode(url));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByRole("button", { name: /^Tài khoản / }).waitFor();
  return page;
}

/** The server's instant (its clock starts at E2E_NOW and runs on), from the health check. */
export async function serverNow(url: string): Promise<Date> {
  const response = await fetch(`${url}/healthz`);
  const { time }: { time: string } = await response.json();
  return new Date(time);
}

/** The TOTP code of `secret` `stepsAhead` time steps after the server's now. */
export async function codeFor(url: string, secret: string, stepsAhead = 0): Promise<string> {
  const epoch = Math.floor((await serverNow(url)).getTime() / 1000) + stepsAhead * 30;
  return generate({ secret, epoch });
}

/** The demo administrator's code now (its secret is published in server/demo.ts). */
export function demoAdminCode(url: string): Promise<string> {
  return codeFor(url, DEMO_SECOND_FACTOR_SECRET);
}

/** axe-core on the page as it is: no serious or critical WCAG 2 A/AA violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(serious, `accessibility of ${label}`).toEqual([]);
}

/** No horizontal scroll of the page itself (wide tables may scroll inside their own box). */
export async function expectFitsWidth(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: page width at ${innerWidth} px`).toBeLessThanOrEqual(innerWidth);
}

/** The phone the issue was tried on, narrowed to the smallest one we support. */
export const PHONE = { width: 360, height: 740 } as const;

/** How many things the inbox says are left to do ("15 việc cần xử lý"; 0 when none). */
export async function inboxCount(page: Page): Promise<number> {
  const status = page.getByRole("status").filter({ hasText: /việc cần xử lý|Không còn việc/ });
  await status.waitFor();
  const text = (await status.textContent()) ?? "";
  const match = /^(\d+) việc cần xử lý/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** Opens the inbox from the menu, as a user goes back to it. */
export async function openInbox(page: Page): Promise<void> {
  await page
    .getByRole("link", { name: /^Việc cần làm/ })
    .first()
    .click();
  await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
}
