import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { fixedClock } from "../../server/clock.ts";
import { resolveSession } from "../../server/context.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import {
  agencyId,
  anonymousSession,
  countRows,
  dataDirOf,
  freshDb,
  issuePaths,
  rejection,
  signIn,
  TEST_NOW,
} from "../support/api.ts";
import { createUser } from "../support/factory.ts";

const clock = fixedClock(TEST_NOW);

/** A database with the accounts these tests sign in with (password: the demo password). */
async function withAccounts() {
  const db = await freshDb({ demo: false });
  const officer = await createUser(db, {
    role: "officer",
    agency: "BCT",
    username: "canbo.bct",
    fullName: "Nguyễn Văn An",
  });
  const leader = await createUser(db, { role: "leader", agency: "BCT", username: "lanhdao.bct" });
  await createUser(db, { role: "reporter", agency: "PVN", username: "baocao.pvn" });
  await createUser(db, { role: "reporter", agency: "UBND-20", username: "baocao.langson" });
  // Sign-ins below start from no session at all.
  await db.deleteFrom("session").execute();
  return { db, officer, leader };
}

describe("auth.login", () => {
  it("checks the password, stores a session, sets the cookie and returns the user", async () => {
    const { db } = await withAccounts();
    const { caller, jar } = anonymousSession(db);

    const user = await caller.auth.login({ username: "canbo.bct", password: DEMO_PASSWORD });

    expect(user).toMatchObject({
      username: "canbo.bct",
      fullName: "Nguyễn Văn An",
      role: "officer",
      agencyId: await agencyId(db, "BCT"),
      isActive: true,
    });
    expect(jar.token).toEqual(expect.any(String));
    const session = await resolveSession(db, clock, jar.token);
    expect(session.user?.username).toBe("canbo.bct");
    expect(session.viewer?.ownAgencyIds).toContain(await agencyId(db, "BCT"));
    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("auditLog.action", "=", "login")
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actorId: user?.id, entity: "user", entityId: user?.id }),
    ]);
  });

  it("accepts the username in any letter case", async () => {
    const { db } = await withAccounts();
    const { caller, jar } = anonymousSession(db);

    const user = await caller.auth.login({ username: "CanBo.BCT", password: DEMO_PASSWORD });

    expect(user?.username).toBe("canbo.bct");
    expect((await resolveSession(db, clock, jar.token)).user?.username).toBe("canbo.bct");
  });

  it("refuses a wrong password with UNAUTHORIZED, sets no cookie and records the failure", async () => {
    const { db, officer } = await withAccounts();
    const { caller, jar } = anonymousSession(db);
    const sessionsBefore = await countRows(db, "session");

    const error = await rejection(
      caller.auth.login({ username: "canbo.bct", password: "not-the-password" }),
    );

    expect(error).toMatchObject({ code: "UNAUTHORIZED", message: "error.badCredentials" });
    expect(jar.token).toBeUndefined();
    expect(await countRows(db, "session")).toBe(sessionsBefore);
    const failures = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("auditLog.action", "=", "login_failed")
      .execute();
    expect(failures).toEqual([expect.objectContaining({ actorId: null, entityId: officer.id })]);
  });

  it("gives an unknown username the same refusal as a wrong password", async () => {
    const { db } = await withAccounts();
    const { caller, jar } = anonymousSession(db);

    await expect(
      caller.auth.login({ username: "khong.ton.tai", password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "error.badCredentials" });
    expect(jar.token).toBeUndefined();
  });

  it("refuses an empty username with BAD_REQUEST on the username field and writes nothing", async () => {
    const { db } = await withAccounts();
    const { caller, jar } = anonymousSession(db);
    const auditBefore = await countRows(db, "auditLog");

    const error = await rejection(caller.auth.login({ username: "  ", password: DEMO_PASSWORD }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["username"]]);
    expect(jar.token).toBeUndefined();
    expect(await countRows(db, "auditLog")).toBe(auditBefore);
    expect(await countRows(db, "session")).toBe(0);
  });
});

