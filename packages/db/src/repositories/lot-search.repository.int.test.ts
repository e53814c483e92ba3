/**
 * `searchLots` on its own, with rows written straight through the repositories (no services, no
 * accounts): every filter answers an exact set, never an empty one, and both keyset orders page
 * without gaps or repeats. Lean on purpose: the services mutation run (stryker.services.conf.mjs)
 * re-runs this file for every mutant of `filtered` and `searchLots`.
 */

import type { MaterialFamilyKey, MaterialKey, SectorKey } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { createTestDatabase, insertTestSite } from '../testing/test-database.ts';
import type { LotRow } from './lot.repository.ts';
import * as lotRepository from './lot.repository.ts';
import { type LotSearch, searchLots } from './lot-search.repository.ts';
import * as moderationRepository from './moderation.repository.ts';

let handle: DatabaseHandle;
const lyon = { lat: 45.764, lon: 4.8357 };
const grenoble = { lat: 45.1885, lon: 5.7245 };
const lots: Record<string, LotRow> = {};
let siteA: string;
let siteB: string;
let siteHeld: string;
let at = Date.parse('2026-11-01T08:00:00Z');

async function site(name: string, point: { lat: number; lon: number }, sectors: SectorKey[]) {
  return insertTestSite(handle.db, { name, ...point, sectors });
}

