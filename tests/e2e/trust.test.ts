import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appForThisFile,
  codeFor,
  DEMO_PASSWORD,
  expectAccessible,
  signedInPage,
  startApp,
} from "./support/app.ts";

/**
 * Issue 11 in Chromium: the page over plain HTTP at an intranet host name, a same-site form that
 * tries to sign a user out, the administrator's second factor, the account and audit pages.
 */
const HOST = "dondoc.intranet";
const EVIL = "tin-tuc.dondoc.intranet";

const run = appForThisFile({
  browserArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP ${EVIL} 127.0.0.1`],
});
/** The app's port, to reach it by the intranet host name. */
const port = () => new URL(run.app.url).port;

function portOf(address: string | AddressInfo | null): number {
  if (address === null || typeof address === "string") throw new Error("not on TCP");
  return address.port;
}

async function newPage(): Promise<Page> {
  const context = await run.browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  return context.newPage();
}

describe("over plain HTTP at an intranet host name", () => {
  it("shows the page and signs in: nothing is upgraded to https", async () => {
    const page = await newPage();
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));

    await page.goto(`http://${HOST}:${port()}/login`);
    // The password's toggle says what it does, in the page's language (Mantine's is English).
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    expect(await page.getByRole("button", { name: "Hiện mật khẩu" }).count()).toBe(1);
    await page.getByLabel("Tên đăng nhập").fill("canbo.bct");
    await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
    expect(failed).toEqual([]);
    expect(page.url()).toMatch(new RegExp(`^http://${HOST.replace(".", "\\.")}:${port()}/`));
    // Demo mode says so on every page.
    await expect(page.getByText("Dữ liệu minh họa.").isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("serves no source maps", async () => {
    const html = await (await fetch(`${run.app.url}/login`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const map = await fetch(`${run.app.url}${script}.map`);

    expect(map.status).toBe(404);
    expect(map.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("a form on another site of the same intranet", () => {
  let evil: Server;
  let evilPort = 0;

  beforeAll(async () => {
    // A page of another host of the same site posts forms to the app, as a browser would.
    const target = `http://${HOST}:${port()}/trpc/auth.logout`;
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
    await page.goto(`http://${HOST}:${port()}/login`);
    await page.getByLabel("Tên đăng nhập").fill("lanhdao.bct");
    await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
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

    await page.goto(`http://${HOST}:${port()}/`);
    await page.getByRole("button", { name: /^Tài khoản / }).waitFor();
    await page.context().close();
  });
});

describe("the administrator's second factor", () => {
  let secret = "";
  let recoveryCodes: string[] = [];
  const NEW_ADMIN_PASSWORD = "ba con mèo trèo cây cau";

  /** Fills the sign-in form and submits it. */
  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${run.app.url}/login`);
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  }

  /** On the users page, creates an account and returns its one-time password. */
  async function createAccount(
    admin: Page,
    account: { username: string; fullName: string; agency: string; role: string },
  ): Promise<string> {
    await admin.goto(`${run.app.url}/admin/users`);
    await admin.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();
    await admin.getByLabel("Tên đăng nhập").fill(account.username);
    await admin.getByLabel("Họ và tên").fill(account.fullName);
    const agency = admin.getByRole("combobox", { name: "Cơ quan" }).first();
    await agency.click();
    await agency.fill(account.agency);
    await admin
      .getByRole("option", { name: new RegExp(account.agency) })
      .first()
      .click();
    // The form's role (the search beside it has a role filter too).
    await admin.getByRole("combobox", { name: "Vai trò", exact: true }).last().click();
    await admin.getByRole("option", { name: account.role, exact: true }).click();
    await admin.getByRole("button", { name: "Tạo người dùng" }).click();
    await admin.getByText(`Mật khẩu dùng một lần của “${account.username}”`).waitFor();
    const password = (await admin.locator("code").first().textContent()) ?? "";
    expect(password).toHaveLength(16);
    return password;
  }

  it("is required at a new administrator's first sign-in: set up with a QR code, then the inbox", async () => {
    // The demo administrator signs in with the code of the published demo secret.
    const admin = await signedInPage(run.browser, run.app.url, "quantri");
    const password = await createAccount(admin, {
      username: "quantri.moi",
      fullName: "Đỗ Văn Nam",
      agency: "Văn phòng Chính phủ",
      role: "Quản trị",
    });

    const page = await newPage();
    await signIn(page, "quantri.moi", password);
    await page.getByRole("heading", { name: "Đổi mật khẩu dùng một lần", level: 1 }).waitFor();
    await page.getByLabel("Mật khẩu hiện tại").fill(password);
    await page.getByLabel("Mật khẩu mới").fill(NEW_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();

    await page.getByRole("heading", { name: "Bật xác thực hai lớp", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Bắt đầu thiết lập" }).click();
    await page.getByRole("img", { name: /Mã QR/ }).waitFor();
    secret = (await page.locator("code").first().textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, "second factor set-up");
    await page.getByLabel("Mã xác thực").fill(await codeFor(run.app.url, secret));
    await page.getByRole("button", { name: "Xác nhận và bật" }).click();

    const codes = page.getByRole("list", { name: "Mã khôi phục" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    recoveryCodes = await codes.allTextContents();
    await page.getByRole("button", { name: "Tôi đã lưu các mã" }).click();
    await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
    for (const each of [admin, page]) await each.context().close();
  });

  it("asks for the code after the password, and takes a recovery code once", async () => {
    for (const code of [await codeFor(run.app.url, secret, 1), recoveryCodes[0] ?? ""]) {
      const page = await newPage();
      await signIn(page, "quantri.moi", NEW_ADMIN_PASSWORD);
      await page.getByLabel("Mã xác thực").fill(code);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
      await page.context().close();
    }
    // The recovery code is spent.
    const page = await newPage();
    await signIn(page, "quantri.moi", NEW_ADMIN_PASSWORD);
    await page.getByLabel("Mã xác thực").fill(recoveryCodes[0] ?? "");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText(/Mã xác thực không đúng/).waitFor();
    await page.context().close();
  });

  it("creates an account whose one-time password must be changed at its first sign-in", async () => {
    const admin = await newPage();
    await signIn(admin, "quantri.moi", NEW_ADMIN_PASSWORD);
    // The next time step's code is used already: a recovery code, each good once.
    await admin.getByLabel("Mã xác thực").fill(recoveryCodes[1] ?? "");
    await admin.getByRole("button", { name: "Đăng nhập" }).click();
    await admin.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
    const password = await createAccount(admin, {
      username: "canbo.moi",
      fullName: "Vũ Thị Mai",
      agency: "Bộ Công Thương",
      role: "Chuyên viên",
    });
    await expectAccessible(admin, "users page");

    const user = await newPage();
    await signIn(user, "canbo.moi", password);
    await user.getByRole("heading", { name: "Đổi mật khẩu dùng một lần", level: 1 }).waitFor();
    await user.getByLabel("Mật khẩu hiện tại").fill(password);
    await user.getByLabel("Mật khẩu mới").fill("12345678");
    await user.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await user.getByText("Cần ít nhất 12 ký tự.").waitFor();
    await user.getByLabel("Mật khẩu mới").fill("ba con mèo trèo cây cau");
    await user.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await user.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();

    // The leader of BCT reads, in the audit log, that the administrator created the account.
    const leader = await signedInPage(run.browser, run.app.url, "lanhdao.bct");
    await leader.getByRole("link", { name: "Nhật ký" }).first().click();
    await leader.getByRole("heading", { name: "Nhật ký hệ thống", level: 1 }).waitFor();
    const row = leader
      .getByRole("row")
      .filter({ hasText: "Tạo mới" })
      .filter({ hasText: "quantri.moi" });
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
