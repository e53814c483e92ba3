import { impactRepository } from '@retaille/db';
import { computeTripEmissions, DomainError, IMPACT_METHOD_VERSION } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import type { HandoverTravel } from './trip-recorder.ts';

let s: TestServices;
let sellerA: UserActor;
let sellerB: UserActor;
let buyer: UserActor;
let stranger: UserActor;
let siteA: string;
let siteB: string;
let buyerSite: string;
let strangerSite: string;

/** An accepted trade of `kg` kilograms from `seller`'s site to `who`. */
async function acceptedTrade(
  seller: UserActor,
  sellerSite: string,
  who: UserActor,
  whoSite: string,
  kg: number,
) {
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSite, { materialKey: 'wood_other', unit: 'kg', quantity: kg, dimensions: {} } as never),
  );
  const trade = await s.trades.request(who, { lotId: lot.id, quantity: kg, buyerSiteId: whoSite });
  await s.trades.accept(seller, trade.id);
  return trade.id;
}

async function refusedFields(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return ((e as DomainError).details.fields ?? []).map((f) => `${f.path}:${f.key}`);
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  s = await createTestServices();
  sellerA = await createTestUser(s);
  sellerB = await createTestUser(s);
  buyer = await createTestUser(s);
  stranger = await createTestUser(s);
  siteA = (await createTestSite(s, sellerA, { postalCode: '69001' })).id;
  siteB = (await createTestSite(s, sellerB, { postalCode: '69003' })).id;
  buyerSite = (await createTestSite(s, buyer, { postalCode: '69100' })).id;
  strangerSite = (await createTestSite(s, stranger, { postalCode: '69200' })).id;
});
afterAll(() => s.database.close());

describe('recording how a lot travelled at handover', () => {
  it('records a one-lot bike trip with the method version', async () => {
    const id = await acceptedTrade(sellerA, siteA, buyer, buyerSite, 8);
    const travel: HandoverTravel = { mode: 'bike', roundTrip: true };
    const dto = await s.trades.handOver(sellerA, id, 8, null, travel);
    expect(dto.state).toBe('handed_over');
    const found = await impactRepository.findTripOfTrade(s.database.db, id);
    expect(found?.trip).toMatchObject({
      mode: 'bike',
      round_trip: true,
      distance_km: null,
      method_version: IMPACT_METHOD_VERSION,
    });
    expect(found?.trip.stops.sort()).toEqual([`site:${buyerSite}`, `site:${siteA}`].sort());
    expect(found?.trades).toEqual([
      expect.objectContaining({ trade_id: id, mass_kg: 8, seller_site_id: siteA, buyer_site_id: buyerSite }),
    ]);
  });

  it('lets a second lot join a shared trip, and the stored trip replays to a mass allocation', async () => {
    const first = await acceptedTrade(sellerA, siteA, buyer, buyerSite, 30);
    const second = await acceptedTrade(sellerB, siteB, buyer, buyerSite, 10);
    await s.trades.handOver(sellerA, first, 30, null, {
      mode: 'shared_tour',
      roundTrip: false,
      distanceKm: 25,
      alsoStopsAtSiteIds: [siteB],
    });
    const trip = (await impactRepository.findTripOfTrade(s.database.db, first))!.trip;
    await s.trades.handOver(sellerB, second, 10, null, {
      mode: 'shared_tour',
      roundTrip: false,
      tripId: trip.id,
    });
    const stored = (await impactRepository.findTripOfTrade(s.database.db, second))!;
    expect(stored.trip.id).toBe(trip.id);
    const e = computeTripEmissions({
      mode: stored.trip.mode,
      distanceKm: stored.trip.distance_km ?? 0,
      roundTrip: stored.trip.round_trip,
      stopSiteIds: stored.trip.stops,
      lots: stored.trades.map((t) => ({
        tradeId: t.trade_id,
        massKg: t.mass_kg,
        sellerSiteId: `site:${t.seller_site_id}`,
        buyerSiteId: `site:${t.buyer_site_id}`,
      })),
    });
    expect(e.lots.map((l) => [l.tradeId, l.share])).toEqual([
      [first, 0.75],
      [second, 0.25],
    ]);
    expect(e.total.central).toBeCloseTo(25 * (0.25561 + 0.06128), 9);
  });

  it('refuses an impossible trip with the field named, before the lot is handed over', async () => {
    const id = await acceptedTrade(sellerA, siteA, buyer, buyerSite, 5);
    expect(
      await refusedFields(
        s.trades.handOver(sellerA, id, 5, null, { mode: 'van_diesel', roundTrip: true, distanceKm: -2 }),
      ),
    ).toContain('travel.distanceKm:impact.tripNegativeDistance');
    expect(
      await refusedFields(
        s.trades.handOver(sellerA, id, 5, null, { mode: 'teleport' as never, roundTrip: true }),
      ),
    ).toContain('travel.mode:impact.tripModeWithoutFactor');
    expect(
      await refusedFields(s.trades.handOver(sellerA, id, 5, null, { mode: 'shared_tour', roundTrip: false })),
    ).toContain('travel.distanceKm:impact.tripDistanceRequired');
    // A trip between two other sites: this trade's parties are not among its stops.
    const other = await acceptedTrade(stranger, strangerSite, buyer, buyerSite, 3);
    await s.trades.handOver(stranger, other, 3, null, {
      mode: 'shared_tour',
      roundTrip: false,
      distanceKm: 12,
    });
    const foreign = (await impactRepository.findTripOfTrade(s.database.db, other))!.trip;
    expect(
      await refusedFields(
        s.trades.handOver(sellerA, id, 5, null, {
          mode: 'shared_tour',
          roundTrip: false,
          tripId: foreign.id,
        }),
      ),
    ).toContain('travel.tripId:impact.tripPartiesMismatch');
    // Nothing was written and the trade is still waiting for its handover.
    expect(await impactRepository.findTripOfTrade(s.database.db, id)).toBeUndefined();
    expect((await s.trades.get(sellerA, id)).state).toBe('accepted');
  });

  it('keeps the labelled default when nothing is recorded', async () => {
    const id = await acceptedTrade(sellerA, siteA, buyer, buyerSite, 4);
    await s.trades.handOver(sellerA, id, 4, null);
    expect(await impactRepository.findTripOfTrade(s.database.db, id)).toBeUndefined();
  });
});