async function lot(
  name: string,
  siteId: string,
  point: { lat: number; lon: number },
  o: {
    material: MaterialKey;
    family: MaterialFamilyKey;
    sectors: SectorKey[];
    condition?: 'offcut' | 'deadstock' | 'used' | 'byproduct';
    price?: number | null;
    dims?: [number, number, number];
    quantity?: [number, number, number];
    status?: 'published' | 'draft';
    publishedAt?: Date;
  },
) {
  const [length, width, thickness] = o.dims ?? [100, 100, 10];
  const [quantity, reserved, sold] = o.quantity ?? [10, 0, 0];
  at += 60_000;
  lots[name] = await lotRepository.insertLot(handle.db, {
    site_id: siteId,
    title: name,
    material_key: o.material,
    family_key: o.family,
    composition: null,
    condition: o.condition ?? 'offcut',
    unit: 'piece',
    quantity,
    quantity_reserved: reserved,
    quantity_sold: sold,
    length_mm: length,
    width_mm: width,
    thickness_mm: thickness,
    price_cents: o.price ?? null,
    status: o.status ?? 'published',
    published_at: o.status === 'draft' ? null : (o.publishedAt ?? new Date(at)),
    site_sectors: o.sectors,
    searchText: name,
    ...point,
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  siteA = await site('A', lyon, ['bois']);
  siteB = await site('B', grenoble, ['textile']);
  siteHeld = await site('Suspendu', lyon, ['bois']);
  const bois = { family: 'wood' as const, sectors: ['bois'] as SectorKey[] };
  await lot('chene libre', siteA, lyon, { ...bois, material: 'oak', dims: [1000, 200, 20] });
  await lot('hetre use', siteA, lyon, {
    ...bois,
    material: 'beech',
    condition: 'used',
    price: 300,
    dims: [999, 199, 19],
    quantity: [5, 3, 1],
  });
  await lot('chene grenoble', siteB, grenoble, {
    ...bois,
    material: 'oak',
    price: 500,
    dims: [2000, 300, 30],
  });
  await lot('coton grenoble', siteB, grenoble, {
    material: 'cotton',
    family: 'textile' as const,
    sectors: ['textile'],
    condition: 'deadstock',
    price: 501,
    quantity: [2, 0, 0],
  });
  // Out of search: a draft, a hidden lot, a lot of a suspended site. Back in: a lifted hold.
  await lot('brouillon', siteA, lyon, { ...bois, material: 'oak', status: 'draft' });
  await lot('masque', siteA, lyon, { ...bois, material: 'oak' });
  await lot('site suspendu', siteHeld, lyon, { ...bois, material: 'oak' });
  await lot('levee', siteA, lyon, { ...bois, material: 'oak' });
  const hold = (kind: 'lot' | 'site', subjectId: string) =>
    moderationRepository.insertHold(handle.db, {
      kind,
      subjectId,
      reason: 'test',
      by: 'admin',
      at: new Date(),
    });
  await hold('lot', lots.masque!.id);
  await hold('site', siteHeld);
  await hold('lot', lots.levee!.id);
  await moderationRepository.liftHold(handle.db, {
    kind: 'lot',
    subjectId: lots.levee!.id,
    note: 'ok',
    by: 'admin',
    at: new Date(),
  });
});
afterAll(() => handle.close());

const search = (s: Partial<LotSearch>) => searchLots(handle.db, { sort: 'newest', limit: 100, ...s });
const names = async (s: Partial<LotSearch>) => (await search(s)).map((r) => r.title).sort();
const visible = ['chene grenoble', 'chene libre', 'coton grenoble', 'hetre use', 'levee'];

describe('searchLots filters', () => {
  it('lists published lots only, without held lots or lots of a held site', async () => {
    expect(await names({})).toEqual(visible);
    expect(await names({ familyKeys: [], materialKeys: [] })).toEqual(visible);
  });

  it('filters by family, material, sector, condition and site', async () => {
    expect(await names({ familyKeys: ['textile'] })).toEqual(['coton grenoble']);
    expect(await names({ materialKeys: ['beech', 'cotton'] })).toEqual(['coton grenoble', 'hetre use']);
    expect(await names({ sector: 'textile' })).toEqual(['coton grenoble']);
    expect(await names({ condition: 'used' })).toEqual(['hetre use']);
    expect(await names({ siteId: siteB })).toEqual(['chene grenoble', 'coton grenoble']);
    expect(await names({ text: 'hetre' })).toEqual(['hetre use']);
  });

  it('free only, and a price ceiling that keeps free lots and those at or under it', async () => {
    expect(await names({ freeOnly: true })).toEqual(['chene libre', 'levee']);
    expect(await names({ maxPriceCents: 500 })).toEqual([
      'chene grenoble',
      'chene libre',
      'hetre use',
      'levee',
    ]);
    expect(await names({ maxPriceCents: 299 })).toEqual(['chene libre', 'levee']);
  });

  it('minimum dimensions and quantity still available, each bound included', async () => {
    expect(await names({ minLengthMm: 1000 })).toEqual(['chene grenoble', 'chene libre']);
    expect(await names({ minWidthMm: 200 })).toEqual(['chene grenoble', 'chene libre']);
    expect(await names({ minThicknessMm: 20 })).toEqual(['chene grenoble', 'chene libre']);
    // hetre use: 5 − 3 reserved − 1 sold = 1 left; coton grenoble: 2.
    expect(await names({ minQuantity: 1 })).toEqual(visible);
    expect(await names({ minQuantity: 2 })).toEqual([
      'chene grenoble',
      'chene libre',
      'coton grenoble',
      'levee',
    ]);
    expect(await names({ minQuantity: 3 })).toEqual(['chene grenoble', 'chene libre', 'levee']);
  });
});

describe('searchLots around a point', () => {
  it('measures the distance with a point, and none without', async () => {
    const near = await search({ point: lyon, sort: 'distance' });
    const byName = new Map(near.map((r) => [r.title, r.distance_m]));
    expect(byName.get('chene libre')).toBeLessThan(5);
    expect(byName.get('chene grenoble')).toBeGreaterThan(80_000);
    expect(byName.get('chene grenoble')).toBeLessThan(100_000);
    expect((await search({})).every((r) => r.distance_m === null)).toBe(true);
  });

  it('keeps the lots within the radius: the farthest in, then out just below its distance', async () => {
    const all = await search({ point: lyon, radiusKm: 500, sort: 'distance' });
    expect(all.map((r) => r.title).sort()).toEqual(visible);
    const far = all.at(-1)!;
    expect(far.site_id).toBe(siteB);
    const km = far.distance_m! / 1000;
    const inside = await names({ point: lyon, radiusKm: km * 1.0001 });
    const outside = await names({ point: lyon, radiusKm: km * 0.9999 });
    expect(inside).toContain(far.title);
    expect(outside).not.toContain(far.title);
    expect(await names({ point: lyon, radiusKm: 50 })).toEqual(['chene libre', 'hetre use', 'levee']);
  });

  it('sorts nearest first with a point, newest first without one', async () => {
    const near = await search({ point: grenoble, sort: 'distance' });
    expect(near.slice(0, 2).map((r) => r.site_id)).toEqual([siteB, siteB]);
    expect(near.map((r) => Number(r.sort_key))).toEqual(
      near.map((r) => Number(r.sort_key)).sort((a, b) => a - b),
    );
    const newest = await search({ sort: 'distance' });
    expect(newest.map((r) => r.title)).toEqual([
      'levee',
      'coton grenoble',
      'chene grenoble',
      'hetre use',
      'chene libre',
    ]);
  });

  it('pages by distance and by date, two at a time, without gaps or repeats', async () => {
    // Without a point, nearest first is newest first, its cursor a date too.
    const orders = [
      { point: lyon, sort: 'distance' as const },
      { sort: 'newest' as const },
      { sort: 'distance' as const },
    ];
    for (const s of orders) {
      const whole = (await search(s)).map((r) => r.id);
      const seen: string[] = [];
      let after: LotSearch['after'];
      for (let i = 0; i < 5; i++) {
        const page = await search({ ...s, limit: 2, after });
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((r) => r.id));
        const last = page.at(-1);
        if (page.length < 2 || !last) break;
        after = { key: last.sort_key, id: last.id };
      }
      expect(seen).toEqual(whole);
    }
  });

  it('breaks ties of one publication instant by id, newest first', async () => {
    const instant = new Date('2026-11-20T08:00:00Z');
    const tie = await site('Jumeaux', lyon, ['bois']);
    for (const n of ['jumeau 1', 'jumeau 2', 'jumeau 3']) {
      await lot(n, tie, lyon, { family: 'wood', sectors: ['bois'], material: 'oak', publishedAt: instant });
    }
    const ids = ['jumeau 1', 'jumeau 2', 'jumeau 3']
      .map((n) => lots[n]!.id)
      .sort()
      .reverse();
    expect((await search({ siteId: tie })).map((r) => r.id)).toEqual(ids);
    const first = await search({ siteId: tie, limit: 1 });
    const rest = await search({ siteId: tie, after: { key: first[0]!.sort_key, id: first[0]!.id } });
    expect([...first, ...rest].map((r) => r.id)).toEqual(ids);
  });
});

describe('searchLots newest first around a point', () => {
  it('sorts by date, not distance, when asked for the newest, and still measures the distance', async () => {
    const newest = await search({ sort: 'newest' });
    const around = await search({ point: grenoble, sort: 'newest' });
    expect(around.map((r) => r.id)).toEqual(newest.map((r) => r.id));
    expect(around.every((r) => r.distance_m !== null)).toBe(true);
    // Nearest first would put the Grenoble lots first; the newest is a Lyon lot.
    expect(around[0]!.site_id).not.toBe(siteB);
  });
});
