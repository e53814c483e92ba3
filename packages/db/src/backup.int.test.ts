/**
 * `pnpm backup` / `pnpm restore` round trip on the engine under test (PGlite by default,
 * PostgreSQL with DATABASE_URL): a populated database restored into an empty one has the same
 * rows in every table and the same ledger; a non-empty target is refused unless --force.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, restoreDatabase } from '../scripts/backup-restore.ts';
import { createDatabase, type DatabaseTarget } from './database.ts';
import { migrateToLatest, migrationsUpTo } from './migrate.ts';
import { RELEASE_LAST_MIGRATION, seedReleaseData } from './testing/release-fixture.ts';
import {
  createEmptyPostgresDatabase,
  createScratchDatabase,
  dropPostgresDatabase,
  testEngine,
} from './testing/scratch-database.ts';

interface Contents {
  rows: Record<string, number>;
  ledger: string[];
}

/** Rows of every table in every user schema, and the ledger's balance per account and unit. */
async function contents(db: Kysely<any>): Promise<Contents> {
  const t = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`.execute(db);
  const rows: Record<string, number> = {};
  for (const { s, t: name } of t.rows) {
    const r = await sql<{ n: number }>`select count(*)::int4 as n from ${sql.table(`${s}.${name}`)}`.execute(
      db,
    );
    rows[`${s}.${name}`] = r.rows[0]!.n;
  }
  const l = await sql<{ line: string }>`
    select account || ' ' || unit || ' ' || sum(amount_minor)::text as line from ledger_entry
    group by account, unit order by account, unit`.execute(db);
  return { rows, ledger: l.rows.map((x) => x.line) };
}

async function populate(db: Kysely<any>): Promise<void> {
  await migrateToLatest(db, migrationsUpTo(RELEASE_LAST_MIGRATION));
  await seedReleaseData(db);
  await migrateToLatest(db);
}

async function contentsOf(target: DatabaseTarget): Promise<Contents> {
  const h = await createDatabase(target);
  try {
    return await contents(h.db);
  } finally {
    await h.close();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retaille-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.runIf(testEngine() === 'pglite')('PGlite data directory', () => {
  const source: DatabaseTarget = { kind: 'pglite', dataDir: '' };
  let before: Contents;
  beforeAll(async () => {
    source.dataDir = join(dir, 'source');
    const s = await createScratchDatabase({ dataDir: source.dataDir });
    await populate(s.handle.db);
    before = await contents(s.handle.db);
    // While the directory is open (a running server), a backup must refuse.
    await expect(backupDatabase(source, join(dir, 'locked.tar.gz'))).rejects.toThrow(
      /in use.*stop the server/,
    );
    await s.close();
  });

  it('round-trips every table and the ledger', async () => {
    expect(before.rows['public.ledger_entry']).toBeGreaterThan(0);
    expect(before.ledger.length).toBeGreaterThan(0);
    const file = join(dir, 'pglite.tar.gz');
    expect((await backupDatabase(source, file)).format).toBe('pglite');
    await expect(backupDatabase(source, file)).rejects.toThrow(/exists; pass --force/);
    const restored: DatabaseTarget = { kind: 'pglite', dataDir: join(dir, 'restored') };
    await restoreDatabase(restored, file);
    expect(await contentsOf(restored)).toEqual(before);
  });

  it('refuses a non-empty directory unless --force, then moves it aside', async () => {
    const file = join(dir, 'pglite.tar.gz');
    const target: DatabaseTarget = { kind: 'pglite', dataDir: join(dir, 'restored') };
    await expect(restoreDatabase(target, file)).rejects.toBeInstanceOf(BackupError);
    await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty; pass --force/);
    const r = await restoreDatabase(target, file, { force: true });
    expect(r.movedAside && existsSync(`${r.movedAside}/PG_VERSION`)).toBe(true);
    expect(await contentsOf(target)).toEqual(before);
  });

  it('refuses a pg_dump archive', async () => {
    const fake = join(dir, 'fake.dump');
    await writeFile(fake, 'PGDMP\u0001\u000e\u0000');
    await expect(restoreDatabase({ kind: 'pglite', dataDir: join(dir, 'other') }, fake)).rejects.toThrow(
      /pg_dump archive/,
    );
  });
});

describe.runIf(testEngine() === 'postgres')('PostgreSQL (pg_dump / pg_restore)', () => {
  let sourceUrl: string;
  let targetUrl: string;
  let before: Contents;
  let closeSource: () => Promise<void>;
  beforeAll(async () => {
    const s = await createScratchDatabase();
    closeSource = s.close;
    sourceUrl = s.url!;
    await populate(s.handle.db);
    before = await contents(s.handle.db);
    await s.handle.close();
    targetUrl = await createEmptyPostgresDatabase();
  });
  afterAll(async () => {
    await closeSource?.().catch(() => dropPostgresDatabase(sourceUrl));
    if (targetUrl) await dropPostgresDatabase(targetUrl);
  });

  it('round-trips every table and the ledger into a new database', async () => {
    expect(before.rows['public.ledger_entry']).toBeGreaterThan(0);
    const file = join(dir, 'pg.dump');
    expect((await backupDatabase({ kind: 'postgres', url: sourceUrl }, file)).format).toBe('pg_dump');
    await restoreDatabase({ kind: 'postgres', url: targetUrl }, file);
    expect(await contentsOf({ kind: 'postgres', url: targetUrl })).toEqual(before);
  });

  it('refuses a non-empty database unless --force, and then replaces it without duplicates', async () => {
    const file = join(dir, 'pg.dump');
    const target: DatabaseTarget = { kind: 'postgres', url: targetUrl };
    await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty.*--force/);
    // Something that is not in the backup must be gone after a forced restore.
    const h = await createDatabase(target);
    await sql`create table stray (id int)`.execute(h.db);
    await h.close();
    await restoreDatabase(target, file, { force: true });
    expect(await contentsOf(target)).toEqual(before);
  });

  it('leaves the target untouched when the archive is unusable', async () => {
    const bad = join(dir, 'bad.dump');
    await writeFile(bad, 'PGDMP-not-really-an-archive');
    const target: DatabaseTarget = { kind: 'postgres', url: targetUrl };
    await expect(restoreDatabase(target, bad, { force: true })).rejects.toBeInstanceOf(BackupError);
    expect(await contentsOf(target)).toEqual(before);
  });
});
