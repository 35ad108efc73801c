import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { fixedClock } from "../../server/clock.ts";
import { resolveSession } from "../../server/context.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import {
  agencyId,
  anonymousSession,
  callerAs,
  countRows,
  freshDb,
  rejection,
  sessionCaller,
  signIn,
  TEST_NOW,
  TEST_SECOND_FACTOR_SECRET,
} from "../support/api.ts";
import { createUser } from "../support/factory.ts";

const clock = fixedClock(TEST_NOW);
const PASSPHRASE = "ba con meo trèo cây cau";

async function auditOf(db: Db, action: string) {
  return db
    .selectFrom("auditLog")
    .select(["auditLog.actorId", "auditLog.entityId", "auditLog.agencyId", "auditLog.detail"])
    .where("auditLog.action", "=", action)
    .orderBy("auditLog.id")
    .execute();
}

async function accounts() {
  const db = await freshDb({ demo: false });
  const admin = await createUser(db, { role: "admin", agency: "VPCP", username: "quantri" });
  const officer = await createUser(db, { role: "officer", agency: "BCT", username: "canbo.bct" });
  return { db, admin, officer };
}

describe("passwords (ASVS: length, common passwords, the username)", () => {
  it.each([
    ["12345678", "validation.tooSmall.string"],
    ["password", "validation.tooSmall.string"],
    ["        ", "validation.tooSmall.string"],
    ["            ", "validation.tooSmall.string"],
    ["123456789012", "trust.password.common"],
    ["qwertyuiop12", "trust.password.common"],
    ["Password2024!", "trust.password.common"],
    ["matkhau123456", "trust.password.common"],
    ["aaaaaaaaaaaaaaa", "trust.password.monotonous"],
    ["canbo.bct-cua-toi", "trust.password.username"],
  ])("refuses %j as a new password", async (newPassword, key) => {
    const { db, officer } = await accounts();
    const { caller } = await signIn(db, officer.username);
    const hashBefore = await passwordHashOf(db, officer.id);

    const error = await rejection(
      caller.auth.changePassword({ currentPassword: DEMO_PASSWORD, newPassword }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify([error.message, error.cause])).toContain(key.split(".").at(-1));
    expect(await passwordHashOf(db, officer.id)).toBe(hashBefore);
  });

  it("accepts a long passphrase, ends the user's other sessions, keeps this one", async () => {
    const { db, officer } = await accounts();
    const here = await signIn(db, officer.username);
    const elsewhere = await signIn(db, officer.username);

    await here.caller.auth.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: PASSPHRASE,
    });

    expect((await resolveSession(db, clock, here.token)).user?.username).toBe("canbo.bct");
    expect((await resolveSession(db, clock, elsewhere.token)).user).toBeNull();
    expect((await callerAs(db, officer.username, { password: PASSPHRASE })).auth.me).toBeDefined();
    await expect(callerAs(db, officer.username)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await auditOf(db, "password_change")).toEqual([
      expect.objectContaining({ actorId: officer.id, entityId: officer.id }),
    ]);
  });

  it("refuses a wrong current password on its field", async () => {
    const { db, officer } = await accounts();
    const { caller } = await signIn(db, officer.username);

    const error = await rejection(
      caller.auth.changePassword({
        currentPassword: "khong-phai-mat-khau",
        newPassword: PASSPHRASE,
      }),
    );

    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "trust.wrongPassword|{}" });
    expect(error.cause).toMatchObject({ field: "currentPassword" });
  });
});

async function sessionsOf(db: Db, userId: number): Promise<number> {
  const rows = await db
    .selectFrom("session")
    .select("session.id")
    .where("session.userId", "=", userId)
    .execute();
  return rows.length;
}

async function passwordHashOf(db: Db, id: number): Promise<string> {
  const row = await db
    .selectFrom("appUser")
    .select("appUser.passwordHash")
    .where("appUser.id", "=", id)
    .executeTakeFirstOrThrow();
  return row.passwordHash;
}

describe("one-time passwords", () => {
  it("lets a new user do nothing but change the one-time password, then everything", async () => {
    const { db, admin } = await accounts();
    const { user, oneTimePassword } = await admin.caller.user.create({
      username: "canbo.btc",
      fullName: "Đỗ Thu Hà",
      agencyId: await agencyId(db, "BTC"),
      role: "officer",
    });
    const { caller, token } = await signIn(db, user.username, { password: oneTimePassword });

    const refused = await rejection(caller.task.list({}));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: 'trust.accountStep|{"step":"change_password"}',
    });

    await caller.auth.changePassword({ currentPassword: oneTimePassword, newPassword: PASSPHRASE });

    // The same session, on its next request.
    const after = await sessionCaller(db, token);
    expect((await after.auth.me())?.pendingStep).toBeNull();
    expect((await after.task.list({})).total).toBe(0);
    await expect(callerAs(db, user.username, { password: oneTimePassword })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("an administrator's reset gives a new one-time password and ends the user's sessions", async () => {
    const { db, admin, officer } = await accounts();
    const { token } = await signIn(db, officer.username);

    const { oneTimePassword } = await admin.caller.user.resetPassword({ id: officer.id });

    expect((await resolveSession(db, clock, token)).user).toBeNull();
    await expect(callerAs(db, officer.username)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const caller = await callerAs(db, officer.username, { password: oneTimePassword });
    expect((await caller.auth.me())?.pendingStep).toBe("change_password");
    expect(await auditOf(db, "password_reset")).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        entityId: officer.id,
        agencyId: await agencyId(db, "BCT"),
      }),
    ]);
    // The administrator never learns a working password: the one-time one must be changed.
    expect((await rejection(caller.directive.list({}))).code).toBe("FORBIDDEN");
  });
});