describe("sessions", () => {
  it("expire after 12 hours", async () => {
    const { db } = await withAccounts();
    const { token } = await signIn(db, "canbo.bct");
    const at = (hours: number) => fixedClock(new Date(Date.parse(TEST_NOW) + hours * 3_600_000));

    expect((await resolveSession(db, at(11.9), token)).user?.username).toBe("canbo.bct");
    expect((await resolveSession(db, at(12), token)).user).toBeNull();
  });

  it("stop working, and logins are refused, once the account is deactivated", async () => {
    const { db } = await withAccounts();
    const { token } = await signIn(db, "baocao.pvn");

    await db
      .updateTable("appUser")
      .set({ isActive: 0 })
      .where("appUser.username", "=", "baocao.pvn")
      .execute();

    expect((await resolveSession(db, clock, token)).user).toBeNull();
    const { caller, jar } = anonymousSession(db);
    await expect(
      caller.auth.login({ username: "baocao.pvn", password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "error.badCredentials" });
    expect(jar.token).toBeUndefined();
  });
});

describe("auth.me", () => {
  it("returns the signed-in user", async () => {
    const { db } = await withAccounts();
    const { caller } = await signIn(db, "baocao.langson");

    const me = await caller.auth.me();

    expect(me).toMatchObject({
      username: "baocao.langson",
      role: "reporter",
      agencyId: await agencyId(db, "UBND-20"),
      agencyName: "UBND tỉnh Lạng Sơn",
    });
  });

  it("returns null without a session", async () => {
    const { db } = await withAccounts();
    const { caller } = anonymousSession(db);

    expect(await caller.auth.me()).toBeNull();
  });

  it("says what day it is in Vietnam by the server's clock, not by UTC", async () => {
    const db = await freshDb();
    // 17:30 UTC on 26/11 is 00:30 on 27/11 in Hà Nội.
    const { caller } = await signIn(db, "canbo.bct", { clock: fixedClock("2026-11-26T17:30:00Z") });

    expect((await caller.auth.me())?.today).toBe("2026-11-27");
    expect((await (await signIn(db, "canbo.bct")).caller.auth.me())?.today).toBe("2026-11-26");
  });
});

describe("auth.logout", () => {
  it("deletes the session, so that the old cookie no longer signs anyone in", async () => {
    const { db, leader } = await withAccounts();
    const { caller, token, jar } = await signIn(db, "lanhdao.bct");
    expect((await resolveSession(db, clock, token)).user?.username).toBe("lanhdao.bct");

    expect(await caller.auth.logout()).toEqual({ ok: true });

    expect(jar.cleared).toBe(true);
    expect(jar.token).toBeUndefined();
    expect(await resolveSession(db, clock, token)).toEqual({
      user: null,
      viewer: null,
      sessionId: null,
    });
    expect(await countRows(db, "session")).toBe(0);
    const logouts = await db
      .selectFrom("auditLog")
      .select("auditLog.actorId")
      .where("auditLog.action", "=", "logout")
      .execute();
    expect(logouts).toEqual([{ actorId: leader.id }]);
  });

  it("leaves the user's other sessions alone", async () => {
    const { db } = await withAccounts();
    const first = await signIn(db, "canbo.bct");
    const second = await signIn(db, "canbo.bct");

    await first.caller.auth.logout();

    expect((await resolveSession(db, clock, first.token)).user).toBeNull();
    expect((await resolveSession(db, clock, second.token)).user?.username).toBe("canbo.bct");
  });

  it("refuses a caller without a session with UNAUTHORIZED", async () => {
    const { db } = await withAccounts();
    const { caller, jar } = anonymousSession(db);

    await expect(caller.auth.logout()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(jar.cleared).toBe(false);
  });
});

describe("errors in the user's language", () => {
  it("keeps the encoded message key in-process; translation is the HTTP formatter's job", async () => {
    const { db } = await withAccounts();
    const { caller } = anonymousSession(db, "en");

    await expect(
      caller.auth.login({ username: "canbo.bct", password: "wrong-password" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "error.badCredentials" });
  });

  it("translates errors over real HTTP by Accept-Language and answers the health check", async () => {
    const { db } = await withAccounts();
    const app = createApp({ db, clock, secureCookies: false, dataDir: dataDirOf(db) });
    const server = app.listen(0, "127.0.0.1");
    try {
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      const { port } = addressOf(server.address());
      const base = `http://127.0.0.1:${port}`;
      const login = (body: unknown, language: string) =>
        fetch(`${base}/trpc/auth.login`, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": language },
          body: JSON.stringify(body),
        });

      const vi = await login({ username: "canbo.bct", password: "sai-mat-khau" }, "vi");
      expect(vi.status).toBe(401);
      expect(await vi.json()).toMatchObject({
        error: {
          message: "Tên đăng nhập hoặc mật khẩu không đúng.",
          data: { code: "UNAUTHORIZED", httpStatus: 401, path: "auth.login" },
        },
      });

      const en = await login({ username: "canbo.bct", password: "sai-mat-khau" }, "en-US,en;q=0.9");
      expect(en.status).toBe(401);
      expect(await en.json()).toMatchObject({ error: { message: "Wrong username or password." } });

      const invalid = await login({ username: "", password: "x" }, "vi");
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        error: {
          message: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
          data: { code: "BAD_REQUEST", fieldErrors: { username: "Vui lòng nhập thông tin này." } },
        },
      });

      const ok = await login({ username: "canbo.bct", password: DEMO_PASSWORD }, "vi");
      expect(ok.status).toBe(200);
      expect(ok.headers.get("set-cookie")).toMatch(/^dondoc_session=[^;]+;.*HttpOnly/i);

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", time: TEST_NOW });
    } finally {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    }
  });
});

function addressOf(address: string | AddressInfo | null): AddressInfo {
  if (address === null || typeof address === "string") throw new Error("server is not on TCP");
  return address;
}
