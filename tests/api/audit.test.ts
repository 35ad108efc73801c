import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../server/session.ts";
import { agencyId, freshDb, rejection, signIn, TEST_ADDRESS, TEST_NOW } from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";
import { movableClock, type Served, serveApp } from "../support/http.ts";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** An administrator, BCT's and PVN's leaders, and what happened in both agencies. */
async function history() {
  const db = await freshDb({ demo: false });
  const admin = await createUser(db, { role: "admin", agency: "VPCP", username: "quantri" });
  const bctLeader = await createUser(db, {
    role: "leader",
    agency: "BCT",
    username: "lanhdao.bct",
  });
  const pvnLeader = await createUser(db, {
    role: "leader",
    agency: "PVN",
    username: "lanhdao.pvn",
  });
  // A PVN officer is refused a BCT task it may not see.
  const directive = await createDirective(db, { tracking: "BCT" });
  const task = await createTask(db, { directive, lead: "EVN" });
  // The administrator creates an account in BCT: its leaders must see it.
  const { user: created } = await admin.caller.user.create({
    username: "canbo.moi",
    fullName: "Cán bộ mới",
    agencyId: await agencyId(db, "BCT"),
    role: "officer",
  });
  const pvnOfficer = await createUser(db, { role: "officer", agency: "PVN" });
  await rejection(pvnOfficer.caller.task.byId({ id: task }));
  return { db, admin, bctLeader, pvnLeader, created, task };
}

describe("audit.list", () => {
  it("shows an administrator everything: who, when, from where, what", async () => {
    const { admin, created, task } = await history();

    const { items } = await admin.caller.audit.list({});

    const creation = items.find((row) => row.action === "create" && row.entity === "user");
    expect(creation).toMatchObject({
      entityId: created.id,
      address: TEST_ADDRESS,
      agencyShortName: "Bộ Công Thương",
      actor: { username: "quantri" },
    });
    expect(items.find((row) => row.entity === "refusal")).toMatchObject({
      action: "task.byId",
      entityId: task,
      address: TEST_ADDRESS,
    });
    expect(items.some((row) => row.entity === "request" && row.action === "task.create")).toBe(
      true,
    );
  });

  it("shows a leader what concerns their agency only", async () => {
    const { bctLeader, pvnLeader } = await history();

    const bct = await bctLeader.caller.audit.list({ kind: "account" });
    const pvn = await pvnLeader.caller.audit.list({});

    expect(bct.items.map((row) => [row.action, row.actor?.username])).toEqual([
      ["create", "quantri"],
    ]);
    expect(pvn.items.map((row) => row.action)).toEqual(["task.byId"]);
    expect(pvn.items.every((row) => row.agencyShortName !== "Bộ Công Thương")).toBe(true);
  });

  it("filters by words and by dates (Vietnam days)", async () => {
    const { admin } = await history();

    const found = await admin.caller.audit.list({ query: "canbo.moi" });
    const tomorrow = await admin.caller.audit.list({ from: "2026-11-27" });
    const today = await admin.caller.audit.list({ from: "2026-11-26", to: "2026-11-26" });

    expect(found.items.map((row) => row.action)).toContain("create");
    expect(tomorrow.total).toBe(0);
    expect(today.total).toBeGreaterThan(0);
  });

  it("refuses officers and reporters (FORBIDDEN)", async () => {
    const db = await freshDb({ demo: false });
    for (const role of ["officer", "reporter"] as const) {
      const { caller } = await createUser(db, { role, agency: "BCT" });
      expect((await rejection(caller.audit.list({}))).code).toBe("FORBIDDEN");
    }
  });
});

describe("the audit export", () => {
  it("gives a leader the rows of their agency as CSV, formulas neutralised", async () => {
    const { db } = await history();
    await createUser(db, {
      role: "officer",
      agency: "BCT",
      username: "x",
      fullName: "=HYPERLINK(1)",
    });
    await signIn(db, "x");
    const { token } = await signIn(db, "lanhdao.bct");
    served = await serveApp(db, movableClock(TEST_NOW));
    const exported = (query: string) =>
      fetch(`${served?.base}/audit/export?${query}`, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });

    const accounts = await exported("kind=account");
    const logins = await exported("kind=login");

    expect(accounts.status).toBe(200);
    expect(accounts.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await accounts.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toContain('"username"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"quantri"');
    expect(lines[1]).toContain("canbo.moi");
    const loginText = await logins.text();
    expect(loginText).toContain(`"'=HYPERLINK(1)"`);
    expect(loginText).not.toMatch(/(^|,)"=/m);
  });

  it("refuses an officer (403) and anyone not signed in (401)", async () => {
    const { db } = await history();
    await createUser(db, { role: "officer", agency: "BCT", username: "canbo.bct" });
    const { token } = await signIn(db, "canbo.bct");
    served = await serveApp(db, movableClock(TEST_NOW));

    const officer = await fetch(`${served.base}/audit/export`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    const anonymous = await fetch(`${served.base}/audit/export`);

    expect(officer.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});
