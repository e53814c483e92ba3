import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { ping } from './index.ts';
import { createMigrator } from './migrate.ts';
import { createTestDatabase } from './testing/test-database.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
});
afterAll(() => h.close());

it('is reachable and fully migrated', async () => {
  expect(await ping(h)).toBe(true);
  const list = await createMigrator(h.db).getMigrations();
  expect(list.length).toBeGreaterThan(0);
  expect(list.every((m) => m.executedAt !== undefined)).toBe(true);
});

it('has the geo and text extensions on both engines', async () => {
  const r = await sql<{ extname: string }>`select extname from pg_extension`.execute(h.db);
  const names = r.rows.map((x) => x.extname);
  expect(names).toEqual(expect.arrayContaining(['cube', 'earthdistance', 'pg_trgm', 'unaccent']));
  const d = await sql<{ km: number }>`
    select earth_distance(ll_to_earth(48.8924, 2.2071), ll_to_earth(48.9362, 2.3574)) / 1000 as km`.execute(
    h.db,
  );
  expect(d.rows[0]?.km).toBeCloseTo(12.0, 0);
  const u = await sql<{ s: string }>`select unaccent('Électrolab à Nanterre') as s`.execute(h.db);
  expect(u.rows[0]?.s).toBe('Electrolab a Nanterre');
});
