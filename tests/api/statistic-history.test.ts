/**
 * Issue 9, "Wrong today" items 1 to 4: as-of figures follow the task's state of the day (lead,
 * coordinators, visibility), mergers attribute a task to its successor from the merger on,
 * levels count each task once, and agencies carry the names and group memberships of the time.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { agencyId, type Caller, directiveIdBy, freshDb, rejection } from "../support/api.ts";
import { createDirective, createTask, createUser, someoneIn } from "../support/factory.ts";

/** What task.update needs to keep the task as it is, from the database. */
async function editInputOf(db: Db, id: number) {
  const task = await db
    .selectFrom("task")
    .select([
      "task.id",
      "task.clause",
      "task.title",
      "task.description",
      "task.leadAgencyId",
      "task.deadline",
      "task.isKey",
      "task.version",
    ])
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
  const coordinators = await db
    .selectFrom("taskCoordinator")
    .select("taskCoordinator.agencyId")
    .where("taskCoordinator.taskId", "=", id)
    .execute();
  return {
    ...task,
    isKey: task.isKey === 1,
    coordinatorAgencyIds: coordinators.map((row) => row.agencyId),
  };
}

async function versionOf(db: Db, id: number): Promise<number> {
  const { version } = await db
    .selectFrom("task")
    .select("task.version")
    .where("task.id", "=", id)
    .executeTakeFirstOrThrow();
  return version;
}

/** A directive of 2024 tracked by BCT, and overdue tasks of it led by `leads` (due 29/03/2024). */
async function directiveOf2024(db: Db, leads: readonly string[], coordinators: string[] = []) {
  const directive = await createDirective(db, {
    tracking: "BCT",
    issuedOn: "2024-02-15",
    at: "2024-02-16",
  });
  const ids: number[] = [];
  for (const [index, lead] of leads.entries()) {
    ids.push(
      await createTask(db, {
        directive,
        clause: `Mục ${index + 1}`,
        lead,
        coordinators,
        deadline: "2024-03-29",
        progress: 20,
        at: "2024-02-20",
      }),
    );
  }
  return { directive, ids };
}

describe("as-of figures follow the task's state of the day (item 1)", () => {
  it("keeps a lead agency's past figures when a task is reassigned later", async () => {
    const db = await freshDb({ demo: false });
    const { directive, ids } = await directiveOf2024(db, ["PVN", "PVN", "PVN"]);
    const pvn = (await createUser(db, { role: "reporter", agency: "PVN" })).caller;
    const langSon = (await createUser(db, { role: "reporter", agency: "UBND-20" })).caller;
    const asOf = { directiveId: directive, asOf: "2024-04-15" };
    const before = await pvn.statistic.summary(asOf);
    expect(before.cells).toMatchObject({ total: 3, overdue: 3 });

    const officer = await someoneIn(db, "BCT", "officer");
    const first = ids[0] ?? 0;
    await officer.task.update({
      ...(await editInputOf(db, first)),
      leadAgencyId: await agencyId(db, "UBND-20"),
    });

    expect((await pvn.statistic.summary(asOf)).cells).toEqual(before.cells);
    expect((await pvn.statistic.byAgency(asOf)).rows.map((row) => row.agency.code)).toEqual([
      "PVN",
    ]);
    expect((await pvn.statistic.tasks({ ...asOf, cell: "overdue" })).total).toBe(3);
    // Lạng Sơn did not lead it on 15/04/2024: it sees no PVN row of that day, nor the task.
    expect((await langSon.statistic.byAgency(asOf)).rows).toEqual([]);
    expect((await langSon.statistic.tasks({ ...asOf, cell: "total" })).total).toBe(0);
    // Today the task is Lạng Sơn's (and PVN no longer sees it).
    const today = { directiveId: directive };
    expect((await langSon.statistic.summary(today)).cells.total).toBe(1);
    expect((await pvn.statistic.summary(today)).cells.total).toBe(2);
  });

  it("judges a coordinator's view on the coordinators of the day", async () => {
    const db = await freshDb({ demo: false });
    const { directive, ids } = await directiveOf2024(db, ["PVN"], ["TKV"]);
    const tkv = (await createUser(db, { role: "reporter", agency: "TKV" })).caller;
    const asOf = { directiveId: directive, asOf: "2024-04-15" };
    expect((await tkv.statistic.summary(asOf)).cells.total).toBe(1);

    const officer = await someoneIn(db, "BCT", "officer");
    const id = ids[0] ?? 0;
    await officer.task.update({
      ...(await editInputOf(db, id)),
      coordinatorAgencyIds: [await agencyId(db, "EVN")],
    });

    expect((await tkv.statistic.summary(asOf)).cells.total).toBe(1);
    expect((await tkv.statistic.summary({ directiveId: directive })).cells.total).toBe(0);
    const evn = (await createUser(db, { role: "reporter", agency: "EVN" })).caller;
    expect((await evn.statistic.summary(asOf)).cells.total).toBe(0);
    expect((await evn.statistic.summary({ directiveId: directive })).cells.total).toBe(1);
  });
});

