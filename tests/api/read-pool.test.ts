/**
 * The reader threads of the leaders' views (server/read-pool.ts, issue 12): the built worker reads
 * the same figures as the request's own connection, and sees what the server has just written
 * (WAL), through its own read-only connection.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trackingAgencies, urgingRules } from "../../db/urge.ts";
import { userById } from "../../db/user.ts";
import { viewerFor } from "../../server/context.ts";
import { readPool } from "../../server/read-pool.ts";
import { readsHere } from "../../server/reads.ts";
import { addDays, vnDate } from "../../shared/date.ts";
import { taskListInput } from "../../shared/task-input.ts";
import { dataDirOf, freshDb, TEST_NOW, userIdOf } from "../support/api.ts";
import { createDirective, createTask } from "../support/factory.ts";

const WORKER = "dist/server/read-worker.js";

describe("the read pool", () => {
  it("reads on a worker thread what the server's connection reads, writes included", async () => {
    // npm test builds before it tests; the worker is the built one, as the server runs it.
    expect(existsSync(WORKER)).toBe(true);
    const db = await freshDb();
    const pool = readPool(join(dataDirOf(db), "test.db"), 1, WORKER);
    if (!pool) throw new Error("no pool");
    try {
      const user = await userById(db, await userIdOf(db, "lanhdao.bct"));
      if (!user) throw new Error("no leader");
      const viewer = await viewerFor(db, user);
      const today = vnDate(new Date(TEST_NOW));
      const filters = { keyOnly: false, periodBy: "issued", urged: "all", level: "all" } as const;
      const here = readsHere(db);
      const before = await pool.reads("statisticCounts", viewer, filters, "in_force", today);
      expect(before).toEqual(await here("statisticCounts", viewer, filters, "in_force", today));
      // An overdue task written now on the main connection is in the worker's next figures.
      await createTask(db, {
        directive: await createDirective(db, { issuedOn: "2026-01-05" }),
        lead: "UBND-20",
        deadline: "2026-02-02",
      });
      const after = await pool.reads("statisticCounts", viewer, filters, "in_force", today);
      expect(after.overdue).toBe(before.overdue + 1);
      const overdue = [
        viewer,
        { ...filters, minDaysOverdue: 0 },
        { today, now: new Date(TEST_NOW), page: 1, pageSize: 10 },
      ] as const;
      expect(await pool.reads("listOverdue", ...overdue)).toEqual(
        await here("listOverdue", ...overdue),
      );
      // The task list and its counts (the list in the general order and in the overdue order).
      for (const input of [
        taskListInput.parse({ pageSize: 20 }),
        taskListInput.parse({ sort: "days_overdue", timeliness: ["overdue"], pageSize: 20 }),
      ]) {
        const list = await pool.reads("listTasks", viewer, input, today);
        expect(list.total).toBeGreaterThan(0);
        expect(list).toEqual(await here("listTasks", viewer, input, today));
        expect(await pool.reads("countByTimeliness", viewer, input, today)).toEqual(
          await here("countByTimeliness", viewer, input, today),
        );
      }
      // The inbox, as the leader sees it now.
      const now = new Date(TEST_NOW);
      const inbox = await pool.reads("inboxView", user, viewer, now);
      expect(inbox.role).toBe("leader");
      expect(inbox).toEqual(await here("inboxView", user, viewer, now));
      // The reminder job's candidates (its rules cross the thread as a Map).
      const rules = await urgingRules(db, await trackingAgencies(db));
      const window = { after: addDays(today, -3), today } as const;
      const candidates = await pool.reads("remindableTasks", window, rules);
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates).toEqual(await here("remindableTasks", window, rules));
      // The server's WAL checkpoints run there too: the task just written is copied.
      const { walPages, copiedPages } = await pool.checkpoint();
      expect(walPages).toBeGreaterThan(0);
      expect(copiedPages).toBe(walPages);
    } finally {
      await pool.close();
    }
  });

  it("runs its readers below the server's priority (Linux: each thread has its own)", async () => {
    const db = await freshDb();
    const pool = readPool(join(dataDirOf(db), "test.db"), 1, WORKER);
    if (!pool) throw new Error("no pool");
    // A thread's nice value: the 19th field of /proc/…/stat, the 17th after the command's ")".
    const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    const threads = () =>
      readdirSync("/proc/self/task").map((id) =>
        niceOf(readFileSync(`/proc/self/task/${id}/stat`, "utf8")),
      );
    try {
      const own = niceOf(readFileSync("/proc/thread-self/stat", "utf8"));
      const before = threads().filter((nice) => nice === Math.max(own, 10)).length;
      await pool.checkpoint();
      // The reader lowered itself; this thread (as the server's main thread) did not move.
      expect(threads().filter((nice) => nice === Math.max(own, 10)).length).toBe(before + 1);
      expect(niceOf(readFileSync("/proc/thread-self/stat", "utf8"))).toBe(own);
    } finally {
      await pool.close();
    }
  });
});
