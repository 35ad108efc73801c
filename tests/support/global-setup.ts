import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { TestProject } from "vitest/node";
import { type Db, openDb } from "../../db/open.ts";
import { seedDemo } from "../../db/seed-demo.ts";
import { seedReference } from "../../db/seed-reference.ts";
import { DEMO_PASSWORD } from "../../server/demo.ts";
import { hashPassword } from "../../server/password.ts";
import { TEST_NOW } from "./test-now.ts";

/** What the API tests' workers receive from this set-up (see `freshDb` in ./api.ts). */
export type DbTemplates = {
  /** Migrated, with the reference data only. */
  reference: string;
  /** Migrated, with the reference data and the demo data seeded at TEST_NOW. */
  demo: string;
  /** The Argon2id hash of the demo password, computed once. */
  passwordHash: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplates?: DbTemplates;
  }
}

/** Writes everything to the main file and closes it, so that a plain file copy is the database. */
async function closeForCopy(db: Db): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
}

/**
 * Migrates and seeds once per run (the Epic Stack's approach); each test then copies a template
 * file instead of migrating and seeding its own database.
 */
export async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "dondoc-templates-"));
  const reference = join(dir, "reference.db");
  const demo = join(dir, "demo.db");
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const referenceDb = await openDb(reference);
  await seedReference(referenceDb);
  await closeForCopy(referenceDb);

  copyFileSync(reference, demo);
  const demoDb = await openDb(demo);
  await seedDemo(demoDb, { now: new Date(TEST_NOW), passwordHash });
  await closeForCopy(demoDb);

  project.provide("dbTemplates", { reference, demo, passwordHash });
  return () => rmSync(dir, { recursive: true, force: true });
}
