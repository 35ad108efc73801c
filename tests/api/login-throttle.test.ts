import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import { LOGIN_LIMITS, loginDelayMs, MAX_DELAY_MS } from "../../server/login-throttle.ts";
import { anonymousSession, countRows, freshDb, rejection, TEST_NOW } from "../support/api.ts";
import { createUser } from "../support/factory.ts";
import { movableClock, postJson, type Served, serveApp } from "../support/http.ts";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** One account to guess at, no sessions, and the app over HTTP on a clock the test moves. */
async function setUp() {
  const db = await freshDb({ demo: false });
  await createUser(db, { role: "officer", agency: "BCT", username: "canbo.bct" });
  await db.deleteFrom("session").execute();
  const clock = movableClock(TEST_NOW);
  served = await serveApp(db, clock);
  return { db, clock, base: served.base };
}

async function auditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("auditLog")
    .select("auditLog.action")
    .where("auditLog.action", "like", "login%")
    .orderBy("auditLog.id")
    .execute();
  return rows.map((row) => row.action);
}

const WRONG = { username: "canbo.bct", password: "doan-mat-khau-sai" };
const RIGHT = { username: "canbo.bct", password: DEMO_PASSWORD };

describe("the login throttle over HTTP", () => {
  it("refuses a batch of 100 guesses in one request, before checking any of them", async () => {
    const { db, base } = await setUp();
    const paths = Array.from({ length: 100 }, () => "auth.login").join(",");
    const inputs = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [i, { ...WRONG, password: `doan-thu-${i}` }]),
    );

    const response = await postJson(`${base}/trpc/${paths}?batch=1`, inputs);

    expect(response.status).toBe(400);
    const answers: unknown = await response.json();
    expect(answers).toHaveLength(100);
    expect(answers).toEqual(
      Array.from({ length: 100 }, () =>
        expect.objectContaining({ error: expect.objectContaining({ code: -32600 }) }),
      ),
    );
    expect(await countRows(db, "loginFailure")).toBe(0);
    expect(await auditActions(db)).toEqual([]);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a batch that hides a sign-in among other calls", async () => {
    const { base } = await setUp();

    const response = await postJson(`${base}/trpc/task.addNote,auth.login?batch=1`, {
      0: { id: 1, note: "x" },
      1: RIGHT,
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("counts guesses through every spelling of the path, then slows them, right password included", async () => {
    const { db, clock, base } = await setUp();
    const spellings = ["/trpc/auth.login", "/trpc//auth.login", "/trpc/auth%2Elogin"];
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.username.free + 3; i++) {
      const path = spellings[i % spellings.length] ?? "";
      statuses.push((await postJson(`${base}${path}`, WRONG)).status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Even the right password waits: a guesser cannot tell a hit from a refusal.
    const early = await postJson(`${base}/trpc//auth.login`, RIGHT);
    expect(early.status).toBe(429);
    expect(early.headers.get("set-cookie")).toBeNull();
    expect(await early.json()).toMatchObject({
      error: { data: { code: "TOO_MANY_REQUESTS" }, message: expect.stringContaining("1 phút") },
    });
    expect(await countRows(db, "session")).toBe(0);

    // After the delay (1 s after the fifth failure) the real user gets in.
    clock.advance(1000);
    const late = await postJson(`${base}/trpc/auth%2Elogin`, RIGHT);
    expect(late.status).toBe(200);
    expect(late.headers.get("set-cookie")).toMatch(/^dondoc_session=/);
    expect(await auditActions(db)).toEqual([
      ...Array.from({ length: 5 }, () => "login_failed"),
      ...Array.from({ length: 4 }, () => "login_throttled"),
      "login",
    ]);
  });

  it("slows one address guessing at many usernames", async () => {
    const { base } = await setUp();
    for (let i = 0; i < LOGIN_LIMITS.address.free; i++) {
      const response = await postJson(`${base}/trpc/auth.login`, {
        username: `khong.co.${i}`,
        password: "doan-mat-khau",
      });
      expect(response.status).toBe(401);
    }

    const next = await postJson(`${base}/trpc/auth.login`, RIGHT);

    expect(next.status).toBe(429);
  });

  it("never counts successful logins: an office behind one address signs in 40 times", async () => {
    const { db, base } = await setUp();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await postJson(`${base}/trpc/auth.login`, RIGHT)).status);
    }

    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
    expect(await countRows(db, "loginFailure")).toBe(0);
    expect(await countRows(db, "session")).toBe(40);
  });
});

describe("the login throttle in the procedure", () => {
  it("applies to any caller of auth.login, not only to one URL", async () => {
    const db = await freshDb({ demo: false });
    await createUser(db, { role: "reporter", agency: "PVN", username: "baocao.pvn" });
    const { caller } = anonymousSession(db);
    const guess = { username: "BaoCao.PVN", password: "doan-mat-khau-sai" };
    for (let i = 0; i < LOGIN_LIMITS.username.free; i++) {
      expect((await rejection(caller.auth.login(guess))).code).toBe("UNAUTHORIZED");
    }

    const error = await rejection(caller.auth.login(guess));

    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe('error.tooManyLogins|{"minutes":1}');
  });

  it("doubles the delay with each failure past the allowance, up to a quarter of an hour", () => {
    const free = LOGIN_LIMITS.username.free;
    expect([0, free - 1].map((n) => loginDelayMs(n, free))).toEqual([0, 0]);
    expect([free, free + 1, free + 2, free + 5].map((n) => loginDelayMs(n, free))).toEqual([
      1000, 2000, 4000, 32_000,
    ]);
    expect(loginDelayMs(free + 40, free)).toBe(MAX_DELAY_MS);
  });
});