describe("mergers: a task counts under its successor from the merger on (item 2)", () => {
  it("counts Hà Giang's open task under Hà Giang before 01/07/2025 and Tuyên Quang after", async () => {
    const db = await freshDb({ demo: false });
    const { directive } = await directiveOf2024(db, ["UBND-02"]);
    const haGiang = await agencyId(db, "UBND-02");
    const tuyenQuang = await agencyId(db, "UBND-08-2025");
    const user = (await createUser(db, { role: "reporter", agency: "UBND-08-2025" })).caller;
    const scope = { directiveId: directive, agencyId: tuyenQuang };

    const before = await user.statistic.byAgency({ ...scope, asOf: "2025-06-30" });
    expect(before.rows.map((row) => row.agency.id)).toEqual([haGiang]);
    expect(before.total).toMatchObject({ total: 1, overdue: 1 });

    for (const asOf of ["2025-07-10", undefined]) {
      const table = await user.statistic.byAgency({ ...scope, asOf });
      expect(table.rows).toHaveLength(1);
      expect(table.rows[0]).toMatchObject({
        agency: { id: tuyenQuang },
        formerAgencies: [{ id: haGiang, shortName: "Hà Giang" }],
        total: 1,
        overdue: 1,
      });
      expect((await user.statistic.summary({ ...scope, asOf })).cells.overdue).toBe(1);
      const row = await user.statistic.tasks({
        ...scope,
        asOf,
        cell: "overdue",
        leadAgencyId: tuyenQuang,
      });
      expect(row.total).toBe(1);
    }
    const overdue = await user.statistic.overdue(scope);
    expect(overdue.total).toBe(1);
    expect(overdue.items[0]).toMatchObject({
      leadAgency: { id: haGiang },
      successorAgency: { id: tuyenQuang, shortName: "Tuyên Quang" },
    });
  });

  it("lets a task choose among the successors of a split ministry, without moving earlier figures", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, {
      tracking: "VPCP",
      issuedOn: "2024-05-06",
      at: "2024-05-06",
    });
    const task = await createTask(db, {
      directive,
      lead: "BLĐTBXH",
      deadline: "2026-12-31",
      at: "2024-05-07",
    });
    const leader = (await createUser(db, { role: "leader", agency: "VPCP" })).caller;
    const bnv = await agencyId(db, "BNV");
    const byt = await agencyId(db, "BYT");
    const rowsOn = async (asOf?: string) =>
      (await leader.statistic.byAgency({ directiveId: directive, asOf })).rows.map(
        (row) => row.agency.code,
      );
    expect(await rowsOn("2025-02-28")).toEqual(["BLĐTBXH"]);
    expect(await rowsOn()).toEqual(["BNV"]);

    const officer = await someoneIn(db, "VPCP", "officer");
    const refused = await rejection(
      officer.task.setSuccessor({
        id: task,
        successorAgencyId: await agencyId(db, "BCT"),
        version: await versionOf(db, task),
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/^error\.notASuccessor\|/);
    const reporter = (await createUser(db, { role: "reporter", agency: "BNV" })).caller;
    await expect(
      reporter.task.setSuccessor({
        id: task,
        successorAgencyId: byt,
        version: await versionOf(db, task),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    await officer.task.setSuccessor({
      id: task,
      successorAgencyId: byt,
      version: await versionOf(db, task),
    });
    expect(await rowsOn()).toEqual(["BYT"]);
    // Chosen on 26/11/2026: as of 01/06/2025 the task still counted under the default successor.
    expect(await rowsOn("2025-06-01")).toEqual(["BNV"]);
    // The same from the kept counts, which answer the whole scope (no directive filter): the
    // default successor no longer listed with zeros once the task has moved on.
    const keptRowsOn = async (asOf?: string) =>
      (await leader.statistic.byAgency({ asOf })).rows.map((row) => row.agency.code);
    expect(await keptRowsOn()).toEqual(["BYT"]);
    expect(await keptRowsOn("2025-06-01")).toEqual(["BNV"]);
    expect(await keptRowsOn("2025-02-28")).toEqual(["BLĐTBXH"]);
    expect(bnv).not.toBe(byt);
    const events = await db
      .selectFrom("taskEvent")
      .select(["taskEvent.field", "taskEvent.newValue"])
      .where("taskEvent.taskId", "=", task)
      .where("taskEvent.field", "=", "successorAgencyId")
      .execute();
    expect(events).toEqual([{ field: "successorAgencyId", newValue: String(byt) }]);
  });
});

describe("levels: the tasks a directive assigns, all of them, or one agency's breakdowns (item 3)", () => {
  it("counts Directive 06's eight items by default, nineteen with breakdowns, eleven of BCT's", async () => {
    const db = await freshDb();
    const caller = await leaderOfBct(db);
    const directiveId = await directiveIdBy(db, "06/CT-TTg");
    const bct = await agencyId(db, "BCT");
    const levels = {
      directive: await caller.statistic.byAgency({ directiveId }),
      all: await caller.statistic.byAgency({ directiveId, level: "all" }),
      agency: await caller.statistic.byAgency({
        directiveId,
        level: "agency",
        assignerAgencyId: bct,
      }),
    };
    expect(levels.directive.total.total).toBe(8);
    expect(levels.all.total.total).toBe(19);
    expect(levels.agency.total.total).toBe(11);
    for (const [level, table] of Object.entries(levels)) {
      const sum = table.rows.reduce((total, row) => total + row.total, 0);
      expect(sum, level).toBe(table.total.total);
    }
    // Each task once in a table: the lists of the rows are disjoint and make up the total.
    const seen = new Set<number>();
    for (const row of levels.all.rows) {
      const listed = await caller.statistic.tasks({
        directiveId,
        level: "all",
        cell: "total",
        leadAgencyId: row.agency.id,
        pageSize: 500,
      });
      for (const item of listed.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
    }
    expect(seen.size).toBe(19);
  });

  it("follows a province's own breakdowns to its Department of Industry and Trade", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const task = await createTask(db, { directive, lead: "UBND-20", deadline: "2026-12-31" });
    // Lạng Sơn's officer passes it on to its Sở Công Thương; the Ministry to its Cục XNK.
    const langSon = await someoneIn(db, "UBND-20", "officer");
    await langSon.task.create({
      directiveId: directive,
      parentId: task,
      title: "Theo dõi hàng hóa qua cửa khẩu Hữu Nghị",
      leadAgencyId: await agencyId(db, "SCT-20"),
      deadline: "2026-12-20",
    });
    const ministryTask = await createTask(db, { directive, lead: "BCT", deadline: "2026-12-31" });
    await createTask(db, { directive, parent: ministryTask, lead: "BCT-XNK" });
    const leader = (await createUser(db, { role: "leader", agency: "UBND-20" })).caller;
    const own = await leader.statistic.byAgency({
      directiveId: directive,
      level: "agency",
      assignerAgencyId: await agencyId(db, "UBND-20"),
    });
    expect(own.rows.map((row) => row.agency.code)).toEqual(["SCT-20"]);
    expect(own.total.total).toBe(1);
    const ministry = await leaderOfBct(db);
    const all = await ministry.statistic.byAgency({ directiveId: directive, level: "all" });
    expect(all.total.total).toBe(4);
    const assigned = await ministry.statistic.byAgency({ directiveId: directive });
    expect(assigned.total.total).toBe(2);
  });

  it("needs the assigning agency for level agency", async () => {
    const db = await freshDb({ demo: false });
    const caller = await leaderOfBct(db);
    const error = await rejection(caller.statistic.summary({ level: "agency" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("agency names and groups of the time (item 4)", () => {
  it("prints PVN's 2024 name in 2024 figures and its new name after the renaming", async () => {
    const db = await freshDb({ demo: false });
    const { directive } = await directiveOf2024(db, ["PVN"]);
    const caller = await leaderOfBct(db);
    const nameOn = async (asOf?: string) =>
      (await caller.statistic.byAgency({ directiveId: directive, asOf })).rows[0]?.agency.name;
    expect(await nameOn("2024-04-15")).toBe("Tập đoàn Dầu khí Việt Nam");
    expect(await nameOn("2025-04-08")).toBe("Tập đoàn Dầu khí Việt Nam");
    expect(await nameOn("2025-04-09")).toBe("Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam");
    expect(await nameOn()).toBe("Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam");
  });

  it("gives the northern border group its seven members of each day", async () => {
    const db = await freshDb({ demo: false });
    const caller = await leaderOfBct(db);
    const codesOn = async (on: string) => {
      const group = (await caller.agency.groups({ on })).find((g) => g.code === "northern-border");
      const agencies = await caller.agency.byIds({ ids: group?.agencyIds ?? [] });
      return agencies.map((agency) => agency.code).sort();
    };
    const before = await codesOn("2024-03-01");
    const after = await codesOn("2026-11-26");
    expect(before).toHaveLength(7);
    expect(before).toContain("UBND-02");
    expect(after).toHaveLength(7);
    expect(after).toContain("UBND-08-2025");
    expect(after).not.toContain("UBND-02");
  });
});

async function leaderOfBct(db: Db): Promise<Caller> {
  return someoneIn(db, "BCT", "leader");
}

describe("definitions settled", () => {
  it("shows tasks awaiting confirmation and cancelled tasks apart, each with its list", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, { tracking: "BCT" });
    const awaiting = await createTask(db, {
      directive,
      lead: "PVN",
      deadline: "2026-12-31",
      status: "reported_done",
    });
    const cancelled = await createTask(db, { directive, lead: "TKV", status: "cancelled" });
    await createTask(db, { directive, lead: "EVN", progress: 30 });
    const caller = await leaderOfBct(db);

    const { cells } = await caller.statistic.summary({ directiveId: directive });
    // Cancelled: outside the total and the four cells; awaiting confirmation: open, inside them.
    expect(cells).toMatchObject({ total: 2, open: 2, awaitingConfirmation: 1, cancelled: 1 });
    const listOf = async (cell: "awaitingConfirmation" | "cancelled") =>
      (await caller.statistic.tasks({ directiveId: directive, cell })).items.map((i) => i.id);
    expect(await listOf("awaitingConfirmation")).toEqual([awaiting]);
    expect(await listOf("cancelled")).toEqual([cancelled]);
    const table = await caller.statistic.byAgency({ directiveId: directive, sort: "name" });
    expect(table.total).toMatchObject({ awaitingConfirmation: 1, cancelled: 1 });
    expect(table.rows.find((row) => row.agency.code === "TKV")).toMatchObject({
      total: 0,
      cancelled: 1,
    });
  });

  it("counts the tasks falling due in the report period and the share completed", async () => {
    const db = await freshDb({ demo: false });
    const directive = await createDirective(db, {
      tracking: "BCT",
      issuedOn: "2026-09-01",
      at: "2026-09-01",
    });
    const inPeriod = { directive, at: "2026-09-02" } as const;
    await createTask(db, { ...inPeriod, lead: "PVN", deadline: "2026-10-20", status: "completed" });
    await createTask(db, { ...inPeriod, lead: "TKV", deadline: "2026-11-10", progress: 50 });
    await createTask(db, { ...inPeriod, lead: "EVN", deadline: "2026-11-30", progress: 50 });
    await createTask(db, { ...inPeriod, lead: "BCT", deadline: "2026-10-01" });
    const caller = await leaderOfBct(db);

    // The November report of Decree 09: 15/10 to 14/11/2026.
    const summary = await caller.statistic.summary({
      directiveId: directive,
      reportFrom: "2026-10-15",
      asOf: "2026-11-14",
    });
    expect(summary.due).toEqual({
      from: "2026-10-15",
      asOf: "2026-11-14",
      total: 2,
      completed: 1,
      completedOnTime: 1,
      completionRate: 50,
    });
    expect((await caller.statistic.summary({ directiveId: directive })).due).toBeNull();
  });
});
