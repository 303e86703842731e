// One PostgreSQL database with the demo data for several `envagin serve` processes at once (as
// behind a load balancer), each started with it as DATABASE_URL. Not possible on PGlite: a data
// directory belongs to one process.
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/features/directory/seed-demo.ts';
import { createTestDatabase, type TestDatabase } from '../../src/test/db.ts';

/** Why a test of several instances cannot run here, or false when it can. */
export const skipWithoutPostgres = !process.env.DATABASE_URL && 'needs PostgreSQL (two processes on one database)';

export async function demoDatabaseForInstances(): Promise<TestDatabase> {
  const testDb = await createTestDatabase();
  // Sealed with the development key the spawned servers also use.
  await seedDemo(testDb.database.db, loadConfig({ DEMO_MODE: 'true' }).secrets);
  return testDb;
}
