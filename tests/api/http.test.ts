import { existsSync } from "node:fs";
import { sql } from "kysely";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock.ts";
import { resolveSession } from "../../server/context.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import type { Logger } from "../../server/log.ts";
import { SESSION_COOKIE } from "../../server/session.ts";
import { freshDb, signIn, TEST_NOW } from "../support/api.ts";
import { createUser } from "../support/factory.ts";
import { postJson, type Served, serveApp } from "../support/http.ts";

const clock = fixedClock(TEST_NOW);
let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** The app over HTTP with one signed-in officer; `cookie` is their browser's cookie header. */
async function setUp(options: { secureCookies?: boolean; logger?: Logger } = {}) {
  const db = await freshDb({ demo: false });
  const officer = await createUser(db, { role: "officer", agency: "BCT", username: "canbo.bct" });
  const { token } = await signIn(db, "canbo.bct");
  served = await serveApp(db, clock, options);
  return { db, officer, token, base: served.base, cookie: `${SESSION_COOKIE}=${token}` };
}

/** A line of the request log: the request's path and the user it was for. */
function logLine(line: string): { path?: string; userId?: number } {
  const parsed: { req?: { path?: string }; userId?: number } = JSON.parse(line);
  return { path: parsed.req?.path, userId: parsed.userId };
}

/** An answer is JSON of the app's shape and shows no stack trace or server path. */
async function expectCleanJsonError(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|\/home\/|<html|<pre/i);
  expect(JSON.parse(text)).toMatchObject({ error: { message: expect.any(String) } });
}

describe("request bodies", () => {
  it("refuses a JSON body over 1 MB with 413, as JSON", async () => {
    const { base } = await setUp();
    const body = { username: "canbo.bct", password: "x".repeat(2 * 1024 * 1024) };

    const response = await postJson(`${base}/trpc/auth.login`, body);

    await expectCleanJsonError(response, 413);
  });

  it("still reads a body under the limit", async () => {
    const { base } = await setUp();

    const response = await postJson(`${base}/trpc/auth.login`, {
      username: "canbo.bct",
      password: DEMO_PASSWORD,
    });

    expect(response.status).toBe(200);
  });
});

describe("every error is JSON without a stack", () => {
  it("answers a bad %-encoding with 400 or 404 JSON", async () => {
    const { base } = await setUp();

    const response = await fetch(`${base}/%E0%A4%A`);

    expect([400, 404]).toContain(response.status);
    await expectCleanJsonError(response, response.status);
  });

  it("answers a malformed multipart upload with 400 JSON", async () => {
    const { base, cookie } = await setUp();

    const response = await fetch(`${base}/files`, {
      method: "POST",
      headers: { cookie, "content-type": "multipart/form-data; boundary=----ranh-gioi" },
      body: '------ranh-gioi\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut short',
    });

    await expectCleanJsonError(response, 400);
  });

  it("answers an unknown API address with 404 JSON", async () => {
    const { base } = await setUp();

    const response = await postJson(`${base}/khong-co`, {});

    await expectCleanJsonError(response, 404);
  });
});

