import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OVERDUE_PAGE_SIZE } from "../../shared/overdue-page.ts";
import {
  appForThisFile,
  DEMO_PASSWORD,
  expectAccessible,
  expectFitsWidth,
  PHONE,
  signedInPage,
} from "./support/app.ts";

/** The JavaScript the first page may preload, in gzip bytes (issue 13). */
const FIRST_PAGE_BUDGET = 200 * 1024;
const DIST = new URL("../../dist/client/", import.meta.url);
const MANTINE = new URL("../../node_modules/@mantine/", import.meta.url);
const YEAR_IMMUTABLE = "public, max-age=31536000, immutable";
/** V8's explicit compile hint (vite.config.ts, compileHints): counts only as a file's first line. */
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** A GET that keeps the body as sent (Node's fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** Lạng Sơn's province in the seeded agencies (db/seed). */
const LANG_SON = 63;

/** The app's scripts, as the built page loads them. */
const APP_SCRIPTS = /\/assets\/[\w-]+\.js$/;

/**
 * Holds back the page's requests for `files`, as a slow link would, until the function it gives
 * is called (routing also bypasses the browser's cache).
 */
async function holdBack(page: Page, files: RegExp): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(files, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Where the first script comes among the addresses `recordApiAndScripts` recorded. */
function firstScript(requested: readonly string[]): number {
  return requested.findIndex((path) => path.endsWith(".js"));
}

/**
 * The API's and the scripts' addresses a page asks for, in order (path and query), from the next
 * page it opens: the page it shows is left first (signedInPage's inbox may still be asking for
 * its data).
 */
async function recordApiAndScripts(page: Page): Promise<string[]> {
  await page.goto("about:blank");
  const requested: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/trpc/") || url.pathname.endsWith(".js")) {
      requested.push(`${url.pathname}${url.search}`);
    }
  });
  return requested;
}

/**
 * The app's scripts a page fetches (paths under the site's root), and `settled`: waits until the
 * page is quiet past the moment a form slot mounts its form (client/ui/form-slot.tsx: browser
 * idle), then gives the brotli bytes of those scripts.
 */
function recordScripts(page: Page): { fetched: string[]; settled: () => Promise<number> } {
  const fetched: string[] = [];
  page.on("requestfinished", (request) => {
    const path = new URL(request.url()).pathname;
    if (APP_SCRIPTS.test(path)) fetched.push(path.slice(1));
  });
  const settled = async () => {
    await page.waitForLoadState("networkidle");
    await page.evaluate(
      () => new Promise((done) => requestIdleCallback(() => setTimeout(done, 300))),
    );
    await page.waitForLoadState("networkidle");
    return fetched.reduce((sum, file) => {
      const brotli = new URL(`${file}.br`, DIST);
      return sum + statSync(existsSync(brotli) ? brotli : new URL(file, DIST)).size;
    }, 0);
  };
  return { fetched, settled };
}

/** Closes what a test opened in the file's shared browser (appForThisFile). */
async function closeContexts(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close()));
}

/** The session cookie ("name=value") of a demo account, signed in over HTTP. */
async function sessionCookie(url: string, username: string): Promise<string> {
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  expect(cookie, username).toMatch(/^dondoc_session=./);
  return cookie;
}

/** The heading the server wrote into a page: its language, title and introduction, or null. */
function paintedHeading(html: string) {
  const heading =
    /<div class="boot-page"><h1 class="boot-title">([^<]*)<\/h1><p class="boot-intro">([^<]*)<\/p>(?:<\/div>|<div class="boot-overdue">)/.exec(
      html,
    );
  if (!heading) return null;
  return { lang: /<html lang="(\w+)">/.exec(html)?.[1], title: heading[1], intro: heading[2] };
}

/** HTML text as read (escapeHtml's four entities). */
function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&gt;", ">")
    .replaceAll("&lt;", "<")
    .replaceAll("&amp;", "&");
}

/** The overdue list's top the server wrote under the heading (server/overdue-top.ts), or null. */
function paintedOverdueTop(html: string) {
  const top = /<div class="boot-overdue">(.*?)<\/div><\/div><\/div><\/div>/.exec(html)?.[1];
  if (top === undefined) return null;
  return {
    rules: top.includes('href="/urging-rules"'),
    count: unescapeHtml(/<p class="boot-count">([^<]*)<\/p>/.exec(top)?.[1] ?? ""),
    cards: [...top.matchAll(/<li class="boot-card-item">.*?<a href="([^"]*)">([^<]*)<\/a>/g)].map(
      ([, href, title]) => `${href} ${unescapeHtml(title ?? "")}`,
    ),
  };
}

/**
 * The parts of the overdue list's top on the screen, with their boxes and colours: those the
 * server painted (`.boot-*`) before the app has run, the app's own after.
 */
function overdueTopBoxes(page: Page, painted: boolean) {
  const parts = painted
    ? [
        ".boot-title, .boot-intro, .boot-overdue-actions > *, .boot-filters, .boot-count",
        ".boot-overdue-count > p + p, .boot-urge-bar, .boot-urge-bar > span",
        ".boot-select-all > span:last-child, .boot-card, .boot-card-title > a",
        ".boot-card-badges > *, .boot-card > p, .boot-report > *",
      ]
    : [
        "main h1, main [class*=_intro_], main [class*=_actions_] :is(a, button)",
        "main search button, main [role=status], main [role=status] + p",
        "main [class*=_bar_], main [class*=_bar_] :is(p, button), main .mantine-Checkbox-label",
        "main ul > li > div, main ul > li a, main ul > li .mantine-Badge-root",
        "main ul > li [class*=_card_] > p, main ul > li [class*=_report_] > *",
      ];
  return page.evaluate((selector) => {
    return [...document.querySelectorAll(selector)].map((element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return {
        text: element.textContent ?? "",
        box: [box.x, box.y, box.width, box.height],
        colors: `${style.color} on ${style.backgroundColor}`,
      };
    });
  }, parts.join(", "));
}

/** What a test reads of a task from the API, to compare with the top the server painted. */
type PaintedTaskFacts = {
  title: string;
  clause: string;
  daysOverdue: number;
  directive: { id: number; number: string };
  parent: { id: number; title: string } | null;
};

/**
 * The top of a task's page the server wrote (server/page-heading.ts): its crumbs ("href text",
 * "(here) text" for the page itself), badges ("colour text"), title and buttons, or null.
 */
function paintedTaskTop(html: string) {
  const top =
    /<div class="boot-page boot-task">(.*?)<\/h1><div class="boot-actions">(.*?)<\/div>/.exec(html);
  if (!top) return null;
  const [, head = "", actions = ""] = top;
  const nav = /<nav [^>]*>(.*?)<\/nav>/.exec(head)?.[1] ?? "";
  const crumbs = [
    ...nav.matchAll(
      /<a href="([^"]*)"[^>]*>([^<]*)<\/a>|<span aria-current="page"[^>]*>([^<]*)<\/span>/g,
    ),
  ].map(([, href, text, here]) => (href ? `${href} ${text}` : `(here) ${here}`));
  const badges = [
    ...head.matchAll(/<span class="boot-badge" data-color="(\w+)">([^<]*)<\/span>/g),
  ].map(([, color, text]) => `${color} ${text}`);
  const buttons = [...actions.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map(
    ([, href, text]) => `${(href ?? "").replaceAll("&amp;", "&")} ${text}`,
  );
  const title = /<h1 class="boot-task-title">(.*)$/.exec(head)?.[1];
  return { crumbs, badges, title, buttons };
}

