import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  expectAccessible,
  launchBrowser,
  type RunningApp,
  signedInPage,
  startApp,
} from "./support/app.ts";

/**
 * Issue 11 in Chromium: the page over plain HTTP at an intranet host name, a same-site form that
 * tries to sign a user out, the administrator's second factor, the account and audit pages.
 */
let app: RunningApp;
let browser: Browser;
let port = "";

const HOST = "dondoc.intranet";
const EVIL = "tin-tuc.dondoc.intranet";

beforeAll(async () => {
  app = await startApp();
  port = new URL(app.url).port;
  browser = await launchBrowser([
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP ${EVIL} 127.0.0.1`,
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The server's instant (its clock starts at E2E_NOW and runs on), from the health check. */
async function serverNow(): Promise<Date> {
  const response = await fetch(`${app.url}/healthz`);
  const { time }: { time: string } = await response.json();
  return new Date(time);
}

/** The TOTP code of `secret` `stepsAhead` time steps after the server's now. */
async function codeFor(secret: string, stepsAhead = 0): Promise<string> {
  const epoch = Math.floor((await serverNow()).getTime() / 1000) + stepsAhead * 30;
  return generate({ secret, epoch });
}

function portOf(address: string | AddressInfo | null): number {
  if (address === null || typeof address === "string") throw new Error("not on TCP");
  return address.port;
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  return context.newPage();
}

describe("over plain HTTP at an intranet host name", () => {
  it("shows the page and signs in: nothing is upgraded to https", async () => {
    const page = await newPage();
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));

    await page.goto(`http://${HOST}:${port}/login`);
    await page.getByLabel("Tên đăng nhập").fill("canbo.bct");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    await page.getByRole("heading", { name: "Nhiệm vụ của tôi", level: 1 }).waitFor();
    expect(failed).toEqual([]);
    expect(page.url()).toMatch(new RegExp(`^http://${HOST.replace(".", "\\.")}:${port}/`));
    // Demo mode says so on every page.
    await expect(page.getByText("Dữ liệu minh họa.").isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("serves no source maps", async () => {
    const html = await (await fetch(`${app.url}/login`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const map = await fetch(`${app.url}${script}.map`);

    expect(map.status).toBe(404);
    expect(map.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("a form on another site of the same intranet", () => {
  let evil: Server;
  let evilPort = 0;

  beforeAll(async () => {
    // A page of another host of the same site posts forms to the app, as a browser would.
    const target = `http://${HOST}:${port}/trpc/auth.logout`;
    evil = createServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!doctype html><title>Tin tức</title>
        <form id="multipart" method="post" action="${target}" enctype="multipart/form-data">
          <input name="x" value="1"><button>Gửi</button></form>
        <form id="plain" method="post" action="${target}" enctype="text/plain">
          <input name='{"a":"' value='"}'><button>Gửi</button></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    evilPort = portOf(evil.address());
  });

  afterAll(async () => {
    await new Promise((resolve) => evil.close(resolve));
  });

  it("cannot sign the user out, with any encoding", async () => {
    const page = await newPage();
    await page.goto(`http://${HOST}:${port}/login`);
    await page.getByLabel("Tên đăng nhập").fill("lanhdao.bct");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: /^Tài khoản / }).waitFor();

    for (const form of ["multipart", "plain"]) {
      await page.goto(`http://${EVIL}:${evilPort}/`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/trpc/auth.logout")),
        page.locator(`#${form} button`).click(),
      ]);
      expect(response.status(), form).toBe(403);
    }

    await page.goto(`http://${HOST}:${port}/`);
    await page.getByRole("button", { name: /^Tài khoản / }).waitFor();
    await page.context().close();
  });
});

describe("the administrator's second factor", () => {
  let secret = "";
  let recoveryCodes: string[] = [];

  it("is required at the first sign-in: set up with a QR code, then the users page", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Tên đăng nhập").fill("quantri");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    await page.getByRole("heading", { name: "Bật xác thực hai lớp", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Bắt đầu thiết lập" }).click();
    await page.getByRole("img", { name: /Mã QR/ }).waitFor();
    secret = (await page.locator("code").first().textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, "second factor set-up");
    await page.getByLabel("Mã xác thực").fill(await codeFor(secret));
    await page.getByRole("button", { name: "Xác nhận và bật" }).click();

    const codes = page.getByRole("list", { name: "Mã khôi phục" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    recoveryCodes = await codes.allTextContents();
    await page.getByRole("button", { name: "Tôi đã lưu các mã" }).click();
    await page.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();
    await page.context().close();
  });

  it("asks for the code after the password, and takes a recovery code once", async () => {
    for (const code of [await codeFor(secret, 1), recoveryCodes[0] ?? ""]) {
      const page = await newPage();
      await page.goto(`${app.url}/login`);
      await page.getByLabel("Tên đăng nhập").fill("quantri");
      await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByLabel("Mã xác thực").fill(code);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();
      await page.context().close();
    }
  });

  it("creates an account whose one-time password must be changed at its first sign-in", async () => {
    const admin = await newPage();
    await admin.goto(`${app.url}/login`);
    await admin.getByLabel("Tên đăng nhập").fill("quantri");
    await admin.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await admin.getByRole("button", { name: "Đăng nhập" }).click();
    // The next time step's code is used already: a recovery code, each good once.
    await admin.getByLabel("Mã xác thực").fill(recoveryCodes[1] ?? "");
    await admin.getByRole("button", { name: "Đăng nhập" }).click();
    await admin.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();

    await admin.getByLabel("Tên đăng nhập").fill("canbo.moi");
    await admin.getByLabel("Họ và tên").fill("Vũ Thị Mai");
    const agency = admin.getByRole("combobox", { name: "Cơ quan" }).first();
    await agency.click();
    await agency.fill("Bộ Công Thương");
    await admin
      .getByRole("option", { name: /Bộ Công Thương/ })
      .first()
      .click();
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await admin.getByText("Mật khẩu dùng một lần của “canbo.moi”").waitFor();
    const password = (await admin.locator("code").first().textContent()) ?? "";
    expect(password).toHaveLength(16);
    await expectAccessible(admin, "users page");

    const user = await newPage();
    await user.goto(`${app.url}/login`);
    await user.getByLabel("Tên đăng nhập").fill("canbo.moi");
    await user.getByLabel("Mật khẩu").fill(password);
    await user.getByRole("button", { name: "Đăng nhập" }).click();
    await user.getByRole("heading", { name: "Đổi mật khẩu dùng một lần", level: 1 }).waitFor();
    await user.getByLabel("Mật khẩu hiện tại").fill(password);
    await user.getByLabel("Mật khẩu mới").fill("12345678");
    await user.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await user.getByText("Cần ít nhất 12 ký tự.").waitFor();
    await user.getByLabel("Mật khẩu mới").fill("ba con mèo trèo cây cau");
    await user.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await user.getByRole("heading", { name: "Nhiệm vụ của tôi", level: 1 }).waitFor();

    // The leader of BCT reads, in the audit log, that the administrator created the account.
    const leader = await signedInPage(browser, app.url, "lanhdao.bct");
    await leader.getByRole("link", { name: "Nhật ký" }).first().click();
    await leader.getByRole("heading", { name: "Nhật ký hệ thống", level: 1 }).waitFor();
    const row = leader
      .getByRole("row")
      .filter({ hasText: "Tạo mới" })
      .filter({ hasText: "quantri" });
    await row.first().waitFor();
    await expectAccessible(leader, "audit page");
    for (const page of [admin, user, leader]) await page.context().close();
  });
});

describe("demo data only in demo mode", () => {
  it("creates no demo accounts on a non-loopback address without DONDOC_DEMO=1", async () => {
    const server = await startApp({ env: { HOST: "0.0.0.0" } });
    try {
      const login = await fetch(`${server.url}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "canbo.bct", password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(401);
      const mode = await fetch(`${server.url}/trpc/auth.mode`);
      expect(await mode.json()).toMatchObject({ result: { data: { demo: false } } });
    } finally {
      await server.stop();
    }
  });

  it("refuses to start on a non-loopback address with the demo accounts in its database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dondoc-e2e-demo-"));
    try {
      await (await startApp({ dir })).stop();
      await expect(startApp({ env: { HOST: "0.0.0.0" }, dir })).rejects.toThrow(/exited with 1/);
      const onPurpose = await startApp({ env: { HOST: "0.0.0.0", DONDOC_DEMO: "1" }, dir });
      await onPurpose.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
