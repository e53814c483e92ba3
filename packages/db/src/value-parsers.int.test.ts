import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { createTestDatabase, insertTestSite } from './testing/test-database.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(handle.db)).rows[0]!;

describe('values as the driver hands them to repositories (on this engine)', () => {
  it('numeric columns are numbers, exact at their precision', async () => {
    const r = await one(
      sql<{ q: unknown; big: unknown; neg: unknown; sum: unknown }>`select
        ${'12.345'}::numeric(14, 3) as q,
        ${'99999999999.999'}::numeric(14, 3) as big,
        ${'-0.5'}::numeric(10, 1) as neg,
        (select sum(v) from (values (0.1::numeric(14, 3)), (0.2::numeric(14, 3))) t(v)) as sum`,
    );
    expect(r).toEqual({ q: 12.345, big: 99_999_999_999.999, neg: -0.5, sum: 0.3 });
  });

  it('int8 values are numbers; one beyond 2^53 fails the query instead of losing digits', async () => {
    const r = await one(
      sql<{ n: unknown; cents: unknown; max: unknown }>`select count(*) as n, ${100_000_000}::int8 as cents,
        9007199254740991::int8 as max from (values (1), (2)) t(v)`,
    );
    expect(r).toEqual({ n: 2, cents: 100_000_000, max: Number.MAX_SAFE_INTEGER });
    await expect(sql`select 9007199254740993::int8 as n`.execute(handle.db)).rejects.toThrow(
      /does not fit in a JS number/,
    );
    // The pool is still usable after the refused row.
    expect(await one(sql<{ ok: number }>`select 1::int8 as ok`)).toEqual({ ok: 1 });
  });

  it('dates are calendar strings, whatever the time zone; timestamps stay Dates', async () => {
    const r = await one(
      sql<{ d: unknown; first: unknown; ts: unknown; none: unknown }>`select
        ${'2026-12-31'}::date as d, date_trunc('month', ${'2026-03-15'}::date)::date as first,
        ${'2026-12-05T10:00:00Z'}::timestamptz as ts, null::date as none`,
    );
    expect(r).toEqual({
      d: '2026-12-31',
      first: '2026-03-01',
      ts: new Date('2026-12-05T10:00:00Z'),
      none: null,
    });
  });

  it('a lot reads back with numbers, calendar dates and its composition as the domain writes them', async () => {
    const siteId = await insertTestSite(handle.db);
    const { lotRepository } = await import('./index.ts');
    const lot = await lotRepository.insertLot(handle.db, {
      site_id: siteId,
      title: 'Coupons',
      material_key: 'cotton',
      family_key: 'textile',
      composition: [
        { fibre: 'cotton', percent: 60 },
        { fibre: 'polyester', percent: 40 },
      ],
      condition: 'offcut',
      unit: 'm',
      quantity: 12.5,
      length_mm: 1500.5,
      mass_kg: 3.125,
      available_from: '2026-12-01',
      available_until: '2026-12-31',
      lat: 45.76,
      lon: 4.83,
      searchText: 'coupons coton',
    });
    const found = await lotRepository.findLot(handle.db, lot.id);
    expect(found).toMatchObject({
      quantity: 12.5,
      quantity_reserved: 0,
      quantity_sold: 0,
      length_mm: 1500.5,
      width_mm: null,
      mass_kg: 3.125,
      available_from: '2026-12-01',
      available_until: '2026-12-31',
      composition: [
        { fibre: 'cotton', percent: 60 },
        { fibre: 'polyester', percent: 40 },
      ],
    });
    expect(found?.created_at).toBeInstanceOf(Date);
  });
});