describe("deactivating and reactivating", () => {
  it("ends every session; reactivation lets the user sign in again but revives no old session", async () => {
    const { db, admin, officer } = await accounts();
    const first = await signIn(db, officer.username);
    const second = await signIn(db, officer.username);

    const deactivated = await admin.caller.user.setActive({ id: officer.id, active: false });

    expect(deactivated.isActive).toBe(false);
    expect(await sessionsOf(db, officer.id)).toBe(0);
    const { caller: anonymous } = anonymousSession(db);
    await expect(
      anonymous.auth.login({ username: officer.username, password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await admin.caller.user.setActive({ id: officer.id, active: true });

    expect((await resolveSession(db, clock, first.token)).user).toBeNull();
    expect((await resolveSession(db, clock, second.token)).user).toBeNull();
    expect((await callerAs(db, officer.username)).auth.me).toBeDefined();
    expect((await auditOf(db, "deactivate")).map((row) => JSON.parse(row.detail))).toEqual([
      // The two above and the one the factory opened.
      { username: "canbo.bct", sessionsEnded: 3 },
    ]);
    expect(await auditOf(db, "reactivate")).toHaveLength(1);
  });

  it("refuses an administrator deactivating, resetting or demoting their own account", async () => {
    const { db, admin } = await accounts();
    const own = admin.caller.user;

    for (const call of [
      own.setActive({ id: admin.id, active: false }),
      own.resetPassword({ id: admin.id }),
      own.update({
        id: admin.id,
        fullName: admin.fullName,
        agencyId: admin.agencyId,
        role: "officer",
      }),
    ]) {
      expect(await rejection(call)).toMatchObject({
        code: "FORBIDDEN",
        message: "trust.ownAccount",
      });
    }
    expect(await countRows(db, "session")).toBeGreaterThan(0);
  });
});

describe("editing role and agency", () => {
  it("changes them and audits the change under both the old and the new agency", async () => {
    const { db, admin, officer } = await accounts();
    const bct = await agencyId(db, "BCT");
    const pvn = await agencyId(db, "PVN");

    const updated = await admin.caller.user.update({
      id: officer.id,
      fullName: "Nguyễn Văn An",
      agencyId: pvn,
      role: "leader",
    });

    expect(updated).toMatchObject({ agencyId: pvn, role: "leader", fullName: "Nguyễn Văn An" });
    const rows = await auditOf(db, "update");
    expect(rows.map((row) => row.agencyId).sort()).toEqual([bct, pvn].sort());
    expect(JSON.parse(rows[0]?.detail ?? "{}")).toMatchObject({
      changes: { role: { from: "officer", to: "leader" }, agencyId: { from: bct, to: pvn } },
    });
  });

  it("refuses non-administrators with FORBIDDEN", async () => {
    const { db, officer } = await accounts();

    const error = await rejection(
      officer.caller.user.update({
        id: officer.id,
        fullName: "x",
        agencyId: await agencyId(db, "BCT"),
        role: "admin",
      }),
    );

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("searching the user list", () => {
  it("finds by name without diacritics, by role and by state", async () => {
    const { db, admin, officer } = await accounts();
    await db
      .updateTable("appUser")
      .set({ fullName: "Nguyễn Văn An" })
      .where("appUser.id", "=", officer.id)
      .execute();
    await createUser(db, { role: "reporter", agency: "PVN", username: "baocao.pvn" });
    await admin.caller.user.setActive({ id: officer.id, active: false });

    const byName = await admin.caller.user.list({ query: "nguyen an" });
    const reporters = await admin.caller.user.list({ role: "reporter" });
    const inactive = await admin.caller.user.list({ state: "inactive" });

    expect(byName.items.map((user) => user.username)).toEqual(["canbo.bct"]);
    expect(reporters.items.map((user) => user.username)).toEqual(["baocao.pvn"]);
    expect(inactive).toMatchObject({ total: 1, items: [{ username: "canbo.bct" }] });
  });
});

describe("signing out everywhere", () => {
  it("ends every session of the user and only theirs", async () => {
    const { db, officer, admin } = await accounts();
    const one = await signIn(db, officer.username);
    const two = await signIn(db, officer.username);
    const adminSessions = await db
      .selectFrom("session")
      .select("session.id")
      .where("session.userId", "=", admin.id)
      .execute();

    expect(await one.caller.auth.logoutEverywhere()).toEqual({ ended: 3 });

    expect(one.jar.cleared).toBe(true);
    expect((await resolveSession(db, clock, two.token)).user).toBeNull();
    const left = await db.selectFrom("session").select("session.userId").execute();
    expect(left).toHaveLength(adminSessions.length);
  });
});

describe("the second factor (TOTP)", () => {
  const codeAt = (secret: string, at: Date) =>
    generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

  it("is set up with a code, then asked for at every sign-in; a code works once", async () => {
    const { db, officer } = await accounts();
    const { caller, token } = await signIn(db, officer.username);
    const { secret, uri, qrSvg } = await caller.auth.startSecondFactor();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*canbo\.bct\?secret=/);
    expect(qrSvg).toMatch(/^<svg/);

    const wrong = await rejection(caller.auth.enableSecondFactor({ code: "000000" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", message: "trust.badCode|{}" });
    const { recoveryCodes } = await caller.auth.enableSecondFactor({
      code: await codeAt(secret, new Date(TEST_NOW)),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect((await (await sessionCaller(db, token)).auth.me())?.secondFactor).toBe(true);

    // A minute later: the password alone is not enough.
    const later = fixedClock(new Date(Date.parse(TEST_NOW) + 60_000));
    const { caller: anonymous, jar } = anonymousSession(db);
    const login = (code?: string) =>
      anonymous.auth.login({
        username: officer.username,
        password: DEMO_PASSWORD,
        ...(code === undefined ? {} : { code }),
      });
    const missing = await rejection(login());
    expect(missing).toMatchObject({ code: "UNAUTHORIZED", message: "trust.codeRequired|{}" });
    expect(jar.token).toBeUndefined();
    const code = await codeAt(secret, new Date(TEST_NOW));
    expect((await rejection(login("123456"))).message).toBe("trust.badCode|{}");
    // The code already used to turn the factor on is not accepted again.
    expect((await rejection(login(code))).message).toBe("trust.badCode|{}");
    const next = await codeAt(secret, later.now());
    const signedIn = await signIn(db, officer.username, { clock: later, code: next });
    expect(signedIn.token).toEqual(expect.any(String));
    // Replayed at once: refused.
    await expect(signIn(db, officer.username, { clock: later, code: next })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    // A recovery code works once.
    const recovery = recoveryCodes[0] ?? "";
    expect(
      (await signIn(db, officer.username, { code: recovery.toUpperCase() })).token,
    ).toBeTruthy();
    await expect(signIn(db, officer.username, { code: recovery })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("holds an administrator without it at the set-up step", async () => {
    const db = await freshDb({ demo: false });
    const admin = await createUser(db, { role: "admin", agency: "VPCP" });
    await db
      .updateTable("appUser")
      .set({ totpSecret: null })
      .where("appUser.id", "=", admin.id)
      .execute();
    const { caller, token } = await signIn(db, admin.username);

    expect((await caller.auth.me())?.pendingStep).toBe("enable_second_factor");
    expect(await rejection(caller.user.list({}))).toMatchObject({
      code: "FORBIDDEN",
      message: 'trust.accountStep|{"step":"enable_second_factor"}',
    });
    expect(
      (await rejection(caller.auth.disableSecondFactor({ password: DEMO_PASSWORD }))).code,
    ).toBe("FORBIDDEN");
    const { secret } = await caller.auth.startSecondFactor();
    await caller.auth.enableSecondFactor({ code: await codeAt(secret, new Date(TEST_NOW)) });

    expect((await (await sessionCaller(db, token)).user.list({})).total).toBe(1);
  });

  it("is turned off by the user with the password, or reset by an administrator", async () => {
    const { db, admin, officer } = await accounts();
    await db
      .updateTable("appUser")
      .set({ totpSecret: TEST_SECOND_FACTOR_SECRET })
      .where("appUser.id", "=", officer.id)
      .execute();
    const code = await codeAt(TEST_SECOND_FACTOR_SECRET, new Date(TEST_NOW));
    const { caller, token } = await signIn(db, officer.username, { code });

    await caller.auth.disableSecondFactor({ password: DEMO_PASSWORD });
    expect((await (await sessionCaller(db, token)).auth.me())?.secondFactor).toBe(false);

    await db
      .updateTable("appUser")
      .set({ totpSecret: TEST_SECOND_FACTOR_SECRET })
      .where("appUser.id", "=", officer.id)
      .execute();
    await admin.caller.user.resetSecondFactor({ id: officer.id });
    expect((await callerAs(db, officer.username)).auth.me).toBeDefined();
    expect(await auditOf(db, "second_factor_reset")).toHaveLength(1);
  });
});
