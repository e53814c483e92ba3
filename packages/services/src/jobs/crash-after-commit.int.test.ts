import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@retaille/config';
import { createDatabase, type DatabaseTarget } from '@retaille/db';
import { createTestDatabase, withDatabase } from '@retaille/db/testing';
import { describe, expect, inject, it } from 'vitest';
import { createServices, type Services } from '../services.ts';
import { createTestSite, createTestUser, lotInput } from '../testing/test-services.ts';
import { startPgBossQueue } from './pg-boss-queue.ts';

/**
 * A process that commits a state change and dies (SIGKILL) right after the COMMIT must not lose
 * the job that change queued: another process starting a worker on the same database runs it.
 * With jobs sent after the commit, the kill lands before the send and the job is gone.
 */
const script = fileURLToPath(new URL('./testing/crash-after-commit.script.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

function env(target: DatabaseTarget): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, PGLITE_DATA_DIR: _dir, ...rest } = process.env;
  return {
    ...rest,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RETAILLE_TEST_KILL_AFTER_COMMIT: '1',
    ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { PGLITE_DATA_DIR: target.dataDir }),
  };
}

/** Runs the writer; resolves with the signal that ended it and what it printed. */
function runWriter(target: DatabaseTarget, mode: 'publish' | 'allocate', input: object) {
  return new Promise<{ signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, mode, JSON.stringify(input)], {
      cwd: root,
      env: env(target),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

async function open(target: DatabaseTarget) {
  const database = await createDatabase(target);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  return createServices({ config, database });
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

async function crashAndRecover(target: DatabaseTarget) {
  // Before: a requester whose request a draft lot fits, and a coordinator.
  let services: Services = await open(target);
  const workshop = await createTestUser(services);
  const designer = await createTestUser(services);
  const coordinator = await createTestUser(services, { roles: ['coordinator'] });
  const site = await createTestSite(services, workshop, { postalCode: '69001' });
  await services.requests.create(designer, {
    title: 'Chêne',
    description: '',
    materialKeys: ['oak'],
    acceptSubstitutes: false,
    unit: 'kg',
    quantityMin: 1,
    quantityMax: 50,
    maxDistanceKm: 30,
    point: { kind: 'commune', insee: '69123' },
  });
  const lot = await services.lots.create(
    workshop,
    lotInput(site.id, { unit: 'kg', quantity: 40, dimensions: {}, publish: false }),
  );
  await services.database.close();

  // The writer publishes the lot, then starts an allocation; it dies right after each commit.
  const published = await runWriter(target, 'publish', { actor: workshop, lotId: lot.id });
  expect(published.signal, published.output).toBe('SIGKILL');
  const started = await runWriter(target, 'allocate', { actor: coordinator });
  expect(started.signal, started.output).toBe('SIGKILL');

  // After: a fresh process sees both commits and its worker runs both queued jobs.
  services = await open(target);
  const worker = await startPgBossQueue(services.jobs, services.database, () => {});
  try {
    expect((await services.lots.get(workshop, lot.id)).status).toBe('published');
    const runs = await services.allocations.list(coordinator);
    expect(runs).toHaveLength(1);
    const told = await waitFor(
      async () => (await services.matching.notifications(designer)).items.some((n) => n.lotId === lot.id),
      30_000,
    );
    expect(told, 'the lot.announce job queued before the crash ran').toBe(true);
    await services.allocations.settled(runs[0]!.id, 30_000);
    const run = await services.allocations.get(coordinator, runs[0]!.id);
    expect(run.status, 'the allocation.run job queued before the crash ran').toBe('done');
    expect(run.flows).toHaveLength(1);
  } finally {
    await worker.stop();
    await services.database.close();
  }
}

describe('jobs survive a crash right after the commit', () => {
  it('on a PGlite data directory', async () => {
    const testDb = inject('testDb');
    const dir = await mkdtemp(join(tmpdir(), 'retaille-crash-'));
    try {
      // A migrated data directory on disk: the template snapshot, or a migrated clone on PostgreSQL runs.
      if (testDb.kind === 'pglite') {
        const seeded = await createDatabase({
          kind: 'pglite',
          dataDir: dir,
          loadDataDir: new Blob([await readFile(testDb.snapshotPath)]),
        });
        await seeded.close();
      } else {
        const { migrateToLatest } = await import('@retaille/db');
        const seeded = await createDatabase({ kind: 'pglite', dataDir: dir });
        await migrateToLatest(seeded.db);
        await seeded.close();
      }
      await crashAndRecover({ kind: 'pglite', dataDir: dir });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it.skipIf(inject('testDb').kind !== 'postgres')(
    'on PostgreSQL',
    async () => {
      const testDb = inject('testDb');
      if (testDb.kind !== 'postgres') return;
      // A clone of the migrated template that separate processes can reach by URL.
      const name = `retaille_crash_${randomBytes(5).toString('hex')}`;
      const admin = await createTestDatabase();
      await admin.pool.query(`create database ${name} template ${testDb.template}`);
      try {
        await crashAndRecover({ kind: 'postgres', url: withDatabase(testDb.url, name) });
      } finally {
        await admin.pool.query(`drop database if exists ${name} with (force)`);
        await admin.close();
      }
    },
    240_000,
  );
});
