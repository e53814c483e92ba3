import { impactRepository } from '@retaille/db';
import { DomainError, type PooledTourInput } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';

let s: TestServices;
let coordinator: UserActor;
let sellers: UserActor[];
let sellerSites: string[];
let buyers: UserActor[];
let buyerSites: string[];
let depot: string;

/** The day after tomorrow 08:00 UTC: every pickup of this file is agreed then, for 4 hours. */
const slotStart = (() => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(8, 0, 0, 0);
  return d;
})();
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(slotStart);
const VAN = 'van_diesel_avg_defra';

async function scheduledTrade(seller: number, buyer: number, kg: number) {
  const lot = await s.lots.create(
    sellers[seller]!,
    lotInput(sellerSites[seller]!, {
      materialKey: 'wood_other',
      unit: 'kg',
      quantity: kg,
      dimensions: {},
    } as never),
  );
  const trade = await s.trades.request(buyers[buyer]!, {
    lotId: lot.id,
    quantity: kg,
    buyerSiteId: buyerSites[buyer]!,
  });
  await s.trades.accept(sellers[seller]!, trade.id);
  await s.trades.proposePickup(sellers[seller]!, trade.id, {
    start: slotStart,
    end: new Date(slotStart.getTime() + 4 * 3_600_000),
  });
  await s.trades.agreePickup(buyers[buyer]!, trade.id);
  return trade.id;
}

const input = (over: Partial<PooledTourInput> = {}): PooledTourInput => ({
  territory: { kind: 'departement', code: '69' },
  day,
  depotSiteId: depot,
  vehicle: { vehicleKey: VAN, capacityKg: 500, count: 2 },
  ...over,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; key: string; fields: string[] }> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const d = e as DomainError;
    return { code: d.code, key: d.key, fields: (d.details.fields ?? []).map((f) => `${f.path}:${f.key}`) };
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  s = await createTestServices({ POOLED_TOUR_MAX_STOPS: '6' });
  coordinator = await createTestUser(s, { roles: ['coordinator'], departements: ['69'] });
  sellers = [await createTestUser(s), await createTestUser(s), await createTestUser(s)];
  sellerSites = [];
  for (const [i, pc] of ['69100', '69500', '69120'].entries()) {
    sellerSites.push((await createTestSite(s, sellers[i]!, { postalCode: pc })).id);
  }
  buyers = [await createTestUser(s), await createTestUser(s)];
  buyerSites = [
    (await createTestSite(s, buyers[0]!, { postalCode: '69200' })).id,
    (await createTestSite(s, buyers[1]!, { postalCode: '69007' })).id,
  ];
  depot = (await createTestSite(s, coordinator, { postalCode: '69002' })).id;
});
afterAll(() => s.database.close());

