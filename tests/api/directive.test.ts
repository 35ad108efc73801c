import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import type { DirectiveInput } from "../../shared/directive-input.ts";
import {
  anonymousCaller,
  type Caller,
  countRows,
  directiveIdBy,
  freshDb,
  issuePaths,
  rejection,
  signedInAs,
} from "../support/api.ts";
import { createDirective, createTask, createUser } from "../support/factory.ts";

const NEW_DIRECTIVE = {
  type: "cong_van",
  number: "1234/BCT-KH",
  issuer: "Bộ Công Thương",
  issuedOn: "2026-11-20",
  title: "Về việc bảo đảm cung ứng xăng dầu dịp cuối năm",
  summary: "Yêu cầu các đơn vị rà soát nguồn cung xăng dầu.",
} satisfies DirectiveInput;

async function directiveRow(db: Db, id: number) {
  return db
    .selectFrom("directive")
    .selectAll()
    .where("directive.id", "=", id)
    .executeTakeFirstOrThrow();
}

async function updateInput(caller: Caller, id: number) {
  const { directive } = await caller.directive.byId({ id });
  return {
    id,
    version: directive.version,
    type: directive.type,
    number: directive.number,
    issuer: directive.issuer,
    issuedOn: directive.issuedOn,
    title: directive.title,
    summary: directive.summary,
    fullText: directive.fullText,
  };
}

/** A 2024 directive the Ministry (BCT) tracks, with tasks led by BCT, PVN and Lạng Sơn. */
async function ministryDirective(db: Db): Promise<number> {
  const at = "2024-02-20";
  const directive = await createDirective(db, {
    tracking: "BCT",
    number: "06/CT-TTg",
    issuedOn: "2024-02-15",
    at,
  });
  const parent = await createTask(db, { directive, clause: "Mục 2", lead: "BCT", at });
  await createTask(db, { directive, parent, clause: "Mục 2.1", lead: "PVN", at });
  await createTask(db, { directive, clause: "Mục 6.6", lead: "UBND-20", at });
  await createTask(db, { directive, clause: "Mục 7", lead: "BCT", coordinators: ["BTC"], at });
  return directive;
}

describe("directive.list", () => {
  it("lists the directives the tracking agency follows, newest first, with task counts", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const { items, total } = await caller.directive.list({});

    expect(total).toBe(2);
    expect(items.map((item) => [item.number, item.taskCount])).toEqual([
      ["12/CT-BCT", 9],
      ["06/CT-TTg", 20],
    ]);
    expect(items[1]).toMatchObject({
      type: "chi_thi",
      issuer: "Thủ tướng Chính phủ",
      issuedOn: "2024-02-15",
      trackingAgency: { code: "BCT" },
    });
  });

  it("folds the search text: “tet nguyen dan” finds Chỉ thị 06/CT-TTg", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const folded = await caller.directive.list({ query: "tet nguyen dan" });
    const accented = await caller.directive.list({ query: "TẾT Nguyên Đán" });

    expect(folded.items.map((item) => item.number)).toEqual(["06/CT-TTg"]);
    expect(folded.total).toBe(1);
    expect(accented.items.map((item) => item.number)).toEqual(["06/CT-TTg"]);
    expect((await caller.directive.list({ query: "tet xyzzy" })).total).toBe(0);
  });

  it("filters by document type", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");
    await caller.directive.create(NEW_DIRECTIVE);

    const letters = await caller.directive.list({ type: "cong_van" });
    const directives = await caller.directive.list({ type: "chi_thi" });

    expect(letters.items.map((item) => item.number)).toEqual(["1234/BCT-KH"]);
    expect(letters.total).toBe(1);
    expect(directives.items.map((item) => item.number)).toEqual(["12/CT-BCT", "06/CT-TTg"]);
    expect(directives.total).toBe(2);
  });

  it("filters by year of issue", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const of2024 = await caller.directive.list({ year: 2024 });
    const of2026 = await caller.directive.list({ year: 2026 });
    const of2025 = await caller.directive.list({ year: 2025 });

    expect(of2024.items.map((item) => item.number)).toEqual(["06/CT-TTg"]);
    expect(of2026.items.map((item) => item.number)).toEqual(["12/CT-BCT"]);
    expect(of2025).toEqual({ items: [], total: 0 });
  });

  it("pages the list and still counts every match", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const first = await caller.directive.list({ pageSize: 1, page: 1 });
    const second = await caller.directive.list({ pageSize: 1, page: 2 });

    expect(first.items.map((item) => item.number)).toEqual(["12/CT-BCT"]);
    expect(second.items.map((item) => item.number)).toEqual(["06/CT-TTg"]);
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
  });

  it("shows an agency the directives in which it has a task, and nothing to an unrelated one", async () => {
    const db = await freshDb({ demo: false });
    const { caller: langSon } = await createUser(db, { role: "reporter", agency: "UBND-20" });
    const { caller: health } = await createUser(db, { role: "officer", agency: "BYT" });
    await ministryDirective(db);
    const sample = await createDirective(db, { tracking: "BCT", number: "12/CT-BCT" });
    await createTask(db, { directive: sample, lead: "UBND-20" });
    // A directive without a task for Lạng Sơn.
    await createTask(db, {
      directive: await createDirective(db, { tracking: "BCT" }),
      lead: "PVN",
    });

    const seen = await langSon.directive.list({});

    expect(seen.items.map((item) => item.number)).toEqual(["12/CT-BCT", "06/CT-TTg"]);
    expect(await health.directive.list({})).toEqual({ items: [], total: 0 });
  });

  it("counts only the tasks the user may see, as the directive's page shows them", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "reporter", agency: "PVN" });
    const id = await ministryDirective(db);

    const { items } = await caller.directive.list({});
    const { tasks } = await caller.directive.byId({ id });

    expect(tasks).toHaveLength(1);
    expect(items.find((item) => item.id === id)?.taskCount).toBe(tasks.length);
  });

  it("refuses an out-of-range year with BAD_REQUEST", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");

    const error = await rejection(caller.directive.list({ year: 1800 }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["year"]]);
  });
});

