import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadCalendar } from "../../db/calendar.ts";
import {
  copyKeptFile,
  planDataset,
  writeBulkKept,
  writeThroughProduct,
} from "../../scripts/dataset.ts";
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
  // The day deltas that count (the triggers leave zeros where a delta was taken back).
  stat_day: "basis, day, tracking_agency_id, lead_agency_id, successor_agency_id, top, is_key",
  stat_reach: "via, agency_id, tracking_agency_id, lead_agency_id",
} as const;

const NON_ZERO = `WHERE completed_on_time <> 0 OR completed_late <> 0 OR in_deadline <> 0
  OR due_soon <> 0 OR overdue_open <> 0 OR overdue_reported <> 0 OR no_deadline <> 0
  OR continuing <> 0 OR awaiting <> 0 OR cancelled <> 0 OR reported_late_days <> 0
  OR open_due_days <> 0`;

function dump(path: string): Record<string, unknown[]> {
  const sqlite = new SQLite(path, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(TABLES).map(([table, order]) => [
        table,
        sqlite
          .prepare(
            `SELECT * FROM ${table} ${table === "stat_day" ? NON_ZERO : ""} ORDER BY ${order}`,
          )
          .all(),
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
    await copyKeptFile(sqlite, await writeBulkKept(sqlite, plan, calendar, { today }));
    sqlite.close();

    const expected = dump(join(dataDirOf(product), "test.db"));
    const actual = dump(path);
    expect(expected.task?.length).toBeGreaterThan(300);
    for (const table of Object.keys(TABLES)) {
      expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    }
  });
});
