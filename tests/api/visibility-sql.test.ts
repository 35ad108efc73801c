import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/open.ts";
import { agencyScope } from "../../db/scope.ts";
import { stateReachedBy, stateVisibleTo, taskVisibleTo } from "../../db/visibility.ts";
import { canSeeTask, type Viewer } from "../../shared/permission.ts";
import { ROLES } from "../../shared/user.ts";
import { freshDb } from "../support/api.ts";

/** How many agencies the random tasks and viewers draw from: few, so that they often meet. */
const POOL_SIZE = 8;
const AT = "2026-01-01T00:00:00.000Z";

type RandomTask = {
  directive: number;
  assigner: number;
  lead: number;
  coordinators: number[];
};

const agencyIndex = fc.integer({ min: 0, max: POOL_SIZE - 1 });
const agencyIndexes = fc.uniqueArray(agencyIndex, { maxLength: POOL_SIZE });

const randomTask: fc.Arbitrary<RandomTask> = fc.record({
  directive: agencyIndex,
  assigner: agencyIndex,
  lead: agencyIndex,
  coordinators: agencyIndexes,
});

type RandomViewer = { role: Viewer["role"]; own: number[]; below: number[] };

const randomViewer: fc.Arbitrary<RandomViewer> = fc.record({
  role: fc.constantFrom(...ROLES),
  own: fc.uniqueArray(agencyIndex, { minLength: 1, maxLength: 3 }),
  below: agencyIndexes,
});

/** The pool's agencies and one directive tracked by each of them (directive i by agency i). */
async function setUp(db: Db): Promise<Pool> {
  const rows = await db
    .selectFrom("agency")
    .select("agency.id")
    .orderBy("agency.id")
    .limit(POOL_SIZE)
    .execute();
  const agencies = rows.map((row) => row.id);
  const directives = [];
  for (const [i, trackingAgencyId] of agencies.entries()) {
    const { id } = await db
      .insertInto("directive")
      .values({
        type: "cong_van",
        number: `${i + 1}/VPCP-TEST`,
        issuer: "Văn phòng Chính phủ",
        issuedOn: "2026-01-01",
        issueYear: 2026,
        title: "Kiểm thử",
        summary: "",
        fullText: "",
        trackingAgencyId,
        searchText: "kiem thu",
        createdAt: AT,
        updatedAt: AT,
      })
      .returning("directive.id")
      .executeTakeFirstOrThrow();
    directives.push(id);
  }
  return { agencies, directives };
}

function pick(ids: readonly number[], index: number): number {
  const id = ids[index];
  if (id === undefined) throw new Error(`no agency or directive at ${index}`);
  return id;
}

type Pool = { agencies: number[]; directives: number[] };

/** Replaces every task by the random ones; returns their ids and the facts canSeeTask reads. */
async function insertTasks(db: Db, pool: Pool, tasks: readonly RandomTask[]) {
  await db.deleteFrom("taskCoordinator").execute();
  await db.deleteFrom("task").execute();
  const agency = (index: number) => pick(pool.agencies, index);
  const inserted = [];
  for (const task of tasks) {
    const facts = {
      assignerAgencyId: agency(task.assigner),
      leadAgencyId: agency(task.lead),
      trackingAgencyId: agency(task.directive),
      coordinatorAgencyIds: task.coordinators.map(agency),
      status: "in_progress" as const,
    };
    const { id } = await db
      .insertInto("task")
      .values({
        directiveId: pick(pool.directives, task.directive),
        parentId: null,
        title: "t",
        clause: "",
        description: "",
        leadAgencyId: facts.leadAgencyId,
        assignerAgencyId: facts.assignerAgencyId,
        deadline: null,
        deadlineKind: "none",
        dueOn: null,
        isKey: 0,
        status: facts.status,
        searchText: "t",
        createdAt: AT,
        updatedAt: AT,
      })
      .returning("task.id")
      .executeTakeFirstOrThrow();
    if (facts.coordinatorAgencyIds.length > 0) {
      await db
        .insertInto("taskCoordinator")
        .values(facts.coordinatorAgencyIds.map((agencyId) => ({ taskId: id, agencyId })))
        .execute();
    }
    inserted.push({ id, facts });
  }
  return inserted;
}

describe("the SQL visibility condition agrees with canSeeTask", () => {
  it("on random tasks and random viewers", async () => {
    const db = await freshDb({ demo: false });
    const pool = await setUp(db);
    const agency = (index: number) => pick(pool.agencies, index);
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomTask, { minLength: 1, maxLength: 15 }),
        fc.array(randomViewer, { minLength: 1, maxLength: 5 }),
        async (tasks, viewers) => {
          const inserted = await db.transaction().execute((trx) => insertTasks(trx, pool, tasks));
          for (const random of viewers) {
            const ownAgencyIds = random.own.map(agency);
            const viewer: Viewer = {
              userId: 1,
              role: random.role,
              agencyId: pick(ownAgencyIds, 0),
              ownAgencyIds,
              scopeAgencyIds: [...new Set([...ownAgencyIds, ...random.below.map(agency)])],
            };
            const rows = await db
              .selectFrom("task")
              .select("task.id")
              .where(taskVisibleTo(viewer))
              .execute();
            const fromSql = rows.map((row) => row.id).sort((a, b) => a - b);
            const fromPure = inserted
              .filter((task) => canSeeTask(viewer, task.facts))
              .map((task) => task.id)
              .sort((a, b) => a - b);
            expect(fromSql, JSON.stringify(viewer)).toEqual(fromPure);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a viewer's states found through its agencies", () => {
  it("are the states it sees, for every agency that tracks no directive", async () => {
    // The demo's history: states of tasks led, assigned and coordinated by many agencies.
    const db = await freshDb();
    const tracking = new Set(
      (await db.selectFrom("directive").select("directive.trackingAgencyId").execute()).map(
        (row) => row.trackingAgencyId,
      ),
    );
    const agencies = await db.selectFrom("agency").select("agency.id").execute();
    const statesSeen = async (condition: typeof stateVisibleTo, viewer: Viewer) =>
      (
        await db
          .selectFrom("taskState as s")
          .innerJoin("directive", "directive.id", "s.directiveId")
          .select("s.id")
          .where(condition(viewer, "s"))
          .orderBy("s.id")
          .execute()
      ).map((row) => row.id);
    let compared = 0;
    let nonEmpty = 0;
    for (const { id } of agencies) {
      const scope = await agencyScope(db, id);
      if (scope.ownAgencyIds.some((own) => tracking.has(own))) continue;
      const viewer: Viewer = { userId: 1, role: "reporter", agencyId: id, ...scope };
      const seen = await statesSeen(stateVisibleTo, viewer);
      expect(await statesSeen(stateReachedBy, viewer), `agency ${id}`).toEqual(seen);
      compared++;
      if (seen.length > 0) nonEmpty++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(nonEmpty).toBeGreaterThan(5);
  });
});
