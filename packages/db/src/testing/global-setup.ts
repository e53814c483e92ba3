/**
 * Vitest global setup for integration tests: migrates one template database per run so that
 * each test file gets a fresh, migrated copy cheaply — a PGlite data-dir snapshot, or on
 * PostgreSQL a database cloned with `CREATE DATABASE … TEMPLATE` (as immich does).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@retaille/config';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../database.ts';
import { migrateToLatest } from '../migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; snapshotPath: string } | { kind: 'postgres'; url: string; template: string };
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  if (config.database.kind === 'postgres') {
    const url = config.database.url;
    const template = `retaille_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const handle = await createDatabase({ kind: 'postgres', url: withDatabase(url, template), poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('testDb', { kind: 'postgres', url, template });
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'retaille-test-'));
  const handle = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  const snapshotPath = join(dir, 'migrated.tar.gz');
  await writeFile(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDb', { kind: 'pglite', snapshotPath });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