describe("mutations take JSON from the app's own pages only", () => {
  it("refuses a form post (multipart or urlencoded) to a mutation: the user stays signed in", async () => {
    const { db, base, cookie, token } = await setUp();
    const form = new FormData();
    form.set("x", "1");

    const multipart = await fetch(`${base}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie },
      body: form,
    });
    const urlencoded = await fetch(`${base}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    const plain = await fetch(`${base}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie, "content-type": "text/plain" },
      body: "{}",
    });

    for (const response of [multipart, urlencoded, plain]) {
      await expectCleanJsonError(response, 415);
    }
    expect((await resolveSession(db, clock, token)).user?.username).toBe("canbo.bct");
  });

  it("refuses a cross-site or same-site request, and a foreign Origin, with 403", async () => {
    const { db, base, cookie, token } = await setUp();
    const logout = (headers: Record<string, string>) =>
      postJson(`${base}/trpc/auth.logout`, {}, { cookie, ...headers });

    const foreign: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "http://phishing.intranet" },
      { origin: "null" },
    ];
    for (const headers of foreign) {
      await expectCleanJsonError(await logout(headers), 403);
    }
    expect((await resolveSession(db, clock, token)).user?.username).toBe("canbo.bct");

    const own = await logout({ "sec-fetch-site": "same-origin", origin: base });
    expect(own.status).toBe(200);
    expect((await resolveSession(db, clock, token)).user).toBeNull();
  });
});

describe("response headers", () => {
  it("marks API answers no-store", async () => {
    const { base, cookie } = await setUp();

    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie } });

    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toBe("no-store");
  });

  it("gives API answers the headers that bear on data, compresses queries and not changes", async () => {
    const { base, cookie } = await setUp();
    const encodings = { "accept-encoding": "gzip, br" };

    const query = await fetch(`${base}/trpc/auth.me`, { headers: { cookie, ...encodings } });
    const change = await postJson(`${base}/trpc/auth.logout`, {}, { cookie, ...encodings });

    for (const answer of [query, change]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(answer.headers.get("content-security-policy")).toBeNull();
      expect(answer.headers.get("x-frame-options")).toBeNull();
    }
    expect(query.headers.get("content-encoding")).toBe("br");
    expect(change.headers.get("content-encoding")).toBeNull();
    // The page keeps its policies.
    expect((await fetch(`${base}/healthz`)).headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("upgrades to https only when HTTPS is configured", async () => {
    const plain = await setUp();
    const plainCsp = (await fetch(`${plain.base}/healthz`)).headers.get("content-security-policy");
    expect(plainCsp).toContain("default-src 'self'");
    expect(plainCsp).not.toContain("upgrade-insecure-requests");
    await served?.close();

    const secure = await setUp({ secureCookies: true });
    const response = await fetch(`${secure.base}/healthz`);
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });
});

describe("the request log", () => {
  it("writes one line a request once answered, without its query, and nothing below its level", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const { officer, base, cookie } = await setUp({ logger });
    const secret = "nội dung không được ghi";
    const input = encodeURIComponent(JSON.stringify({ search: secret }));

    const answer = await fetch(`${base}/trpc/auth.me?input=${input}`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      req: { method: "GET", path: "/trpc/auth.me" },
      res: { status: 200 },
      responseTime: expect.any(Number),
      userId: officer.id,
      procedure: "auth.me",
      msg: expect.stringMatching(/^GET 200 \d+ ms$/),
    });
    expect(JSON.stringify(lines)).not.toContain("input");
    expect(JSON.stringify(lines)).not.toContain(cookie);

    // A procedure that does not exist: answered 404, logged at info with no user.
    expect((await fetch(`${base}/trpc/nope.nothing`)).status).toBe(404);
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[1]).toMatchObject({ level: 30, res: { status: 404 }, procedure: "nope.nothing" });
    expect(lines[1]).not.toHaveProperty("userId");

    // At "warn", answered requests write nothing.
    await served?.close();
    const quiet: string[] = [];
    served = await serveApp(await freshDb({ demo: false }), clock, {
      logger: pino({ level: "warn" }, { write: (line: string) => quiet.push(line) }),
    });
    for (const path of ["/healthz", "/trpc/nope.nothing", "/healthz"]) {
      await (await fetch(`${served.base}${path}`)).text();
    }
    expect(quiet).toEqual([]);
  });
});

describe("the page's heading", () => {
  it("is written into the page for the signed-in user; when it cannot be, the page goes out as built", async () => {
    if (!existsSync(new URL("../../dist/client/index.html", import.meta.url))) {
      throw new Error("dist/client is missing: run `npm run build` first (npm test does).");
    }
    const lines: { path?: string; userId?: number }[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(logLine(line)) });
    const { db, officer, base, cookie } = await setUp({ logger });
    const heading = /<h1 class="boot-title">([^<]*)<\/h1>/;

    const written = await fetch(`${base}/statistics`, { headers: { cookie } });
    expect(written.status).toBe(200);
    expect(heading.exec(await written.text())?.[1]).toBe("Thống kê");
    // The request log names the user the page was written for, as it does for the API.
    await expect
      .poll(() => lines.find((line) => line.path === "/statistics")?.userId)
      .toBe(officer.id);

    // The session's query fails (its table gone): the page still comes, without the heading.
    await sql`ALTER TABLE session RENAME TO session_gone`.execute(db);
    const built = await fetch(`${base}/statistics`, { headers: { cookie } });
    expect(built.status).toBe(200);
    const page = await built.text();
    expect(page).toContain('<div id="root">');
    expect(page).not.toMatch(heading);
  });
});
