import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../db/open.ts";
import { seedDatabase } from "../../db/seed.ts";
import { demoPasswordHash } from "../support/api.ts";

const opened: { db: Db; dir: string }[] = [];
afterEach(async () => {
  for (const { db, dir } of opened.splice(0)) {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A migrated database with nothing in it, as `npm start` finds on a first start. */
async function emptyDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), "dondoc-seed-"));
  const db = await openDb(join(dir, "new.db"));
  opened.push({ db, dir });
  return db;
}

describe("seeding a new database (issue 9, item 5)", () => {
  it("seeds reference and demo data on an early clock, leaving out what had not happened", async () => {
    const db = await emptyDb();
    const now = "2024-02-01T03:00:00.000Z";
    await seedDatabase(db, { demo: { now: new Date(now), passwordHash: demoPasswordHash() } });

    const logins = await db.selectFrom("appUser").select("appUser.username").execute();
    expect(logins.map((row) => row.username)).toContain("canbo.bct");
    // Directive 06 of 15/02/2024 was not yet entered on 01/02/2024.
    const directive06 = await db
      .selectFrom("directive")
      .select("directive.id")
      .where("directive.number", "=", "06/CT-TTg")
      .execute();
    expect(directive06).toEqual([]);
    const later = await db
      .selectFrom("taskState")
      .select("taskState.id")
      .where("taskState.validFrom", ">", now)
      .execute();
    expect(later).toEqual([]);
    const events = await db
      .selectFrom("taskEvent")
      .select("taskEvent.id")
      .where("taskEvent.at", ">", now)
      .execute();
    expect(events).toEqual([]);
  });

  it("keeps Directive 06's history up to the clock: a step after it is left out", async () => {
    const db = await emptyDb();
    // 01/03/2024: Lào Cai's breakdown (6.3) was started on 01/03 08:30 and reported done on 20/03.
    const now = "2024-03-01T03:00:00.000Z";
    await seedDatabase(db, { demo: { now: new Date(now), passwordHash: demoPasswordHash() } });
    const task = await db
      .selectFrom("task")
      .innerJoin("agency", "agency.id", "task.leadAgencyId")
      .select(["task.status", "task.doneOn"])
      .where("agency.code", "=", "UBND-10")
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ status: "in_progress", doneOn: null });
  });

  it("is one transaction: a second run adds nothing, and a failure leaves nothing", async () => {
    const db = await emptyDb();
    const demo = { now: new Date("2026-11-26T03:00:00.000Z"), passwordHash: demoPasswordHash() };
    await expect(
      seedDatabase(db, { demo: { ...demo, now: new Date("not a date") } }),
    ).rejects.toThrow();
    const agencies = await db.selectFrom("agency").select("agency.id").execute();
    expect(agencies).toEqual([]);

    await seedDatabase(db, { demo });
    const count = async () => (await db.selectFrom("task").select("task.id").execute()).length;
    const first = await count();
    await seedDatabase(db, { demo });
    expect(await count()).toBe(first);
    expect(first).toBeGreaterThan(0);
  });
});