/**
 * Where the top of a task's page is drawn, in order: crumbs, badges, title, buttons (the server's
 * or the app's), with the colours each is drawn in.
 */
function taskTopBoxes(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById("root");
    if (!root) throw new Error("no #root");
    const parts = [
      ...root.querySelectorAll("nav[aria-label='Vị trí trang'] :is(a, [aria-current])"),
      ...root.querySelectorAll(
        ":is(.boot-badges, .mantine-Stack-root > .mantine-Group-root:first-child) > *",
      ),
      ...root.querySelectorAll("h1"),
      ...root.querySelectorAll(":is(.boot-actions, h1 + .mantine-Group-root) > a"),
    ];
    return parts.map((element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return {
        text: element.textContent ?? "",
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        colors: `${style.color} on ${style.backgroundColor}`,
      };
    });
  });
}

function distFile(path: string): Buffer {
  return readFileSync(new URL(path, DIST));
}

/** What the build says each route loads (scripts/route-preloads.ts). */
function routePreloads(): { path: string; scripts: string[]; styles: string[] }[] {
  return JSON.parse(distFile("route-preloads.json").toString());
}

/** The scripts index.html loads at once: the entry and every modulepreload. */
function firstPageScripts(): string[] {
  const html = distFile("index.html").toString();
  const entry = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+)"/g)];
  return [...entry, ...preloads].map((match) => match[1] ?? "");
}

