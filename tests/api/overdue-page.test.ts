/**
 * The overdue list's page is cut from the order of the partial indexes (db/task.ts
 * listOverdueTasks, db/statistic.ts listOverdue) instead of sorting every overdue task: on a
 * generated database, every page must equal what the general query gives, in the same order.
 */
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadCalendar } from "../../db/calendar.ts";
import type { TaskListItem } from "../../db/task.ts";
import { planDataset, writeBulk } from "../../scripts/dataset.ts";
import { vnDate } from "../../shared/date.ts";
import { dataDirOf, freshDb, signedInAs, TEST_NOW } from "../support/api.ts";
import { createDirective, createTask } from "../support/factory.ts";

async function generated() {
  const db = await freshDb();
  const today = vnDate(new Date(TEST_NOW));
  const plan = await planDataset(db, { tasks: 1_500, today, seed: 5 });
  const sqlite = new SQLite(join(dataDirOf(db), "test.db"));
  writeBulk(sqlite, plan, await loadCalendar(db));
  sqlite.close();
  return db;
}

describe("overdue pages from the index order", () => {
  it("task.list gives the same pages as the general query, in each order, for a leader and a reporter", async () => {
    const db = await generated();
    for (const username of ["lanhdao.bct", "baocao.langson"]) {
      const caller = await signedInAs(db, username);
      for (const sort of ["days_overdue", "urgency", "deadline"] as const) {
        let seen = 0;
        for (const page of [1, 2, 5]) {
          const input = { sort, pageSize: 40, page } as const;
          const fast = await caller.task.list({ ...input, timeliness: ["overdue"] });
          // Two categories take the general query (sorting every overdue task).
          const general = await caller.task.list({ ...input, timeliness: ["overdue", "overdue"] });
          expect(fast).toEqual(general);
          seen += fast.items.length;
        }
        if (username === "lanhdao.bct") expect(seen).toBe(120);
      }
    }
  });

  it("statistic.overdue lists the overdue tasks of task.list, most days overdue first", async () => {
    const db = await generated();
    const caller = await signedInAs(db, "lanhdao.bct");
    const list = await caller.task.list({
      sort: "days_overdue",
      timeliness: ["overdue"],
      pageSize: 500,
    });
    const overdue = await caller.statistic.overdue({ level: "all", pageSize: 500 });
    expect(overdue.total).toBe(list.total);
    expect(overdue.total).toBeGreaterThan(100);
    const days = overdue.items.map((item) => item.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(new Set(overdue.items.map((item) => item.id))).toEqual(
      new Set(list.items.map((item) => item.id)),
    );
    // A task reported done today, as late as the 40th overdue task: it joins the page of that
    // one at its place (the range of reported tasks a page reads includes its edge).
    const edge = (
      await caller.task.list({ sort: "days_overdue", timeliness: ["overdue"], pageSize: 40 })
    ).items.at(-1);
    if (!edge?.dueOn) throw new Error("no 40th overdue task");
    const directive = await createDirective(db, { issuedOn: "2015-01-05" });
    const reportedId = await createTask(db, {
      directive,
      lead: "UBND-20",
      deadline: edge.dueOn,
      status: "reported_done",
    });
    // Page by page, in the general query's order (tasks reported done join each page by range).
    const pages: number[] = [];
    for (const page of [1, 2, 5]) {
      const input = { sort: "days_overdue", pageSize: 40, page } as const;
      const general = await caller.task.list({ ...input, timeliness: ["overdue", "overdue"] });
      const listed = await caller.statistic.overdue({ level: "all", pageSize: 40, page });
      expect(listed.items.map((item) => item.id)).toEqual(general.items.map((item) => item.id));
      pages.push(...listed.items.map((item) => item.id));
    }
    expect(pages.slice(38, 42)).toContain(reportedId);
  });
});

describe("the task list in urgency order, page by page", () => {
  it("gives every task once, overdue first then due soon, in deadline, no deadline and closed, each by deadline", async () => {
    const db = await generated();
    const ranks = ["overdue", "due_soon", "in_deadline", "no_deadline"];
    const rankOf = (task: TaskListItem) => {
      const rank = ranks.indexOf(task.timeliness ?? "");
      return rank < 0 ? ranks.length : rank;
    };
    for (const username of ["lanhdao.bct", "baocao.langson"]) {
      const caller = await signedInAs(db, username);
      const pageSize = 70;
      const first = await caller.task.list({ sort: "urgency", pageSize });
      // The same tasks as the general query counts (the deadline order sorts them all).
      expect(first.total).toBe((await caller.task.list({ sort: "deadline", pageSize })).total);
      const listed: TaskListItem[] = [];
      for (let page = 1; (page - 1) * pageSize < first.total; page++) {
        listed.push(...(await caller.task.list({ sort: "urgency", pageSize, page })).items);
      }
      const ids = listed.map((task) => task.id);
      expect(new Set(ids).size).toBe(first.total);
      expect(ids.length).toBe(first.total);
      const sorted = [...listed].sort(
        (a, b) =>
          rankOf(a) - rankOf(b) ||
          (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") ||
          a.id - b.id,
      );
      expect(ids).toEqual(sorted.map((task) => task.id));
      // Every rank is there, so pages cross from one to the next.
      if (username === "lanhdao.bct") expect(new Set(listed.map(rankOf)).size).toBe(5);
    }
  });
});