describe('pooled tours: planned by a coordinator, proposed, answered, recorded as trips', () => {
  let ids: string[];
  let tourId: string;

  it('pools the agreed pickups of several buyers in the territory, shorter than the separate trips', async () => {
    ids = [await scheduledTrade(0, 0, 40), await scheduledTrade(1, 1, 30), await scheduledTrade(2, 0, 20)];
    const plan = await s.pooledTours.plan(coordinator, input());
    expect(plan).toMatchObject({ id: null, status: 'planned', day, unserved: [] });
    const planned = plan.vehicles.flatMap((v) => v.stops.map((x) => x.tradeId));
    expect(planned.sort()).toEqual([...ids].sort());
    expect(plan.km).toBeLessThan(plan.separateKm);
    expect(plan.co2eKg).toBeLessThan(plan.separateCo2eKg);
    for (const v of plan.vehicles) expect(v.loadKg).toBeLessThanOrEqual(500);
  });

  it('proposes them: each stop’s buyer and seller is notified and sees the tour', async () => {
    const proposed = await s.pooledTours.propose(coordinator, input());
    tourId = proposed.id!;
    expect(proposed).toMatchObject({ status: 'proposed', canRecord: true });
    for (const who of [buyers[0]!, buyers[1]!, sellers[0]!, sellers[2]!]) {
      const notices = await s.notifications.list(who);
      expect(
        notices.items.some((n) => n.kind === 'pooled_tour_proposed' && n.payload.tourId === tourId),
      ).toBe(true);
    }
    const seen = await s.pooledTours.get(buyers[1]!, tourId);
    const mine = seen.vehicles.flatMap((v) => v.stops).filter((x) => x.myRole !== null);
    expect(mine.map((x) => [x.tradeId, x.myRole])).toEqual([[ids[1], 'buyer']]);
    expect(seen.canRecord).toBe(false);
    // Proposed again: these pickups are taken.
    expect(await refusal(s.pooledTours.propose(coordinator, input()))).toMatchObject({
      code: 'CONFLICT',
      key: 'tour.nothingToPool',
    });
  });

  it('accepted stops travel, declined and unanswered ones do not; the trip counts in the impact', async () => {
    await s.pooledTours.respond(buyers[0]!, { tourId, tradeId: ids[0]!, accept: true });
    await s.pooledTours.respond(sellers[0]!, { tourId, tradeId: ids[0]!, accept: true });
    await s.pooledTours.respond(buyers[1]!, { tourId, tradeId: ids[1]!, accept: false });
    await s.pooledTours.respond(buyers[0]!, { tourId, tradeId: ids[2]!, accept: true });
    // The coordinator's bell tells each answer, by role and answer.
    const told = (await s.notifications.list(coordinator)).items
      .filter((n) => n.kind === 'pooled_tour_answered' && n.payload.tourId === tourId)
      .map((n) => [n.payload.role, n.payload.answer])
      .sort();
    expect(told).toEqual([
      ['buyer', 'accepted'],
      ['buyer', 'accepted'],
      ['buyer', 'declined'],
      ['seller', 'accepted'],
    ]);
    // A party answers only their own stop; a stranger learns nothing.
    expect(
      await refusal(s.pooledTours.respond(buyers[1]!, { tourId, tradeId: ids[0]!, accept: false })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(s.pooledTours.get(await createTestUser(s), tourId))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(s.pooledTours.record(buyers[0]!, { tourId }))).toMatchObject({ code: 'NOT_FOUND' });

    const recorded = await s.pooledTours.record(coordinator, { tourId });
    expect(recorded.trips.flatMap((t) => t.tradeIds)).toEqual([ids[0]]);
    const found = (await impactRepository.findTripOfTrade(s.database.db, ids[0]!))!;
    expect(found.trip).toMatchObject({
      mode: 'shared_tour',
      round_trip: false,
      id: recorded.trips[0]!.tripId,
    });
    expect(found.trip.distance_km).toBeCloseTo(recorded.trips[0]!.km, 9);
    expect(await impactRepository.findTripOfTrade(s.database.db, ids[1]!)).toBeUndefined();
    expect(await impactRepository.findTripOfTrade(s.database.db, ids[2]!)).toBeUndefined();

    expect((await s.pooledTours.get(coordinator, tourId)).status).toBe('recorded');
    expect(await refusal(s.pooledTours.record(coordinator, { tourId }))).toMatchObject({
      code: 'CONFLICT',
      key: 'tour.alreadyRecorded',
    });
    expect(
      await refusal(s.pooledTours.respond(sellers[2]!, { tourId, tradeId: ids[2]!, accept: true })),
    ).toMatchObject({ code: 'CONFLICT', key: 'tour.alreadyRecorded' });
    // The declined pickup can be pooled again.
    const again = await s.pooledTours.plan(coordinator, input());
    expect(again.vehicles.flatMap((v) => v.stops.map((x) => x.tradeId))).toEqual([ids[1]]);
  });
});

describe('pooled tours: two proposals at once over the same pickups', () => {
  it('stores one; the other is refused with tour.tradeAlreadyPooled, not a 500', async () => {
    const later = new Date(slotStart.getTime() + 86_400_000);
    const laterDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(later);
    const saved = slotStart.getTime();
    slotStart.setTime(later.getTime());
    const ids = [await scheduledTrade(0, 0, 10), await scheduledTrade(2, 1, 10)];
    slotStart.setTime(saved);
    const outcomes = await Promise.allSettled([
      s.pooledTours.propose(coordinator, input({ day: laterDay })),
      s.pooledTours.propose(coordinator, input({ day: laterDay })),
    ]);
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(DomainError);
    expect(['tour.tradeAlreadyPooled', 'tour.nothingToPool']).toContain((refused[0] as DomainError).key);
    const stored = (ok[0] as PromiseFulfilledResult<{ vehicles: { stops: { tradeId: string }[] }[] }>).value;
    expect(stored.vehicles.flatMap((v) => v.stops.map((x) => x.tradeId)).sort()).toEqual([...ids].sort());
  });
});

describe('pooled tours: who may, and bad input', () => {
  it('refuses a non-coordinator, a territory outside the scope, a depot outside the territory', async () => {
    expect(await refusal(s.pooledTours.plan(buyers[0]!, input()))).toMatchObject({
      code: 'FORBIDDEN',
      key: 'tour.notCoordinator',
    });
    const paris = await createTestUser(s, { roles: ['coordinator'], departements: ['75'] });
    expect(await refusal(s.pooledTours.plan(paris, input()))).toMatchObject({
      code: 'FORBIDDEN',
      key: 'tour.territoryNotInScope',
    });
    // A coordinator of the région covers its départements.
    const aura = await createTestUser(s, { roles: ['coordinator'], regions: ['84'] });
    await expect(s.pooledTours.plan(aura, input())).resolves.toMatchObject({ status: 'planned' });
    expect(
      await refusal(s.pooledTours.plan(aura, input({ territory: { kind: 'departement', code: '38' } }))),
    ).toEqual({
      code: 'VALIDATION',
      key: 'tour.invalidInput',
      fields: ['depotSiteId:tour.depotOutsideTerritory'],
    });
  });

  it('refuses a capacity below the largest lot, too many pickups, a reversed window and NUL bytes', async () => {
    const heavy = await scheduledTrade(1, 1, 300);
    expect(
      await refusal(
        s.pooledTours.plan(coordinator, input({ vehicle: { vehicleKey: VAN, capacityKg: 100 } })),
      ),
    ).toEqual({
      code: 'VALIDATION',
      key: 'tour.invalidInput',
      fields: ['vehicle.capacityKg:tour.capacityBelowLargestLot'],
    });
    for (let i = 0; i < 5; i++) await scheduledTrade(i % 3, i % 2, 5);
    expect(await refusal(s.pooledTours.plan(coordinator, input()))).toMatchObject({
      fields: ['territory:tour.tooManyStops'],
    });
    expect(
      await refusal(s.pooledTours.plan(coordinator, input({ departMin: 600, returnByMin: 500 }))),
    ).toMatchObject({
      fields: ['returnByMin:tour.windowReversed'],
    });
    expect(
      await refusal(
        s.pooledTours.plan(coordinator, input({ vehicle: { vehicleKey: 'van\u0000', capacityKg: 500 } })),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(heavy).toBeTruthy();
  });
});