describe("directive.byId", () => {
  it("gives the directive, its tasks as a flat list with parent ids, and the officer's rights", async () => {
    const db = await freshDb();
    const caller = await signedInAs(db, "canbo.bct");
    const id = await directiveIdBy(db, "06/CT-TTg");

    const { directive, tasks, permissions } = await caller.directive.byId({ id });

    expect(directive).toMatchObject({
      id,
      number: "06/CT-TTg",
      trackingAgency: { code: "BCT", name: "Bộ Công Thương" },
      isDemo: true,
      version: 1,
    });
    expect(tasks).toHaveLength(20);
    const item6 = tasks.find((task) => task.clause === "Mục 6");
    const item66 = tasks.find((task) => task.clause === "Mục 6.6");
    expect(item6?.parentId).toBeNull();
    expect(item66).toMatchObject({
      parentId: item6?.id,
      leadAgency: { code: "UBND-20" },
      status: "in_progress",
      progress: 80,
      timeliness: "overdue",
    });
    expect(tasks.filter((task) => task.parentId === item6?.id)).toHaveLength(7);
    // Its agency tracks the directive: the officer may urge every task still being worked on.
    const working = tasks.filter((task) => ["not_started", "in_progress"].includes(task.status));
    expect(working.length).toBeGreaterThan(0);
    expect(working.length).toBeLessThan(tasks.length);
    expect(permissions).toEqual({
      canEdit: true,
      canAddTask: true,
      urgeTaskIds: working.map((task) => task.id),
    });
  });

  it("shows another agency only its own tasks and no rights over the directive", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "reporter", agency: "PVN" });

    const { tasks, permissions } = await caller.directive.byId({ id: await ministryDirective(db) });

    expect(tasks.map((task) => task.clause)).toEqual(["Mục 2.1"]);
    expect(permissions).toEqual({ canEdit: false, canAddTask: false, urgeTaskIds: [] });
  });

  it("gives the tracking agency's leader no right to edit", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "leader", agency: "BCT" });

    const { tasks, permissions } = await caller.directive.byId({ id: await ministryDirective(db) });

    expect(tasks).toHaveLength(4);
    // It may urge, as urge.send lets the tracking agency's leader.
    expect(permissions).toEqual({
      canEdit: false,
      canAddTask: false,
      urgeTaskIds: tasks
        .filter((task) => ["not_started", "in_progress"].includes(task.status))
        .map((task) => task.id),
    });
    expect(permissions.urgeTaskIds.length).toBeGreaterThan(0);
  });

  it("answers NOT_FOUND for an unknown id and for a directive the user may not see", async () => {
    const db = await freshDb({ demo: false });
    const { caller: health } = await createUser(db, { role: "officer", agency: "BYT" });
    const id = await ministryDirective(db);

    await expect(health.directive.byId({ id: 999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'error.directiveNotFound|{"id":999999}',
    });
    await expect(health.directive.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("directive.create", () => {
  it("creates a directive tracked by the officer's agency and records it in the audit log", async () => {
    const db = await freshDb({ demo: false });
    const { id: officerId, caller } = await createUser(db, { role: "officer", agency: "BCT" });

    const { id } = await caller.directive.create(NEW_DIRECTIVE);

    const { directive, tasks, permissions } = await caller.directive.byId({ id });
    expect(directive).toMatchObject({
      ...NEW_DIRECTIVE,
      fullText: "",
      trackingAgency: { code: "BCT" },
      isDemo: false,
      version: 1,
      createdAt: "2026-11-26T03:00:00.000Z",
    });
    expect(tasks).toEqual([]);
    expect(permissions).toEqual({ canEdit: true, canAddTask: true, urgeTaskIds: [] });
    expect((await directiveRow(db, id)).issueYear).toBe(2026);
    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("auditLog.entity", "=", "directive")
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: "create",
        entityId: id,
        actorId: officerId,
        at: "2026-11-26T03:00:00.000Z",
      }),
    ]);
    expect(JSON.parse(audit[0]?.detail ?? "{}")).toEqual({
      number: "1234/BCT-KH",
      type: "cong_van",
    });
  });

  it("makes the new directive searchable without diacritics", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });

    await caller.directive.create(NEW_DIRECTIVE);

    const found = await caller.directive.list({ query: "xang dau dip cuoi nam" });
    expect(found.items.map((item) => item.number)).toEqual(["1234/BCT-KH"]);
  });

  it("refuses an impossible date with BAD_REQUEST on issuedOn and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const before = await countRows(db, "directive");

    const error = await rejection(
      caller.directive.create({ ...NEW_DIRECTIVE, issuedOn: "2026-02-30" }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["issuedOn"]]);
    expect(await countRows(db, "directive")).toBe(before);
  });

  it("refuses an empty title and a malformed document number, field by field", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const before = await countRows(db, "directive");

    const error = await rejection(
      caller.directive.create({ ...NEW_DIRECTIVE, title: "   ", number: "so mot" }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual(expect.arrayContaining([["title"], ["number"]]));
    expect(await countRows(db, "directive")).toBe(before);
  });

  it("refuses a duplicate (same type, number, issuer and year) with CONFLICT", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    await caller.directive.create(NEW_DIRECTIVE);
    const before = await countRows(db, "directive");
    const auditBefore = await countRows(db, "auditLog");

    await expect(
      caller.directive.create({ ...NEW_DIRECTIVE, issuedOn: "2026-12-01", title: "Bản khác" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await countRows(db, "directive")).toBe(before);
    expect(await countRows(db, "auditLog")).toBe(auditBefore);
  });

  it("accepts Party document numbers and tells documents apart by number and year", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const party = {
      type: "nghi_quyet" as const,
      number: "57-NQ/TW",
      issuer: "Bộ Chính trị",
      issuedOn: "2024-12-22",
      title: "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo",
    };
    await caller.directive.create(party);
    // The same number in another year is another document; in the same year, a duplicate.
    await caller.directive.create({ ...party, issuedOn: "2026-03-02", title: "Văn bản khác" });
    await expect(
      caller.directive.create({ ...party, issuedOn: "2024-12-30", title: "Trùng" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    for (const number of ["57-NQ", "NQ/TW", "57-nq/TW"]) {
      const error = await rejection(caller.directive.create({ ...party, number }));
      expect(issuePaths(error)).toEqual([["number"]]);
    }
  });

  it("refuses reporters and leaders with FORBIDDEN and writes nothing but the refusals' log", async () => {
    const db = await freshDb({ demo: false });
    await ministryDirective(db);
    const { caller: reporter } = await createUser(db, { role: "reporter", agency: "PVN" });
    const { caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });
    const before = await countRows(db, "directive");
    const changes = async () =>
      (
        await db
          .selectFrom("auditLog")
          .select("auditLog.id")
          .where("auditLog.entity", "=", "directive")
          .execute()
      ).length;
    const auditBefore = await changes();

    await expect(reporter.directive.create(NEW_DIRECTIVE)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(leader.directive.create(NEW_DIRECTIVE)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    expect(await countRows(db, "directive")).toBe(before);
    expect(await changes()).toBe(auditBefore);
    const refusals = await db
      .selectFrom("auditLog")
      .select(["auditLog.action", "auditLog.detail"])
      .where("auditLog.entity", "=", "refusal")
      .execute();
    expect(refusals).toEqual([
      { action: "directive.create", detail: '{"code":"FORBIDDEN"}' },
      { action: "directive.create", detail: '{"code":"FORBIDDEN"}' },
    ]);
  });
});

describe("directive.update", () => {
  it("changes the directive, bumps its version and records before and after", async () => {
    const db = await freshDb({ demo: false });
    const { id: officerId, caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await createDirective(db, {
      tracking: "BCT",
      title: "Chỉ thị về tăng cường theo dõi cung cầu hàng hóa",
    });
    const input = await updateInput(caller, id);

    const result = await caller.directive.update({
      ...input,
      title: "Chỉ thị về điều hành giá xăng dầu",
    });

    expect(result).toEqual({ id, version: input.version + 1 });
    const { directive } = await caller.directive.byId({ id });
    expect(directive).toMatchObject({
      title: "Chỉ thị về điều hành giá xăng dầu",
      version: input.version + 1,
      updatedAt: "2026-11-26T03:00:00.000Z",
    });
    const found = await caller.directive.list({ query: "dieu hanh gia" });
    expect(found.items.map((item) => item.id)).toEqual([id]);
    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("auditLog.entity", "=", "directive")
      .where("auditLog.action", "=", "update")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: id, actorId: officerId });
    expect(JSON.parse(audit[0]?.detail ?? "{}")).toMatchObject({
      before: { title: input.title },
      after: { title: "Chỉ thị về điều hành giá xăng dầu" },
    });
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await createDirective(db, { tracking: "BCT" });
    const input = await updateInput(caller, id);
    await caller.directive.update({ ...input, summary: "Bản tóm tắt mới." });
    const before = await directiveRow(db, id);
    const auditBefore = await countRows(db, "auditLog");

    await expect(
      caller.directive.update({ ...input, title: "Tiêu đề của người đến sau" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `error.staleDirective|{"id":${id}}` });

    expect(await directiveRow(db, id)).toEqual(before);
    expect(before.version).toBe(input.version + 1);
    expect(await countRows(db, "auditLog")).toBe(auditBefore);
  });

  it("refuses an impossible date with BAD_REQUEST and leaves the directive as it was", async () => {
    const db = await freshDb({ demo: false });
    const { caller } = await createUser(db, { role: "officer", agency: "BCT" });
    const id = await createDirective(db, { tracking: "BCT" });
    const input = await updateInput(caller, id);
    const before = await directiveRow(db, id);

    const error = await rejection(caller.directive.update({ ...input, issuedOn: "2026-02-30" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["issuedOn"]]);
    expect(await directiveRow(db, id)).toEqual(before);
  });

  it("refuses the leader (FORBIDDEN) and an agency that cannot see it (NOT_FOUND)", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: leader } = await createUser(db, { role: "leader", agency: "BCT" });
    const { caller: health } = await createUser(db, { role: "officer", agency: "BYT" });
    const id = await ministryDirective(db);
    const input = await updateInput(officer, id);
    const before = await directiveRow(db, id);

    await expect(leader.directive.update({ ...input, title: "Sửa" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(health.directive.update({ ...input, title: "Sửa" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    expect(await directiveRow(db, id)).toEqual(before);
  });

  it("refuses an officer of a coordinating agency with FORBIDDEN", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: finance } = await createUser(db, { role: "officer", agency: "BTC" });
    // BTC coordinates Mục 7, so it sees the directive.
    const id = await ministryDirective(db);
    const input = await updateInput(officer, id);

    await expect(finance.directive.update({ ...input, title: "Sửa" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await directiveRow(db, id)).title).toBe(input.title);
  });
});

describe("directives need a session", () => {
  it("refuses list, byId and create without one", async () => {
    const db = await freshDb({ demo: false });
    const anonymous = anonymousCaller(db);
    const id = await createDirective(db, { tracking: "BCT" });

    await expect(anonymous.directive.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.directive.byId({ id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(anonymous.directive.create(NEW_DIRECTIVE)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await countRows(db, "directive")).toBe(1);
  });
});
