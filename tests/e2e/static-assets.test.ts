import { readdirSync, readFileSync, statSync } from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type RunningApp, startApp } from "./support/app.ts";

/** The JavaScript the first page may preload, in gzip bytes (issue 13). */
const FIRST_PAGE_BUDGET = 200 * 1024;
const DIST = new URL("../../dist/client/", import.meta.url);
const MANTINE = new URL("../../node_modules/@mantine/", import.meta.url);
const YEAR_IMMUTABLE = "public, max-age=31536000, immutable";

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

function distFile(path: string): Buffer {
  return readFileSync(new URL(path, DIST));
}

/** The scripts index.html loads at once: the entry and every modulepreload. */
function firstPageScripts(): string[] {
  const html = distFile("index.html").toString();
  const entry = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+)"/g)];
  return [...entry, ...preloads].map((match) => match[1] ?? "");
}

describe("the built app on a slow link", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("sends a hashed script as brotli, gzip or plain as the browser accepts, cached for a year", async () => {
    const [script] = firstPageScripts();
    expect(script).toMatch(/^assets\/index-[\w-]+\.js$/);
    const original = distFile(script ?? "");

    const brotli = await get(`${app.url}/${script}`, { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(brotli.body.length).toBeLessThan(original.length);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);

    const gzip = await get(`${app.url}/${script}`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await get(`${app.url}/${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toBe(YEAR_IMMUTABLE);
    expect(plain.body.equals(original)).toBe(true);
  });

  it("sends the page compressed and has browsers check it again on every visit", async () => {
    const page = distFile("index.html");
    for (const path of ["/", "/overdue", "/tasks/1"]) {
      const answer = await get(`${app.url}${path}`, { "accept-encoding": "br, gzip" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["cache-control"], path).toBe("no-cache");
      expect(answer.headers["content-encoding"], path).toBe("br");
      expect(answer.headers.vary, path).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(answer.body).equals(page), path).toBe(true);
    }
    // A repeat visit costs a 304 without a body when the page has not changed.
    const first = await get(`${app.url}/`, { "accept-encoding": "br" });
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await get(`${app.url}/`, {
      "accept-encoding": "br",
      "if-none-match": etag ?? "",
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("answers a missing asset with 404, not with the page", async () => {
    const answer = await get(`${app.url}/assets/index-gone0000.js`, { "accept-encoding": "br" });
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"] ?? "").not.toMatch(/javascript/);
  });

  it("compresses the API's JSON answers", async () => {
    const login = await fetch(`${app.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "lanhdao.bct", password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(cookie).not.toBe("");

    const input = encodeURIComponent(JSON.stringify({ pageSize: 50 }));
    const url = `${app.url}/trpc/task.list?input=${input}`;
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
