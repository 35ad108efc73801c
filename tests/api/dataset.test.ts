import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadCalendar } from "../../db/calendar.ts";
import { planDataset, writeBulk, writeThroughProduct } from "../../scripts/dataset.ts";
import { vnDate } from "../../shared/date.ts";
import { dataDirOf, freshDb, TEST_NOW } from "../support/api.ts";

const TABLES = {
  directive: "id",
  task: "id",
  task_coordinator: "task_id, agency_id",
  task_state: "id",
  task_state_coordinator: "state_id, agency_id",
  task_event: "id",
  task_report: "id",
} as const;

function dump(path: string): Record<string, unknown[]> {
  const sqlite = new SQLite(path, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(TABLES).map(([table, order]) => [
        table,
        sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
      ]),
    );
  } finally {
    sqlite.close();
  }
}

describe("npm run bench:data", () => {
  it("writes in bulk exactly the rows the product's own write path writes", async () => {
    const today = vnDate(new Date(TEST_NOW));
    const product = await freshDb();
    const bulk = await freshDb();
    const plan = await planDataset(product, { tasks: 300, today, seed: 7 });
    // The plan has every kind of change the generator makes.
    const steps = plan.tasks.flatMap((task) => task.steps);
    expect(plan.tasks.some((task) => task.parent !== null)).toBe(true);
    expect(plan.tasks.some((task) => task.coordinatorAgencyIds.length > 0)).toBe(true);
    for (const to of ["reported_done", "completed", "cancelled"]) {
      expect(steps.some((step) => step.kind === "status" && step.to === to)).toBe(true);
    }
    expect(steps.some((step) => step.kind === "progress")).toBe(true);

    await writeThroughProduct(product, plan);
    const calendar = await loadCalendar(bulk);
    const path = join(dataDirOf(bulk), "test.db");
    const sqlite = new SQLite(path);
    writeBulk(sqlite, plan, calendar);
    sqlite.close();

    const expected = dump(join(dataDirOf(product), "test.db"));
    const actual = dump(path);
    expect(expected.task?.length).toBeGreaterThan(300);
    for (const table of Object.keys(TABLES)) {
      expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    }
  });
});
