/**
 * Test harness: `createTestDatabase()` gives each integration test file its own freshly migrated
 * database (PGlite by default, PostgreSQL when DATABASE_URL is set), so nothing needs cleaning.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../database.ts';
import { withDatabase } from './global-setup.ts';

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const target = inject('testDb');
  if (target.kind === 'pglite') {
    const snapshot = new Blob([await readFile(target.snapshotPath)]);
    return createDatabase({ kind: 'pglite', dataDir: 'memory://', loadDataDir: snapshot });
  }
  const name = `retaille_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${target.template}`);
  } finally {
    await admin.end();
  }
  const handle = await createDatabase({
    kind: 'postgres',
    url: withDatabase(target.url, name),
    poolSize: 60,
  });
  return {
    ...handle,
    close: async () => {
      handle.pool.removeAllListeners('error');
      handle.pool.on('error', () => {});
      await handle.close();
      const drop = new pg.Client({ connectionString: target.url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

export * as operationsPlants from './operations-plants.ts';
export { insertTestSite, TEST_SITE } from './test-rows.ts';
export { withDatabase };
