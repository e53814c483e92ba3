/**
 * The allocation asked to leave out the pairs whose transport exceeds what they avoid
 * (docs/impact-method.md §9): those pairs carry no kilos, and the run lists them with the reason
 * for the coordinator. PGlite by default, PostgreSQL 15 with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';

let t: TestServices;
let coordinator: UserActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestServices();
  const w = await createTestUser(t);
  const d1 = await createTestUser(t);
  const d2 = await createTestUser(t);
  coordinator = await createTestUser(t, { roles: ['coordinator'] });
  // On a north–south line through Lyon (km from the centre): a big lot at 0 and a request for
  // 100 kg 1 km away (worth the trip); a small lot at +20 and a request for 10 kg at +27: 10 kg
  // of oak cannot pay a van round trip of 7 km (nor of 19 or 27).
  const at = (km: number) => ({ lat: 45.764 + km / 111.195, lon: 4.8357 });
  const big = (await createTestSite(t, w, { postalCode: '69001', ...at(0) })).id;
  const small = (await createTestSite(t, w, { postalCode: '69001', ...at(20) })).id;
  ids.big = (
    await t.lots.create(
      w,
      lotInput(big, { title: 'Chêne 100 kg', unit: 'kg', quantity: 100, dimensions: {} }),
    )
  ).id;
  ids.small = (
    await t.lots.create(
      w,
      lotInput(small, { title: 'Chêne 10 kg', unit: 'kg', quantity: 10, dimensions: {} }),
    )
  ).id;
  const want = async (who: UserActor, km: number, kg: number) =>
    (
      await t.requests.create(who, {
        title: 'Chêne',
        description: '',
        materialKeys: ['oak'],
        acceptSubstitutes: false,
        unit: 'kg',
        quantityMin: 1,
        quantityMax: kg,
        maxDistanceKm: 30,
        point: { kind: 'point', ...at(km) },
      })
    ).id;
  ids.near = await want(d1, 1, 100);
  ids.far = await want(d2, 27, 10);
});
afterAll(() => t.database.close());

const run = async (leaveOutLosingPairs?: boolean) => {
  const { runId } = await t.allocations.start(
    coordinator,
    null,
    leaveOutLosingPairs === undefined ? undefined : { leaveOutLosingPairs },
  );
  await t.allocations.settled(runId);
  return t.allocations.get(coordinator, runId);
};
const flows = (r: Awaited<ReturnType<typeof run>>) => r.flows.map((f) => `${f.lotId}→${f.requestId}`).sort();

describe('allocation: leave out losing pairs', () => {
  it('by default serves every request it can, losing pairs included', async () => {
    const r = await run();
    expect(r.status).toBe('done');
    expect(r.leaveOutLosingPairs).toBe(false);
    expect(flows(r)).toEqual([`${ids.big}→${ids.near}`, `${ids.small}→${ids.far}`].sort());
    expect(r.summary).toMatchObject({ leaveOutLosingPairs: false, leftOutPairs: 0, leftOut: [] });
  });

  it('asked to, routes no kilo through a losing pair and tells the coordinator which and why', async () => {
    const r = await run(true);
    expect(r.status).toBe('done');
    expect(r.leaveOutLosingPairs).toBe(true);
    expect(flows(r)).toEqual([`${ids.big}→${ids.near}`]);
    const s = r.summary!;
    expect(s.candidatePairs).toBe(4);
    expect(s.leftOutPairs).toBe(3);
    const left = s.leftOut.map((p) => `${p.lotId}→${p.requestId}`).sort();
    expect(left).toEqual(
      [`${ids.small}→${ids.far}`, `${ids.big}→${ids.far}`, `${ids.small}→${ids.near}`].sort(),
    );
    for (const p of s.leftOut) {
      expect(p.reason).toBe('transport_exceeds_avoided');
      expect(p.netKgCo2e.central).toBeLessThan(0);
      expect(p.materialKey).toBe('oak');
    }
    // Worst first: the longest trip for the same 10 kg.
    expect(s.leftOut[0]!.distanceKm).toBeGreaterThan(s.leftOut.at(-1)!.distanceKm);
    expect(s.optimal.kg).toBe(100);
  });
});