describe("the built app on a slow link", () => {
  const run = appForThisFile();

  it("sends a hashed script as brotli, gzip or plain as the browser accepts, cached for a year", async () => {
    const [script] = firstPageScripts();
    expect(script).toMatch(/^assets\/index-[\w-]+\.js$/);
    const original = distFile(script ?? "");

    const brotli = await get(`${run.app.url}/${script}`, {
      "accept-encoding": "gzip, deflate, br",
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(brotli.body.length).toBeLessThan(original.length);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);
    // Only the headers that bear on a script: the page's policies come with the page, and a file
    // cached for good needs no validators.
    expect(brotli.headers["x-content-type-options"]).toBe("nosniff");
    expect(brotli.headers["cross-origin-resource-policy"]).toBe("same-origin");
    for (const name of ["content-security-policy", "x-frame-options", "etag", "last-modified"]) {
      expect(brotli.headers[name], name).toBeUndefined();
    }

    const gzip = await get(`${run.app.url}/${script}`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await get(`${run.app.url}/${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(plain.body.equals(original)).toBe(true);
  });

  it("has every script compiled as it downloads: the hint is its first line, in every encoding sent", async () => {
    const scripts = readdirSync(new URL("assets/", DIST)).filter((file) => file.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(10);
    for (const file of scripts) {
      const url = `${run.app.url}/assets/${file}`;
      const brotli = await get(url, { "accept-encoding": "br" });
      const gzip = await get(url, { "accept-encoding": "gzip" });
      const plain = await get(url);
      const sent = {
        br: brotliDecompressSync(brotli.body).toString(),
        gzip: gunzipSync(gzip.body).toString(),
        none: plain.body.toString(),
      };
      for (const [encoding, text] of Object.entries(sent)) {
        expect(text.startsWith(COMPILE_HINT), `${file} (${encoding})`).toBe(true);
      }
      // The hint's line has no source: the source map starts one line further down.
      if (existsSync(new URL(`assets/${file}.map`, DIST))) {
        const map: { mappings: string } = JSON.parse(distFile(`assets/${file}.map`).toString());
        expect(map.mappings.startsWith(";"), file).toBe(true);
      }
    }
  });

  it("sends the page compressed and has browsers check it again on every visit", async () => {
    const page = distFile("index.html").toString();
    for (const path of ["/", "/overdue", "/tasks/1", "/no-such-page"]) {
      const answer = await get(`${run.app.url}${path}`, { "accept-encoding": "br, gzip" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["cache-control"], path).toBe("no-cache");
      expect(answer.headers["content-encoding"], path).toBe("br");
      expect(answer.headers.vary, path).toMatch(/accept-encoding/i);
      expect(answer.headers["content-type"], path).toMatch(/^text\/html/);
      expect(answer.headers["content-security-policy"], path).toContain("script-src 'self'");
      expect(answer.headers["x-frame-options"], path).toBe("SAMEORIGIN");
      // index.html, with at most the page's own code announced before </head>.
      const sent = brotliDecompressSync(answer.body).toString();
      const [before, after] = page.split("</head>");
      expect(sent.startsWith(before ?? "-"), path).toBe(true);
      expect(sent.endsWith(`</head>${after}`), path).toBe(true);
    }
    const gzip = await get(`${run.app.url}/overdue`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    const plain = await get(`${run.app.url}/overdue`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    // A repeat visit costs a 304 without a body when the page has not changed.
    for (const path of ["/", "/no-such-page"]) {
      const first = await get(`${run.app.url}${path}`, { "accept-encoding": "br" });
      const etag = first.headers.etag;
      expect(etag, path).toBeTruthy();
      const again = await get(`${run.app.url}${path}`, {
        "accept-encoding": "br",
        "if-none-match": etag ?? "",
      });
      expect(again.status, path).toBe(304);
      expect(again.body.length, path).toBe(0);
    }
  });

  it("announces the code of the page asked for, so that it loads with the app's scripts", async () => {
    const routes = routePreloads();
    const announced = async (path: string) => {
      const sent = (await get(`${run.app.url}${path}`)).body.toString();
      return [...sent.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)]
        .map((match) => match[1] ?? "")
        .filter((href) => !firstPageScripts().includes(href.slice(1)));
    };
    const chunk = (path: string, name: string) => {
      const scripts = routes.find((route) => route.path === path)?.scripts ?? [];
      const page = scripts.find((script) => script.startsWith(`/assets/${name}-`));
      expect(page, `${path} → ${name}`).toBeDefined();
      return scripts;
    };
    expect(await announced("/")).toEqual(chunk("/", "inbox-page"));
    expect(await announced("/overdue")).toEqual(chunk("/overdue", "overdue-page"));
    expect(await announced("/statistics")).toEqual(chunk("/statistics", "statistic-page"));
    expect(await announced("/tasks/12")).toEqual(chunk("/tasks/:id", "task-detail-page"));
    // A fixed segment wins over a parameter, as in the browser's router.
    expect(await announced("/directives/new")).toEqual(
      chunk("/directives/new", "directive-form-page"),
    );
    expect(await announced("/directives/7")).toEqual(
      chunk("/directives/:id", "directive-detail-page"),
    );
    // Neither the charts nor the urge form come with the statistics or the overdue list.
    for (const path of ["/statistics", "/overdue"]) {
      expect((await announced(path)).filter((s) => /\/(charts|urge-form)-/.test(s))).toEqual([]);
    }
    // Every file announced exists; an unknown path announces nothing.
    for (const route of routes) {
      for (const file of [...route.scripts, ...route.styles]) {
        expect(statSync(new URL(`.${file}`, DIST)).size, file).toBeGreaterThan(0);
      }
    }
    expect(await announced("/no-such-page")).toEqual([]);
  });

  it("asks who is signed in from the page itself, once: the app takes that answer", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      const requested = await recordApiAndScripts(page);
      await page.goto(`${run.app.url}/overdue`);
      await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
      // Asked once, before any script (the page's preload), not after the scripts have run; had
      // the app's own request not matched the preload, it would have asked twice.
      expect(requested.filter((path) => path === "/trpc/auth.me")).toHaveLength(1);
      expect(requested[0]).toBe("/trpc/auth.me");
    } finally {
      await closeContexts(browser);
    }
  });

  it("asks for a task page's task from the page itself, with who is signed in: the app takes that answer", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "canbo.bct");
      const requested = await recordApiAndScripts(page);
      await page.goto(`${run.app.url}/tasks/3`);
      await page.getByRole("heading", { name: "Thông tin nhiệm vụ" }).waitFor();
      const asked = requested.filter((path) => path.startsWith("/trpc/task.byId"));
      // Once, before any script, at the URL the app asks for it (its own request matched).
      expect(asked).toEqual([`/trpc/task.byId?input=${encodeURIComponent('{"id":3}')}`]);
      expect(requested.indexOf(asked[0] ?? "")).toBeLessThan(firstScript(requested));
    } finally {
      await closeContexts(browser);
    }
  });

  it("asks for the overdue list's first page from the page itself when the address names no filter", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      const requested = await recordApiAndScripts(page);
      await page.goto(`${run.app.url}/overdue`);
      await page
        .getByRole("status")
        .filter({ hasText: / nhiệm vụ quá hạn/ })
        .waitFor();
      const asked = requested.filter((path) => path.startsWith("/trpc/statistic.overdue"));
      // Once, before any script, at the URL the app asks for it (its own request matched).
      expect(asked).toEqual([
        `/trpc/statistic.overdue?input=${encodeURIComponent(
          `{"keyOnly":false,"minDaysOverdue":0,"urged":"all","page":1,"pageSize":${OVERDUE_PAGE_SIZE}}`,
        )}`,
      ]);
      expect(requested.indexOf(asked[0] ?? "")).toBeLessThan(firstScript(requested));

      // With a filter in the address the page asks for nothing itself: the app asks once.
      requested.splice(0);
      await page.goto(`${run.app.url}/overdue?key=1`);
      await page
        .getByRole("status")
        .filter({ hasText: / nhiệm vụ quá hạn/ })
        .waitFor();
      const filtered = requested.filter((path) => path.startsWith("/trpc/statistic.overdue"));
      expect(filtered).toHaveLength(1);
      expect(decodeURIComponent(filtered[0] ?? "")).toContain('"keyOnly":true');
      expect(requested.indexOf(filtered[0] ?? "")).toBeGreaterThan(firstScript(requested));
    } finally {
      await closeContexts(browser);
    }
  });

  it("on a phone, asks for the directives and agencies only when the filters name one of them", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      await page.setViewportSize(PHONE);
      const requested = await recordApiAndScripts(page);
      const lists = () =>
        requested
          .flatMap((path) => /^\/trpc\/([^?]+)/.exec(path)?.[1]?.split(",") ?? [])
          .filter((name) => name === "directive.list" || name === "agency.search");
      const described = (text: RegExp) =>
        page.getByText(text).filter({ hasText: "tính đến ngày" }).waitFor();

      // No filter (the folded filters' fields are not drawn): the description names nothing.
      await page.goto(`${run.app.url}/overdue`);
      await described(/^Tất cả nhiệm vụ được theo dõi · /);
      await page.goto(`${run.app.url}/statistics`);
      await page.getByText(/^Nhiệm vụ được giao tại văn bản/).waitFor();
      expect(lists()).toEqual([]);

      // A directive and a lead agency in the address: both named, from their lists.
      await page.goto(`${run.app.url}/overdue?directive=1&lead=${LANG_SON}`);
      await described(/06\/CT-TTg.*Lạng Sơn/);
      expect(lists().sort()).toEqual(["agency.search", "directive.list"]);
    } finally {
      await closeContexts(browser);
    }
  });

  it("keeps the page the server painted while the page's code arrives, and says it is loading", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "canbo.bct");
      // The task page's own code held back, as on a slow link: the app waits for it.
      const release = await holdBack(page, /\/assets\/task-detail-page-[\w-]+\.js$/);
      await page.goto(`${run.app.url}/tasks/1`, { waitUntil: "commit" });
      // The app has started (its loading status is React's) and shows what the server painted:
      // the task's title and crumbs under the header bar, no spinner in their place.
      await page.getByRole("status").filter({ hasText: "Đang tải…" }).waitFor();
      const painted = page.locator("h1.boot-task-title");
      const title = await painted.textContent();
      expect(title).toBeTruthy();
      await expect.poll(() => painted.isVisible()).toBe(true);
      expect(await page.locator(".boot-header").isVisible()).toBe(true);
      expect(await page.locator(".mantine-Loader-root").count()).toBe(0);
      await expectAccessible(page, "page loading");
      release();
      // The app's page takes the place of the painted one.
      await page
        .locator("h1:not(.boot-task-title)")
        .filter({ hasText: title ?? "" })
        .waitFor();
      expect(await page.locator(".boot-header, .boot-task-title").count()).toBe(0);
    } finally {
      await closeContexts(browser);
    }
  });

  it("shows a visitor the loading page, not an empty one, while the sign-in page's code arrives", async () => {
    const { browser } = run;
    try {
      const context = await browser.newContext({ locale: "vi-VN" });
      const page = await context.newPage();
      const release = await holdBack(page, /\/assets\/login-page-[\w-]+\.js$/);
      await page.goto(`${run.app.url}/tasks/1`, { waitUntil: "commit" });
      // Not signed in: on the way to the sign-in page, whose code is held back.
      await page.getByRole("status").filter({ hasText: "Đang tải…" }).waitFor();
      expect(await page.locator(".boot-header").isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe("/tasks/1");
      release();
      await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await closeContexts(browser);
    }
  });

  it("paints its header bar before the app's styles arrive, and draws the app only with them", async () => {
    // The built page only preloads its stylesheet (a stylesheet link would hold the first paint).
    const html = distFile("index.html").toString();
    expect(html).not.toMatch(/<link[^>]* rel="stylesheet"/);
    expect(html).toMatch(
      /<link rel="preload" as="style"[^>]* href="\/assets\/index-[\w-]+\.css" data-app-styles>/,
    );
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      // The app's stylesheet held back, as on a slow link.
      const release = await holdBack(page, /\/assets\/index-[\w-]+\.css$/);
      await page.goto(`${run.app.url}/`, { waitUntil: "commit" });

      // The header bar has its own styles: fixed at the top without the stylesheet.
      const boot = page.locator(".boot-header");
      await boot.waitFor();
      expect(await boot.evaluate((bar) => getComputedStyle(bar).position)).toBe("fixed");
      // The scripts have run and wait for the stylesheet they asked for: nothing drawn yet.
      await page.locator('link[rel="stylesheet"][href*="/assets/index-"]').waitFor({
        state: "attached",
      });
      expect(await page.getByRole("button", { name: "Tiếng Việt" }).count()).toBe(0);
      // What the server wrote is there: the page's heading under the bar.
      expect(await page.locator(".boot-page h1").textContent()).toBe("Việc cần làm");

      release();
      await page.getByRole("button", { name: "Tiếng Việt" }).waitFor();
      expect(await page.locator(".boot-page").count()).toBe(0);
      const variable = (name: string) =>
        page.evaluate(
          (property) =>
            getComputedStyle(document.documentElement).getPropertyValue(property).trim(),
          name,
        );
      expect(await variable("--mantine-color-body")).not.toBe("");
      // The theme's own variables, from the stylesheet (virtual:theme-variables.css), not from
      // a style element of MantineProvider's: the darker shades that pass WCAG AA on white
      // (blue 8 #1971c2 rather than Mantine's blue 6, grey 7 #495057 for dimmed text).
      expect(await variable("--mantine-color-anchor")).toBe("#1971c2");
      expect(await variable("--mantine-color-blue-filled")).toBe("#1971c2");
      expect(await variable("--mantine-color-dimmed")).toBe("#495057");
      const written = await page.evaluate(() =>
        [...document.querySelectorAll("style")].some((style) =>
          style.textContent?.includes("--mantine-color-anchor"),
        ),
      );
      expect(written).toBe(false);
    } finally {
      await closeContexts(browser);
    }
  });

  it("writes the heading of the inbox, the statistics and the overdue list into their page, for the user and in their language", async () => {
    const reporter = await sessionCookie(run.app.url, "baocao.langson");
    const leader = await sessionCookie(run.app.url, "lanhdao.bct");
    const page = async (path: string, cookie: string) => {
      const answer = await get(`${run.app.url}${path}`, { cookie, "accept-encoding": "br" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-encoding"], path).toBe("br");
      expect(answer.headers.vary, path).toMatch(/cookie/i);
      // The user's own page: browsers check it again, shared caches do not keep it.
      expect(answer.headers["cache-control"], path).toMatch(/no-cache/);
      const html = brotliDecompressSync(answer.body).toString();
      // Still the page of the route, its code announced.
      expect(html, path).toMatch(
        /<link rel="modulepreload" crossorigin href="\/assets\/[\w-]+\.js">/,
      );
      return paintedHeading(html);
    };
    // The reporter's inbox names their agency and today by the server's clock (E2E_NOW).
    expect(await page("/", reporter)).toEqual({
      lang: "vi",
      title: "Việc cần làm",
      intro:
        "Những việc UBND tỉnh Lạng Sơn cần làm, tính đến hôm nay 26/11/2026: báo cáo đến hạn, nhiệm vụ sắp đến hạn, việc bị trả lại và các trả lời, ý kiến mới.",
    });
    expect((await page("/", leader))?.intro).toMatch(
      /^Tình hình thực hiện nhiệm vụ, tính đến hôm nay 26\/11\/2026:/,
    );
    expect((await page("/statistics", leader))?.title).toBe("Thống kê");
    expect((await page("/overdue", reporter))?.title).toBe("Nhiệm vụ quá hạn");
    // In the language the app stored in its cookie.
    expect(await page("/statistics", `${leader}; dondoc_language=en`)).toMatchObject({
      lang: "en",
      title: "Statistics",
    });
    expect((await page("/", `${reporter}; dondoc_language=xx`))?.lang).toBe("vi");
    const own = await get(`${run.app.url}/statistics`, { cookie: leader });
    expect(own.headers["cache-control"]).toBe("private, no-cache");
    // Other pages, visitors and expired sessions get the page as built.
    expect(await page("/tasks", leader)).toBeNull();
    expect(await page("/statistics", "dondoc_session=expired-or-forged")).toBeNull();
  });

  it("sends every page in the user's language, and the app starts in it without reading the browser's storage", async () => {
    const lang = async (path: string, cookie?: string) => {
      const answer = await get(`${run.app.url}${path}`, cookie ? { cookie } : {});
      return answer.body.toString().match(/<html lang="([^"]*)">/)?.[1];
    };
    // Signed out too: the sign-in page and a path of no route.
    expect(await lang("/login", "dondoc_language=en")).toBe("en");
    expect(await lang("/no-such-page", "dondoc_language=en")).toBe("en");
    expect(await lang("/login")).toBe("vi");
    expect(await lang("/login", "dondoc_language=xx")).toBe("vi");
    const { browser } = run;
    try {
      // Signed out, in English by its cookie: the sign-in page, its password's toggle too.
      const visitor = await (await browser.newContext()).newPage();
      await visitor
        .context()
        .addCookies([{ name: "dondoc_language", value: "en", url: run.app.url }]);
      await visitor.goto(`${run.app.url}/login`);
      await visitor.getByRole("button", { name: "Sign in" }).waitFor();
      expect(await visitor.getByRole("button", { name: "Show password" }).count()).toBe(1);
      const page = await signedInPage(browser, run.app.url, "canbo.bct");
      // Every read of localStorage by a page from its start (a page's first one waits for the
      // browser to load it).
      await page.addInitScript(() => {
        const storage = Object.getOwnPropertyDescriptor(window, "localStorage");
        const counted = window as unknown as { storageReads: number };
        counted.storageReads = 0;
        Object.defineProperty(window, "localStorage", {
          configurable: true,
          get() {
            counted.storageReads += 1;
            return storage?.get?.call(window);
          },
        });
      });
      const reads = () =>
        page.evaluate(() => (window as unknown as { storageReads: number }).storageReads);
      await page.goto(`${run.app.url}/`);
      await page.getByRole("heading", { name: "Việc cần làm", level: 1 }).waitFor();
      expect(await reads()).toBe(0);
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "To do", level: 1 }).waitFor();
      await expect.poll(() => page.evaluate(() => document.cookie)).toMatch(/dondoc_language=en/);
      // The next page comes in English and the app starts in it, still reading no storage.
      await page.goto(`${run.app.url}/statistics`);
      await page.getByRole("heading", { name: "Statistics", level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.getByRole("button", { name: "Tiếng Việt" }).waitFor();
      expect(await reads()).toBe(0);
    } finally {
      await closeContexts(browser);
    }
  });

  it("writes the overdue list's top and first cards under its heading, as the API lists them for the user; nothing with filters in the address", async () => {
    const leader = await sessionCookie(run.app.url, "lanhdao.bct");
    const reporter = await sessionCookie(run.app.url, "baocao.langson");
    const painted = async (path: string, cookie: string) => {
      const answer = await get(`${run.app.url}${path}`, { cookie });
      expect(answer.status, path).toBe(200);
      return paintedOverdueTop(answer.body.toString());
    };
    const listed = async (cookie: string) => {
      const input = { keyOnly: false, minDaysOverdue: 0, urged: "all", page: 1, pageSize: 500 };
      const answer = await fetch(
        `${run.app.url}/trpc/statistic.overdue?input=${encodeURIComponent(JSON.stringify(input))}`,
        { headers: { cookie } },
      );
      const list = z
        .object({
          result: z.object({
            data: z.object({
              total: z.number(),
              urged: z.number(),
              items: z.array(z.object({ id: z.number(), title: z.string() })),
            }),
          }),
        })
        .parse(await answer.json()).result.data;
      return {
        count: `${list.total} nhiệm vụ quá hạn, đã đôn đốc ${list.urged}`,
        cards: list.items.slice(0, 3).map((item) => `/tasks/${item.id} ${item.title}`),
      };
    };

    // The leader's and the reporter's own lists: the first three cards, in the list's order.
    const forLeader = await listed(leader);
    expect(forLeader.cards).toHaveLength(3);
    expect(await painted("/overdue", leader)).toEqual({ rules: true, ...forLeader });
    const forReporter = await listed(reporter);
    expect(forReporter.cards.length).toBeGreaterThan(0);
    expect(forReporter.cards).not.toEqual(forLeader.cards);
    // A reporter has no reminder rules to open.
    expect(await painted("/overdue", reporter)).toEqual({ rules: false, ...forReporter });
    // Filters in the address, another page: the heading alone.
    expect(await painted("/overdue?key=1", leader)).toBeNull();
    expect(await painted("/statistics", leader)).toBeNull();
  });

  it("on a phone, shows the overdue list's first cards before its scripts arrive, the app's in the same places from its first frame; on a wide screen the heading alone", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      // Each frame, where the first card's link is: the server's, the app's, or none.
      await page.addInitScript(() => {
        const frames: string[] = [];
        Reflect.set(window, "cardFrames", frames);
        const frame = () => {
          const link = document.querySelector("#root li a[href^='/tasks/']");
          const owner = link === null ? "none" : link.closest(".boot-page") ? "server" : "app";
          if (frames.at(-1) !== owner) frames.push(owner);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      for (const size of [PHONE, { width: 412, height: 823 }]) {
        await page.setViewportSize(size);
        await page.unrouteAll();
        const release = await holdBack(page, APP_SCRIPTS);
        await page.goto(`${run.app.url}/overdue`, { waitUntil: "commit" });
        await page.locator(".boot-card").first().waitFor();
        // Nothing of the app yet: no script has run.
        expect(await page.getByRole("button", { name: "Tiếng Việt" }).count()).toBe(0);
        const painted = await overdueTopBoxes(page, true);
        expect(painted.map((part) => part.text)).toEqual(
          expect.arrayContaining([
            "Quy tắc nhắc việc",
            "Xuất Excel",
            "Lọc nhiệm vụ quá hạn▼",
            expect.stringMatching(/^\d+ nhiệm vụ quá hạn, đã đôn đốc \d+$/),
            "Tất cả nhiệm vụ được theo dõi · tính đến ngày 26/11/2026",
            expect.stringMatching(/^Chọn tất cả \d+ nhiệm vụ trong danh sách$/),
            expect.stringMatching(/^Quá hạn \d+ ngày$/),
          ]),
        );
        expect(await page.locator(".boot-card").count()).toBe(3);

        release();
        await page.getByRole("button", { name: "Tiếng Việt" }).waitFor();
        await page.locator("main ul > li").nth(3).waitFor();
        expect(await page.locator(".boot-page").count()).toBe(0);
        const drawn = await overdueTopBoxes(page, false);
        for (const part of painted) {
          const where = `${part.text} at ${size.width} px`;
          const same = drawn.find(
            (other) =>
              other.text === part.text &&
              other.colors === part.colors &&
              other.box.every((value, i) => Math.abs(value - (part.box[i] ?? Number.NaN)) <= 1),
          );
          expect(same, where).toBeDefined();
        }
        // The first card went from the server's page to the app's without a frame between.
        const frames: string[] = await page.evaluate(() => Reflect.get(window, "cardFrames"));
        expect(frames.slice(frames.indexOf("server"))).toEqual(["server", "app"]);
      }

      // A wider screen gets a table from the app: the page painted has the heading alone.
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.unrouteAll();
      const release = await holdBack(page, APP_SCRIPTS);
      await page.goto(`${run.app.url}/overdue`, { waitUntil: "commit" });
      await page.locator(".boot-intro").waitFor();
      expect(await page.locator(".boot-overdue").isVisible()).toBe(false);
      release();
    } finally {
      await closeContexts(browser);
    }
  });

  it("writes the top of a task's page for whoever may see the task, as the app draws it; nothing of a task they may not see", async () => {
    const officer = await sessionCookie(run.app.url, "canbo.bct");
    const reporter = await sessionCookie(run.app.url, "baocao.langson");
    const leader = await sessionCookie(run.app.url, "lanhdao.bct");
    const page = async (path: string, cookie: string) => {
      const answer = await get(`${run.app.url}${path}`, { cookie });
      expect(answer.status, path).toBe(200);
      const html = answer.body.toString();
      return { html, top: paintedTaskTop(html) };
    };
    const task = async (id: number, cookie: string) => {
      const answer = await fetch(
        `${run.app.url}/trpc/task.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`,
        { headers: { cookie } },
      );
      expect(answer.status, `task ${id}`).toBe(200);
      const body: { result: { data: { task: PaintedTaskFacts } } } = await answer.json();
      return body.result.data.task;
    };

    // The officer of the tracking ministry: the parent task in the crumbs, both buttons.
    const facts = await task(15, officer);
    const parent = facts.parent;
    if (!parent) throw new Error("task 15 of the demo has a parent task");
    expect(facts.daysOverdue).toBeGreaterThan(0);
    expect((await page("/tasks/15", officer)).top).toEqual({
      crumbs: [
        "/directives Văn bản chỉ đạo",
        `/directives/${facts.directive.id} ${facts.directive.number}`,
        `/tasks/${parent.id} ${parent.title}`,
        `(here) ${facts.clause}`,
      ],
      badges: ["gray Chưa thực hiện", `red Quá hạn ${facts.daysOverdue} ngày`],
      title: facts.title,
      buttons: [
        "/tasks/15/edit Sửa",
        `/directives/${facts.directive.id}/tasks/new?parentId=15 Phân giao nhiệm vụ`,
      ],
    });

    // A province that leads a key task but may not see its parent: neither the parent's place nor
    // its title, and no button.
    const own = await task(17, reporter);
    expect(own.parent).toBeNull();
    const hiddenParent = (await task(6, officer)).title;
    const reporterPage = await page("/tasks/17", reporter);
    expect(reporterPage.top?.crumbs).toEqual([
      "/directives Văn bản chỉ đạo",
      `/directives/${own.directive.id} ${own.directive.number}`,
      `(here) ${own.clause}`,
    ]);
    expect(reporterPage.top?.badges).toContain("yellow Trọng tâm");
    expect(reporterPage.top?.title).toBe(own.title);
    expect(reporterPage.top?.buttons).toEqual([]);
    expect(reporterPage.html).not.toContain(hiddenParent);

    // A task the province may not see: the page as built, nothing of the task in it.
    const other = await task(12, officer);
    const refused = await page("/tasks/12", reporter);
    expect(refused.top).toBeNull();
    expect(refused.html).not.toContain(other.title);
    expect((await page("/tasks/999999", officer)).top).toBeNull();

    // In the language the user chose.
    const english = await page("/tasks/3", `${leader}; dondoc_language=en`);
    expect(english.html).toMatch(/<html lang="en">/);
    expect(english.top?.crumbs[0]).toBe("/directives Directives");
    expect(english.top?.badges).toEqual(
      expect.arrayContaining(["green Completed", "yellow Key task"]),
    );
  });

  it("shows a task's crumbs, badges, title and buttons before its scripts arrive; the app draws them in the same places", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "canbo.bct");
      for (const size of [PHONE, { width: 1366, height: 900 }]) {
        await page.setViewportSize(size);
        await page.unrouteAll();
        const release = await holdBack(page, APP_SCRIPTS);
        await page.goto(`${run.app.url}/tasks/15`, { waitUntil: "commit" });
        await page.locator(".boot-task").waitFor();
        // Nothing of the app yet: no script has run.
        expect(await page.getByRole("button", { name: "Tiếng Việt" }).count()).toBe(0);
        const painted = await taskTopBoxes(page);
        expect(painted.map((box) => box.text)).toEqual([
          "Văn bản chỉ đạo",
          "06/CT-TTg",
          expect.stringMatching(/^Phối hợp với UBND/),
          "Mục 6.4",
          "Chưa thực hiện",
          expect.stringMatching(/^Quá hạn \d+ ngày$/),
          expect.stringMatching(/^Theo dõi sát tình hình/),
          "Sửa",
          "Phân giao nhiệm vụ",
        ]);

        release();
        await page.getByRole("heading", { name: "Thông tin nhiệm vụ" }).waitFor();
        expect(await page.locator(".boot-task").count()).toBe(0);
        const drawn = await taskTopBoxes(page);
        expect(drawn.map((box) => box.text)).toEqual(painted.map((box) => box.text));
        for (const [i, box] of drawn.entries()) {
          const first = painted[i];
          if (!first) throw new Error("a part of the task's top was not painted");
          const where = `${box.text} at ${size.width} px`;
          expect(Math.abs(box.x - first.x), where).toBeLessThanOrEqual(1);
          expect(Math.abs(box.y - first.y), where).toBeLessThanOrEqual(1);
          expect(Math.abs(box.width - first.width), where).toBeLessThanOrEqual(1);
          expect(Math.abs(box.height - first.height), where).toBeLessThanOrEqual(1);
          expect(box.colors, where).toBe(first.colors);
        }
      }
    } finally {
      await closeContexts(browser);
    }
  });

  it("paints a page that comes with its heading before it asks for any script, then starts the app once the browser says it is painted", async () => {
    const leader = await sessionCookie(run.app.url, "lanhdao.bct");
    const answer = await get(`${run.app.url}/overdue`, { cookie: leader });
    const html = answer.body.toString();
    // The scripts wait in a template; only the one inline script, allowed by its hash, runs.
    const template = /<template id="app-start">([\s\S]*?)<\/template>/.exec(html)?.[1] ?? "";
    expect(template).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(template).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/overdue-page-/);
    expect(html.replace(template, "")).not.toMatch(/modulepreload|type="module"/);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(inline).toHaveLength(1);
    const hash = createHash("sha256")
      .update(inline[0] ?? "")
      .digest("base64");
    expect(answer.headers["content-security-policy"]).toContain(
      `script-src 'self' 'sha256-${hash}'`,
    );

    const { browser } = run;
    try {
      // Signed in over HTTP, without the tests' fake clock (it replaces the browser's timings).
      const context = await browser.newContext({ locale: "vi-VN" });
      const [name, value] = leader.split("=");
      await context.addCookies([{ name: name ?? "", value: value ?? "", url: run.app.url }]);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      // When the browser renders its first frame (a frame is painted after its callbacks).
      // And when the browser tells the page that its text is painted (the frame presented).
      await page.addInitScript(() => {
        requestAnimationFrame(() => {
          Reflect.set(window, "firstFrame", performance.now());
        });
        new PerformanceObserver((list) => {
          if (list.getEntriesByName("first-contentful-paint").length > 0) {
            Reflect.set(window, "paintTold", performance.now());
          }
        }).observe({ type: "paint", buffered: true });
      });
      await page.goto(`${run.app.url}/overdue`);
      // The app has started: its own filters are drawn under the heading.
      await page.getByRole("search", { name: "Lọc nhiệm vụ quá hạn" }).waitFor();
      const timing = await page.evaluate(() => ({
        frame: Number(Reflect.get(window, "firstFrame") ?? -1),
        painted: Number(Reflect.get(window, "paintTold") ?? -1),
        scripts: performance
          .getEntriesByType("resource")
          .filter((entry) => entry.name.endsWith(".js"))
          .map((entry) => entry.startTime),
      }));
      expect(timing.frame).toBeGreaterThan(0);
      expect(timing.scripts.length).toBeGreaterThan(3);
      expect(Math.min(...timing.scripts)).toBeGreaterThan(timing.frame);
      expect(timing.painted).toBeGreaterThan(0);
      expect(Math.min(...timing.scripts)).toBeGreaterThan(timing.painted);
      expect(problems).toEqual([]);
    } finally {
      await closeContexts(browser);
    }
  });

  it("shows a page's title and introduction before its scripts arrive; the app draws the same, in the language chosen", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      // The app's scripts held back, as on a slow link.
      let release = await holdBack(page, APP_SCRIPTS);
      await page.goto(`${run.app.url}/statistics`, { waitUntil: "commit" });
      const title = page.getByRole("heading", { level: 1 });
      await page.locator(".boot-page").waitFor();
      expect(await title.textContent()).toBe("Thống kê");
      const intro = await page.locator(".boot-intro").textContent();
      expect(intro).toMatch(/^Tình hình thực hiện nhiệm vụ được giao/);
      // Nothing of the app yet: no script has run.
      expect(await page.getByRole("button", { name: "Tiếng Việt" }).count()).toBe(0);

      release();
      await page.getByRole("button", { name: "Tiếng Việt" }).waitFor();
      expect(await page.locator(".boot-page").count()).toBe(0);
      expect(await title.textContent()).toBe("Thống kê");
      expect(await page.getByText(intro ?? "-", { exact: true }).count()).toBe(1);

      // The user switches to English: the next page's heading comes in English.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Statistics", level: 1 }).waitFor();
      const cookies = () => page.evaluate(() => document.cookie);
      await expect.poll(cookies).toMatch(/dondoc_language=en/);
      await page.unrouteAll();
      release = await holdBack(page, APP_SCRIPTS);
      await page.goto(`${run.app.url}/overdue`, { waitUntil: "commit" });
      await page.locator(".boot-page").waitFor();
      expect(await title.textContent()).toBe("Overdue tasks");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      release();
      await page.getByRole("button", { name: "Tiếng Việt" }).click();
      await page.getByRole("heading", { name: "Nhiệm vụ quá hạn", level: 1 }).waitFor();
      await expect.poll(cookies).not.toMatch(/dondoc_language/);
      // Back in Vietnamese, the default: no cookie is left, the headings are Vietnamese again.
      await page.unrouteAll();
      release = await holdBack(page, APP_SCRIPTS);
      await page.goto(`${run.app.url}/`, { waitUntil: "commit" });
      await page.locator(".boot-page").waitFor();
      expect(await title.textContent()).toBe("Việc cần làm");
      release();
    } finally {
      await closeContexts(browser);
    }
  });

  it("on a phone, draws the title and introduction where the first paint put them, the page's actions after them", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      await page.setViewportSize(PHONE);
      const release = await holdBack(page, APP_SCRIPTS);
      await page.goto(`${run.app.url}/statistics`, { waitUntil: "commit" });
      const bootIntro = page.locator(".boot-intro");
      await bootIntro.waitFor();
      const text = (await bootIntro.textContent()) ?? "";
      const painted = await bootIntro.boundingBox();

      release();
      const print = page.getByRole("link", { name: "Bản in" });
      await print.waitFor();
      const drawn = await page.getByText(text, { exact: true }).boundingBox();
      const action = await print.boundingBox();
      if (!painted || !drawn || !action)
        throw new Error("the heading or the action is not laid out");
      expect(Math.abs(drawn.y - painted.y)).toBeLessThanOrEqual(2);
      expect(action.y).toBeGreaterThanOrEqual(drawn.y + drawn.height);
    } finally {
      await closeContexts(browser);
    }
  });

  it("on a phone, starts a borderless first action's text where the introduction's starts, the actions aligned by their tops", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      await page.setViewportSize(PHONE);
      await page.goto(`${run.app.url}/overdue`);
      const rules = page.getByRole("link", { name: "Quy tắc nhắc việc" });
      const exportButton = page.getByRole("button", { name: "Xuất Excel" });
      await exportButton.waitFor();
      // Where the words are drawn, not the boxes around them.
      const textLeft = (element: Element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return range.getBoundingClientRect().left;
      };
      const intro = page.getByText(/^Các nhiệm vụ chưa hoàn thành đã quá hạn/);
      const introLeft = await intro.evaluate(textLeft);
      const rulesLeft = await rules.evaluate(textLeft);
      expect(Math.abs(rulesLeft - introLeft)).toBeLessThanOrEqual(1);
      const [rulesBox, exportBox] = [await rules.boundingBox(), await exportButton.boundingBox()];
      if (!rulesBox || !exportBox) throw new Error("the actions are not laid out");
      expect(Math.abs(rulesBox.y - exportBox.y)).toBeLessThanOrEqual(1);
    } finally {
      await closeContexts(browser);
    }
  });

  it("on a phone, folds the filters of the statistics and the overdue list: their fields' code comes when they are opened", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "lanhdao.bct");
      await page.setViewportSize(PHONE);
      const { fetched, settled: settledScripts } = recordScripts(page);
      const fieldsCode = () => fetched.filter((file) => /\/(Popover|date-field)-/.test(file));

      await page.goto(`${run.app.url}/statistics`);
      const scope = page.getByRole("button", { name: "Phạm vi thống kê" });
      await scope.waitFor();
      expect(await settledScripts()).toBeLessThan(FIRST_PAGE_BUDGET);
      expect(fieldsCode()).toEqual([]);
      expect(await page.getByLabel("Cấp nhiệm vụ").count()).toBe(0);
      expect(await scope.getAttribute("aria-expanded")).toBe("false");
      await scope.click();
      await page.getByLabel("Cấp nhiệm vụ").first().waitFor();
      expect(await scope.getAttribute("aria-expanded")).toBe("true");
      expect(fieldsCode().length).toBeGreaterThan(0);

      fetched.length = 0;
      await page.goto(`${run.app.url}/overdue?key=1&minDays=30`);
      // The button says how many filters are in use while they are folded.
      const filters = page.getByRole("button", { name: "Lọc nhiệm vụ quá hạn (2 điều kiện)" });
      await filters.waitFor();
      expect(await settledScripts()).toBeLessThan(FIRST_PAGE_BUDGET);
      expect(fieldsCode()).toEqual([]);
      await filters.click();
      expect(await page.getByRole("checkbox", { name: "Chỉ nhiệm vụ trọng tâm" }).isChecked()).toBe(
        true,
      );
      await expectFitsWidth(page, "overdue list's filters opened at 360 px");
    } finally {
      await closeContexts(browser);
    }
  });

  it("loads the forms low on a task page as the reader scrolls towards them, not with the page", async () => {
    const { browser } = run;
    try {
      const page = await signedInPage(browser, run.app.url, "canbo.bct");
      await page.setViewportSize(PHONE);
      const { fetched, settled } = recordScripts(page);
      await page.goto(`${run.app.url}/tasks/1`);
      const comments = page.getByRole("heading", { name: "Trao đổi, ý kiến" });
      await comments.waitFor();
      expect(await settled()).toBeLessThan(FIRST_PAGE_BUDGET);
      // Reading the task costs no form code: comments and notes are screens below.
      expect(fetched.filter((file) => /\/(forms|comment-form|task-actions)-/.test(file))).toEqual(
        [],
      );
      expect(await page.getByLabel("Nội dung ý kiến").count()).toBe(0);

      await comments.scrollIntoViewIfNeeded();
      await page.getByLabel("Nội dung ý kiến").fill("Đề nghị bổ sung số liệu tháng 11.");
      expect(fetched.some((file) => /\/comment-form-/.test(file))).toBe(true);
      await page.getByRole("heading", { name: "Lịch sử xử lý" }).scrollIntoViewIfNeeded();
      await page.getByLabel("Nội dung ghi chú").waitFor();

      // On a desktop the comments come within a screen's height of the first screen: still no
      // form code until the reader scrolls; then the form loads before it comes into view.
      await page.setViewportSize({ width: 1366, height: 900 });
      fetched.splice(0);
      await page.goto(`${run.app.url}/tasks/1`);
      await comments.waitFor();
      const below = (await comments.boundingBox())?.y ?? 0;
      expect(below).toBeGreaterThan(900);
      expect(below).toBeLessThan(1800);
      await settled();
      expect(fetched.filter((file) => /\/comment-form-/.test(file))).toEqual([]);
      await page.mouse.wheel(0, 100);
      await page.getByLabel("Nội dung ý kiến").waitFor({ state: "attached" });
      expect(((await comments.boundingBox())?.y ?? 0) > 900).toBe(true);
    } finally {
      await closeContexts(browser);
    }
  });

  it("has an icon: the page links it as pictures, which browsers keep a day, and /favicon.ico is one", async () => {
    const html = distFile("index.html").toString();
    expect(html).toContain(
      '<link rel="icon" href="/favicon-32.png" type="image/png" sizes="32x32" />',
    );
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png" />');
    // No SVG icon: Chromium would read it as a document of its own on the page's main thread.
    expect(html).not.toMatch(/rel="icon"[^>]*svg/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    for (const [path, size] of [
      ["/favicon-32.png", 32],
      ["/favicon.ico", 32],
      ["/apple-touch-icon.png", 180],
    ] as const) {
      const icon = await get(`${run.app.url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers["content-type"]).toBe("image/png");
      expect(icon.headers["cache-control"]).toBe("public, max-age=86400");
      expect(icon.body.subarray(0, 4)).toEqual(png);
      // The picture's width and height, from its header.
      expect([icon.body.readUInt32BE(16), icon.body.readUInt32BE(20)]).toEqual([size, size]);
    }
    // The drawing the pictures come from stays at its address.
    const drawing = await get(`${run.app.url}/favicon.svg`);
    expect(drawing.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(drawing.body.toString()).toContain("<title>Đôn Đốc</title>");
  });

  it("answers a missing asset with 404, not with the page", async () => {
    const answer = await get(`${run.app.url}/assets/index-gone0000.js`, {
      "accept-encoding": "br",
    });
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"] ?? "").not.toMatch(/javascript/);
  });

  it("compresses the API's JSON answers", async () => {
    const cookie = await sessionCookie(run.app.url, "lanhdao.bct");

    const input = encodeURIComponent(JSON.stringify({ pageSize: 50 }));
    const url = `${run.app.url}/trpc/task.list?input=${input}`;
    const plain = await get(url, { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const gzip = await get(url, { cookie, "accept-encoding": "gzip" });
    expect(gzip.status).toBe(200);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    const list = JSON.parse(gunzipSync(gzip.body).toString());
    expect(list.result.data.items.length).toBeGreaterThan(0);
    const brotli = await get(url, { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(brotli.body).toString())).toEqual(list);

    // A change's answer (a POST) is a few hundred bytes: it goes out as it is, compressing it
    // would cost the server more than it saves the link, on every officer's status update.
    const change = await fetch(`${run.app.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip, deflate, br" },
      body: JSON.stringify({ username: "canbo.bct", password: DEMO_PASSWORD }),
    });
    expect(change.status).toBe(200);
    expect(change.headers.get("content-encoding")).toBeNull();
  });
});

describe("the first page's weight", () => {
  it(`preloads less than ${FIRST_PAGE_BUDGET / 1024} KB of gzip JavaScript, without charts or forms`, () => {
    const scripts = firstPageScripts();
    expect(scripts.length).toBeGreaterThan(1);
    // What the server sends to a gzip browser: the .gz files the build wrote beside each script.
    const sizes = scripts.map((script) => ({
      script,
      gzip: statSync(new URL(`${script}.gz`, DIST)).size,
    }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    expect(total, JSON.stringify(sizes)).toBeLessThan(FIRST_PAGE_BUDGET);
    expect(scripts.filter((script) => /\/(charts|forms)-/.test(script))).toEqual([]);
  });

  it("leaves zod and react-hook-form to the forms, Floating UI and the selects to the fields that use them", () => {
    // The libraries in what a route's page preloads, as the build's source maps name them.
    const libraries = (path: string) => {
      const route = routePreloads().find((item) => item.path === path);
      expect(route, path).toBeDefined();
      const scripts = [...firstPageScripts(), ...(route?.scripts ?? []).map((s) => s.slice(1))];
      const sources = scripts.flatMap((script): string[] => {
        // The bundler's own runtime (1 KB) has no source map.
        if (!existsSync(new URL(`${script}.map`, DIST))) return [];
        const map: unknown = JSON.parse(distFile(`${script}.map`).toString());
        return map && typeof map === "object" && "sources" in map && Array.isArray(map.sources)
          ? map.sources
          : [];
      });
      return new Set(
        sources.flatMap((source) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? []),
      );
    };
    const pages = ["/", "/statistics", "/overdue", "/tasks/:id"];
    for (const path of pages) {
      const found = libraries(path);
      expect(found.has("@mantine/core"), path).toBe(true);
      expect(
        ["zod", "react-hook-form", "@hookform/resolvers"].filter((l) => found.has(l)),
        path,
      ).toEqual([]);
    }
    // None of the first pages has a popover: the selects of the statistics' and the overdue
    // list's filters come with the filter fields (loaded on demand), not with the page.
    for (const path of pages) {
      expect(
        [...libraries(path)].filter((l) => l.startsWith("@floating-ui")),
        path,
      ).toEqual([]);
    }
    // The status form (a note and buttons) brings neither the date picker nor Floating UI: the
    // date and select fields are modules of their own.
    const statusForm = readdirSync(new URL("assets/", DIST)).find((file) =>
      /^task-actions-[\w-]+\.js$/.test(file),
    );
    expect(statusForm).toBeDefined();
    const withImports = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const code = distFile(`assets/${file}`).toString();
      for (const match of code.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)) {
        withImports(match[1] ?? "", seen);
      }
      return seen;
    };
    const statusFormLibraries = [...withImports(statusForm ?? "")].flatMap((file): string[] => {
      if (!existsSync(new URL(`assets/${file}.map`, DIST))) return [];
      const map: { sources?: string[] } = JSON.parse(distFile(`assets/${file}.map`).toString());
      return (map.sources ?? []).flatMap(
        (source) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? [],
      );
    });
    expect(statusFormLibraries).toContain("react-hook-form");
    expect(
      statusFormLibraries.filter((l) => l === "@mantine/dates" || l.startsWith("@floating-ui")),
    ).toEqual([]);
    // Forms still bring them (the test sees the libraries where they are).
    expect(libraries("/directives/new").has("zod")).toBe(true);
    expect(libraries("/directives/new").has("@floating-ui/react")).toBe(true);
  });

  it("has the styles of every Mantine component its scripts use", () => {
    const assets = readdirSync(new URL("assets/", DIST));
    const read = (suffix: string) =>
      assets
        .filter((file) => file.endsWith(suffix))
        .map((file) => distFile(`assets/${file}`).toString())
        .join("\n");
    // Mantine's components name their parts with classes such as `m_77c9d27d`: every one that
    // Mantine's full stylesheets style must be styled by ours too.
    const classes = (css: string) =>
      new Set([...css.matchAll(/\.(m_[0-9a-f]{5,8})\b/g)].map((match) => match[1]));
    const mantine = classes(
      ["core", "dates", "notifications"]
        .map((name) => readFileSync(new URL(`${name}/styles.css`, MANTINE)).toString())
        .join("\n"),
    );
    const used = [...read(".js").matchAll(/["'`](m_[0-9a-f]{5,8})["'`]/g)].map((m) => m[1]);
    const needed = new Set(used.filter((name) => mantine.has(name)));
    const styled = classes(read(".css"));
    expect(needed.size).toBeGreaterThan(50);
    expect([...needed].filter((name) => !styled.has(name))).toEqual([]);
  });
});
