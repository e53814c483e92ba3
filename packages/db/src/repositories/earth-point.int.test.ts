import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { earthPoint } from './earth-point.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const PLACES: [string, number, number][] = [
  ['Paris', 48.85661, 2.3428],
  ['Bayonne', 43.4929, -1.4748],
  ['Saint-Denis (La Réunion)', -20.8823, 55.4504],
  ['Cayenne', 4.9224, -52.3135],
  ['the north pole', 90, 0],
  ['the south pole', -90, 0],
  ['the antimeridian', 0, 180],
  ['null island', 0, 0],
];

it.each(PLACES)('%s: the same point as ll_to_earth, and a valid earth value', async (_name, lat, lon) => {
  const { rows } = await sql<{ gap: number; paris_km: number; expected_km: number }>`
    select cube_distance(${earthPoint({ lat, lon })}, ll_to_earth(${lat}, ${lon})) as gap,
           earth_distance(${earthPoint({ lat, lon })}, ll_to_earth(48.85661, 2.3428)) / 1000 as paris_km,
           earth_distance(ll_to_earth(${lat}, ${lon}), ll_to_earth(48.85661, 2.3428)) / 1000 as expected_km`.execute(
    handle.db,
  );
  const row = rows[0]!;
  // Floating-point rounding only: well under a micrometre.
  expect(row.gap).toBeLessThan(1e-6);
  expect(row.paris_km).toBeCloseTo(row.expected_km, 9);
});
