import { describe, expect, it } from "vitest";
import { FieldCause } from "../../server/errors.ts";
import {
  agencyId,
  callerAs,
  countRows,
  freshDb,
  issuePaths,
  rejection,
  signedInAs,
  TEST_ADDRESS,
} from "../support/api.ts";
import { createUser } from "../support/factory.ts";

describe("user.list", () => {
  it("lists every user by username, with their agency", async () => {
    const db = await freshDb();
    const admin = await signedInAs(db, "quantri");

    const { items, total } = await admin.user.list({});

    expect(total).toBe(8);
    expect(items.map((user) => user.username)).toEqual([
      "baocao.langson",
      "baocao.pvn",
      "baocao.tkv",
      "canbo.bct",
      "canbo.cu",
      "canbo.tct",
      "lanhdao.bct",
      "quantri",
    ]);
    expect(items.find((user) => user.username === "baocao.langson")).toMatchObject({
      fullName: "Hoàng Thị Dung",
      role: "reporter",
      agencyName: "UBND tỉnh Lạng Sơn",
      isActive: true,
    });
    for (const user of items) expect(user).not.toHaveProperty("passwordHash");
  });

  it("searches by username and pages, counting every match", async () => {
    const db = await freshDb();
    const admin = await signedInAs(db, "quantri");

    const bct = await admin.user.list({ query: "bct" });
    const page = await admin.user.list({ pageSize: 3, page: 3 });

    expect(bct.items.map((user) => user.username)).toEqual(["canbo.bct", "lanhdao.bct"]);
    expect(bct.total).toBe(2);
    expect(page.items.map((user) => user.username)).toEqual(["lanhdao.bct", "quantri"]);
    expect(page.total).toBe(8);
  });

  it("refuses non-admins with FORBIDDEN", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });

    await expect(officer.user.list({})).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "error.forbidden",
    });
  });
});

describe("user.create", () => {
  it("creates a user with a one-time password, who can then sign in, and audits it", async () => {
    const db = await freshDb({ demo: false });
    const { id: adminId, caller: admin } = await createUser(db, { role: "admin", agency: "VPCP" });
    const btc = await agencyId(db, "BTC");

    const { user: created, oneTimePassword } = await admin.user.create({
      username: "CanBo.BTC",
      fullName: "Đỗ Thu Hà",
      agencyId: btc,
      role: "officer",
    });

    expect(created).toMatchObject({
      username: "canbo.btc",
      fullName: "Đỗ Thu Hà",
      agencyId: btc,
      agencyName: "Bộ Tài chính",
      role: "officer",
      isActive: true,
      createdAt: "2026-11-26T03:00:00.000Z",
      mustChangePassword: true,
    });
    expect(oneTimePassword).toMatch(/^[\w-]{16}$/);
    const stored = await db
      .selectFrom("appUser")
      .select("appUser.passwordHash")
      .where("appUser.username", "=", "canbo.btc")
      .executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(oneTimePassword);

    const newUser = await callerAs(db, "canbo.btc", { password: oneTimePassword });
    expect(await newUser.auth.me()).toMatchObject({
      username: "canbo.btc",
      role: "officer",
      pendingStep: "change_password",
    });

    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("auditLog.entity", "=", "user")
      .where("auditLog.action", "=", "create")
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: adminId,
        entityId: created.id,
        agencyId: btc,
        address: TEST_ADDRESS,
      }),
    ]);
    expect(JSON.parse(audit[0]?.detail ?? "{}")).toEqual({
      username: "canbo.btc",
      role: "officer",
      agencyId: btc,
    });
  });

  it("refuses a username already taken (CONFLICT on username) and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller: admin } = await createUser(db, { role: "admin", agency: "VPCP" });
    await createUser(db, { role: "officer", agency: "BCT", username: "canbo.bct" });
    const before = await countRows(db, "appUser");

    const error = await rejection(
      admin.user.create({
        username: "Canbo.bct",
        fullName: "Trùng tên",
        agencyId: await agencyId(db, "BCT"),
        role: "officer",
      }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(error.cause).toBeInstanceOf(FieldCause);
    expect(error.cause).toMatchObject({ field: "username" });
    expect(await countRows(db, "appUser")).toBe(before);
  });

  it("refuses an unknown agency (BAD_REQUEST on agencyId)", async () => {
    const db = await freshDb({ demo: false });
    const { caller: admin } = await createUser(db, { role: "admin", agency: "VPCP" });
    const before = await countRows(db, "appUser");

    const error = await rejection(
      admin.user.create({
        username: "canbo.moi",
        fullName: "Người mới",
        agencyId: 999_999,
        role: "officer",
      }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({ field: "agencyId" });
    expect(await countRows(db, "appUser")).toBe(before);
  });

  it("refuses a malformed username and an empty name, field by field", async () => {
    const db = await freshDb({ demo: false });
    const { caller: admin } = await createUser(db, { role: "admin", agency: "VPCP" });
    const before = await countRows(db, "appUser");

    const error = await rejection(
      admin.user.create({
        username: "cán bộ",
        fullName: " ",
        agencyId: await agencyId(db, "BCT"),
        role: "officer",
      }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual(expect.arrayContaining([["username"], ["fullName"]]));
    expect(await countRows(db, "appUser")).toBe(before);
  });

  it("refuses non-admins with FORBIDDEN and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const before = await countRows(db, "appUser");

    await expect(
      officer.user.create({
        username: "canbo.moi",
        fullName: "Người mới",
        agencyId: await agencyId(db, "BCT"),
        role: "admin",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countRows(db, "appUser")).toBe(before);
  });
});
