import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { insertSite, type NewSiteRow } from '../repositories/site.repository.ts';

/**
 * Rows the integration tests hang their data on (never called by the app). Each call writes a new
 * row, so a test file sets up its own data; a test overrides only what it is about.
 */

/** A textile workshop in Lyon 1er, the plainest valid site. */
export const TEST_SITE: NewSiteRow = {
  name: 'Atelier',
  address: '1 rue',
  postal_code: '69001',
  commune_insee: '69381',
  commune_name: 'Lyon',
  departement_code: '69',
  region_code: '84',
  lat: 45.76,
  lon: 4.83,
  sectors: ['textile'],
  territory_type: 'metropolis',
};

/** Writes `TEST_SITE` with `overrides` and returns the new site's id. */
export async function insertTestSite(
  db: Kysely<Database> | Transaction<Database>,
  overrides: Partial<NewSiteRow> = {},
): Promise<string> {
  return (await insertSite(db, { ...TEST_SITE, ...overrides })).id;
}
