import type { Db } from "./open.ts";
import { type DemoOptions, seedDemoIn } from "./seed-demo.ts";
import { seedReferenceIn } from "./seed-reference.ts";

/**
 * Seeds a new database in ONE transaction: the reference data and, when asked, the demo data
 * (on any clock). If anything fails, nothing is saved, so the next start seeds again instead of
 * finding agencies and no accounts. Each part does nothing when its data exists already.
 */
export async function seedDatabase(db: Db, options: { demo: DemoOptions | null }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedReferenceIn(trx);
    if (options.demo) await seedDemoIn(trx, options.demo);
  });
}
