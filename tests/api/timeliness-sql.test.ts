import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { daysLate, timelinessCondition } from "../../db/timeliness.ts";
import { addDays } from "../../shared/date.ts";
import { TASK_STATUSES, type TaskStatus } from "../../shared/task-status.ts";
import { daysOverdue, TIMELINESS, timeliness } from "../../shared/timeliness.ts";
import { agencyId, freshDb } from "../support/api.ts";

const BASE = "2026-01-01";

type RandomTask = { status: TaskStatus; dueOffset: number | null; doneOffset: number };

const randomTask: fc.Arbitrary<RandomTask> = fc.record({
  status: fc.constantFrom(...TASK_STATUSES),
  dueOffset: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  doneOffset: fc.integer({ min: 0, max: 60 }),
});

async function insertTasks(
  db: Db,
  tasks: RandomTask[],
): Promise<
  { id: number; facts: { status: TaskStatus; dueOn: string | null; doneOn: string | null } }[]
> {
  const bct = await agencyId(db, "BCT");
  const directive = await db
    .insertInto("directive")
    .values({
      type: "chi_thi",
      number: `${Math.floor(Math.random() * 1e9)}/CT-TEST`,
      issuer: "Thủ tướng Chính phủ",
      issuedOn: BASE,
      issueYear: 2026,
      title: "Kiểm thử",
      summary: "",
      fullText: "",
      trackingAgencyId: bct,
      searchText: "kiem thu",
      createdAt: `${BASE}T00:00:00.000Z`,
      updatedAt: `${BASE}T00:00:00.000Z`,
    })
    .returning("directive.id")
    .executeTakeFirstOrThrow();
  const result = [];
  for (const task of tasks) {
    const dueOn = task.dueOffset === null ? null : addDays(BASE, task.dueOffset);
    const doneOn =
      task.status === "reported_done" || task.status === "completed"
        ? addDays(BASE, task.doneOffset)
        : null;
    const row = await db
      .insertInto("task")
      .values({
        directiveId: directive.id,
        parentId: null,
        title: "t",
        clause: "",
        description: "",
        leadAgencyId: bct,
        assignerAgencyId: bct,
        deadline: dueOn,
        deadlineKind: dueOn === null ? "none" : "by_date",
        dueOn,
        isKey: 0,
        status: task.status,
        doneOn,
        searchText: "t",
        createdAt: `${BASE}T00:00:00.000Z`,
        updatedAt: `${BASE}T00:00:00.000Z`,
      })
      .returning("task.id")
      .executeTakeFirstOrThrow();
    result.push({ id: row.id, facts: { status: task.status, dueOn, doneOn } });
  }
  return result;
}

describe("the SQL timeliness conditions agree with the pure function", () => {
  it("on random tasks and random days", async () => {
    const db = await freshDb({ demo: false });
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomTask, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: -5, max: 70 }),
        async (tasks, todayOffset) => {
          await db.deleteFrom("task").execute();
          const inserted = await insertTasks(db, tasks);
          const today = addDays(BASE, todayOffset);
          const ids = inserted.map((t) => t.id);
          for (const category of TIMELINESS) {
            const rows = await db
              .selectFrom("task")
              .select("task.id")
              .where("task.id", "in", ids)
              .where(timelinessCondition(category, today))
              .execute();
            const fromSql = rows.map((r) => r.id).sort((a, b) => a - b);
            const fromPure = inserted
              .filter((t) => timeliness(t.facts, today) === category)
              .map((t) => t.id)
              .sort((a, b) => a - b);
            expect(fromSql, `${category} on ${today}`).toEqual(fromPure);
          }
          const late = await db
            .selectFrom("task")
            .select(["task.id", daysLate(today).as("days")])
            .where("task.id", "in", ids)
            .where(timelinessCondition("overdue", today))
            .execute();
          for (const row of late) {
            const task = inserted.find((t) => t.id === row.id);
            expect(task && daysOverdue(task.facts, today), `days late of ${row.id}`).toBe(row.days);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
