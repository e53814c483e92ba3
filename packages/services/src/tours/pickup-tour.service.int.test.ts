import { impactRepository } from '@retaille/db';
import { computeTripEmissions, DomainError, isoWeekday, type PickupTourInput } from '@retaille/domain';
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
let sellers: UserActor[];
let sellerSites: string[];
let buyer: UserActor;
let buyerSite: string;
let stranger: UserActor;

/** Tomorrow 08:00 UTC (09:00 or 10:00 in Paris): the agreed pickups start there. */
const slotStart = (() => {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(8, 0, 0, 0);
  return d;
})();
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(slotStart);
const VAN = 'van_diesel_avg_defra';

/** A trade of `kg` kilograms from seller `i` to the buyer's site, its pickup agreed for the slot. */
async function scheduledTrade(i: number, kg: number, hours = 4, who = buyer, whoSite = buyerSite) {
  const lot = await s.lots.create(
    sellers[i]!,
    lotInput(sellerSites[i]!, {
      materialKey: 'wood_other',
      unit: 'kg',
      quantity: kg,
      dimensions: {},
    } as never),
  );
  const trade = await s.trades.request(who, { lotId: lot.id, quantity: kg, buyerSiteId: whoSite });
  await s.trades.accept(sellers[i]!, trade.id);
  await s.trades.proposePickup(sellers[i]!, trade.id, {
    start: slotStart,
    end: new Date(slotStart.getTime() + hours * 3_600_000),
  });
  await s.trades.agreePickup(who, trade.id);
  return trade.id;
}

const tourInput = (tradeIds: string[], over: Partial<PickupTourInput> = {}): PickupTourInput => ({
  tradeIds,
  start: { kind: 'site', siteId: buyerSite },
  day,
  vehicle: { vehicleKey: VAN, capacityKg: 800 },
  ...over,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const d = e as DomainError;
    return { code: d.code, fields: (d.details.fields ?? []).map((f) => `${f.path}:${f.key}`) };
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  s = await createTestServices();
  sellers = [await createTestUser(s), await createTestUser(s), await createTestUser(s)];
  sellerSites = [
    (await createTestSite(s, sellers[0]!, { postalCode: '69001' })).id,
    (await createTestSite(s, sellers[1]!, { postalCode: '69003' })).id,
    (await createTestSite(s, sellers[2]!, { postalCode: '69100' })).id,
  ];
  buyer = await createTestUser(s);
  buyerSite = (await createTestSite(s, buyer, { postalCode: '69200' })).id;
  stranger = await createTestUser(s);
});
afterAll(() => s.database.close());

describe('a buyer’s pickup tour: planned, recorded as the trip, counted in the impact', () => {
  it('plans the agreed pickups in one tour, shorter than the separate round trips, then records and counts it', async () => {
    const ids = [await scheduledTrade(0, 30), await scheduledTrade(1, 10), await scheduledTrade(2, 60)];
    const plan = await s.tours.plan(buyer, tourInput(ids));
    if (plan.status !== 'ok') throw new Error(`infeasible: ${JSON.stringify(plan.reasons)}`);
    expect(plan.method).toBe('exact');
    expect(plan.optimal).toBe(true);
    expect(plan.stops.map((x) => x.tradeId).sort()).toEqual([...ids].sort());
    expect(plan.loadKg).toBe(100);
    // The legs add up to the tour; the tour beats three round trips in km and in CO2e.
    const legs = plan.stops.reduce((sum, x) => sum + x.legKm, 0) + plan.lastLegKm;
    expect(legs).toBeCloseTo(plan.km, 9);
    expect(plan.km).toBeLessThan(plan.separateKm);
    expect(plan.co2eKg).toBeLessThan(plan.separateCo2eKg);
    // Each service starts inside its agreed slot, in the order driven.
    const slotMin =
      Number(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Paris',
          hour: 'numeric',
          hourCycle: 'h23',
        }).format(slotStart),
      ) * 60;
    let last = plan.startMin;
    for (const stop of plan.stops) {
      expect(stop.serviceStartMin).toBeGreaterThanOrEqual(Math.max(last, slotMin));
      expect(stop.serviceStartMin).toBeLessThanOrEqual(slotMin + 4 * 60);
      last = stop.departureMin;
    }

    const recorded = await s.tours.recordTrip(buyer, tourInput(ids));
    expect(recorded.km).toBeCloseTo(plan.km, 9);
    for (const id of ids) {
      const found = (await impactRepository.findTripOfTrade(s.database.db, id))!;
      expect(found.trip.id).toBe(recorded.tripId);
      expect(found.trip).toMatchObject({ mode: 'shared_tour', round_trip: false });
      expect(found.trip.distance_km).toBeCloseTo(plan.km, 9);
    }

    // Driven: handed over (nothing more said about the travel) and received.
    for (const [i, id] of ids.entries()) {
      await s.trades.handOver(sellers[i]!, id, [30, 10, 60][i]!, null);
      expect((await s.trades.confirmReceipt(buyer, id)).state).toBe('completed');
    }
    const trip = (await impactRepository.findTripOfTrade(s.database.db, ids[0]!))!;
    const e = computeTripEmissions({
      mode: trip.trip.mode,
      distanceKm: trip.trip.distance_km ?? 0,
      roundTrip: trip.trip.round_trip,
      stopSiteIds: trip.trip.stops,
      lots: trip.trades.map((t) => ({
        tradeId: t.trade_id,
        massKg: t.mass_kg,
        sellerSiteId: `site:${t.seller_site_id}`,
        buyerSiteId: `site:${t.buyer_site_id}`,
      })),
    });
    for (const id of ids) {
      const record = (await impactRepository.findImpactRecord(s.database.db, id))!;
      const share = e.lots.find((l) => l.tradeId === id)!;
      expect(record.transport_kg_co2e).toBeCloseTo(share.kgCo2e.central, 9);
    }
    // Shares by mass: the 60 kg lot carries 60 % of the tour.
    expect(e.lots.find((l) => l.tradeId === ids[2])!.share).toBeCloseTo(0.6, 9);
  });

  it('recomputes an impact already recorded when the tour is recorded after completion', async () => {
    const ids = [await scheduledTrade(0, 20), await scheduledTrade(1, 20)];
    await s.trades.handOver(sellers[0]!, ids[0]!, 20, null);
    await s.trades.confirmReceipt(buyer, ids[0]!);
    const before = (await impactRepository.findImpactRecord(s.database.db, ids[0]!))!;
    await s.tours.recordTrip(buyer, tourInput(ids));
    const after = (await impactRepository.findImpactRecord(s.database.db, ids[0]!))!;
    expect(after.transport_kg_co2e).not.toBeCloseTo(before.transport_kg_co2e, 6);
    const trip = (await impactRepository.findTripOfTrade(s.database.db, ids[0]!))!;
    expect(trip.trades.map((t) => t.trade_id).sort()).toEqual([...ids].sort());
  });

  it('records a tour once: the same recording twice at once leaves one trip', async () => {
    const ids = [await scheduledTrade(0, 5), await scheduledTrade(1, 5)];
    const results = await Promise.allSettled([
      s.tours.recordTrip(buyer, tourInput(ids)),
      s.tours.recordTrip(buyer, tourInput(ids)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as DomainError).key).toBe('tour.tradeAlreadyOnTrip');
    const trips = await Promise.all(ids.map((id) => impactRepository.findTripOfTrade(s.database.db, id)));
    expect(trips[0]!.trip.id).toBe(trips[1]!.trip.id);
    // A lot travels once: a handover then saying how it travelled is refused with the field named.
    const refused = await refusal(
      s.trades.handOver(sellers[0]!, ids[0]!, 5, null, { mode: 'van_diesel', roundTrip: true }),
    );
    expect(refused).toEqual({ code: 'VALIDATION', fields: ['travel.tripId:impact.tripAlreadyRecorded'] });
    expect((await s.trades.get(sellers[0]!, ids[0]!)).state).toBe('pickup_scheduled');
  });
});

describe('bad input is refused with the field named, or answered infeasible with the reason', () => {
  it('refuses another party’s trade as not found, and a trade without an agreed pickup', async () => {
    const id = await scheduledTrade(0, 5);
    const other = await refusal(
      s.tours.plan(stranger, tourInput([id], { start: { kind: 'point', lat: 45.75, lon: 4.85 } })),
    );
    expect(other).toEqual({ code: 'NOT_FOUND', fields: ['tradeIds.0:trade.notFound'] });
    const lot = await s.lots.create(
      sellers[1]!,
      lotInput(sellerSites[1]!, {
        materialKey: 'wood_other',
        unit: 'kg',
        quantity: 3,
        dimensions: {},
      } as never),
    );
    const accepted = (await s.trades.request(buyer, { lotId: lot.id, quantity: 3, buyerSiteId: buyerSite }))
      .id;
    await s.trades.accept(sellers[1]!, accepted);
    expect((await refusal(s.tours.plan(buyer, tourInput([id, accepted])))).fields).toEqual([
      'tradeIds.1:tour.tradeNotReady',
    ]);
  });

  it('refuses a start outside France, a start at someone else’s site, a zero capacity, an unknown vehicle, a duplicate, too many stops, another day', async () => {
    const id = await scheduledTrade(1, 5);
    const f = async (over: Partial<PickupTourInput>, ids = [id]) =>
      (await refusal(s.tours.plan(buyer, tourInput(ids, over)))).fields;
    expect(await f({ start: { kind: 'point', lat: 40.42, lon: -3.7 } })).toContain(
      'start.point:tour.pointOutsideFrance',
    );
    expect(await f({ start: { kind: 'site', siteId: sellerSites[0]! } })).toEqual([
      'start.siteId:tour.placeNotYours',
    ]);
    expect(await f({ vehicle: { vehicleKey: VAN, capacityKg: 0 } })).toEqual([
      'vehicle.capacityKg:tour.capacityPositive',
    ]);
    expect(await f({ vehicle: { vehicleKey: 'fusée\u0000', capacityKg: 100 } })).toEqual([
      'vehicle.vehicleKey:impact.unknownVehicle',
    ]);
    expect(await f({}, [id, id])).toEqual(['tradeIds.1:tour.duplicateId']);
    expect(
      await f(
        {},
        Array.from({ length: 61 }, () => crypto.randomUUID()),
      ),
    ).toContain('tradeIds:tour.tooManyStops');
    expect(await f({ day: '2031-02-30' })).toContain('day:field.date');
    expect(await f({ day: '2030-01-02' })).toEqual(['tradeIds.0:tour.pickupOtherDay']);
    expect(await f({ departMin: 600, returnByMin: 500 })).toEqual(['returnByMin:tour.windowReversed']);
  });

  it('answers infeasible with the reason: a lot above the capacity, a slot the tour cannot meet', async () => {
    const heavy = await scheduledTrade(2, 300);
    const overweight = await s.tours.plan(
      buyer,
      tourInput([heavy], { vehicle: { vehicleKey: VAN, capacityKg: 100 } }),
    );
    expect(overweight).toEqual({
      status: 'infeasible',
      day,
      reasons: [{ tradeId: heavy, reason: 'tour.capacityBelowLot' }],
    });
    // Back home before the slot opens: the pickup cannot be reached in its window.
    const late = await s.tours.plan(buyer, tourInput([heavy], { departMin: 0, returnByMin: 60 }));
    expect(late).toMatchObject({
      status: 'infeasible',
      reasons: [{ tradeId: heavy, reason: 'tour.windowUnreachable' }],
    });
    // And an infeasible tour cannot be recorded.
    const refused = await refusal(
      s.tours.recordTrip(buyer, tourInput([heavy], { departMin: 0, returnByMin: 60 })),
    );
    expect(refused).toEqual({ code: 'CONFLICT', fields: ['tradeIds.0:tour.windowUnreachable'] });
    expect(await impactRepository.findTripOfTrade(s.database.db, heavy)).toBeUndefined();
  });
});

describe('the seller sites’ opening hours are the stops’ windows too', () => {
  /** A seller whose site opens `hours` (ISO weekdays), with a trade scheduled for the usual slot. */
  async function tradeAtSiteOpen(openings: { weekday: number; fromMin: number; toMin: number }[]) {
    const seller = await createTestUser(s);
    const site = await createTestSite(s, seller, { postalCode: '69007', openingHours: openings });
    sellers.push(seller);
    sellerSites.push(site.id);
    return { siteId: site.id, tradeId: await scheduledTrade(sellers.length - 1, 20) };
  }
  const weekday = isoWeekday(day);
  /** The slot in Paris minutes: 08:00 UTC for 4 hours. */
  const slotFrom =
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Paris',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(slotStart),
    ) * 60;

  it('stores the hours on the site and answers infeasible with the stop and both windows', async () => {
    const closed = await tradeAtSiteOpen([{ weekday: (weekday % 7) + 1, fromMin: 0, toMin: 1440 }]);
    const afternoon = await tradeAtSiteOpen([
      { weekday, fromMin: slotFrom + 5 * 60, toMin: slotFrom + 8 * 60 },
    ]);
    const seller = sellers.at(-1)!;
    expect((await s.sites.get(seller, afternoon.siteId)).openingHours).toEqual([
      { weekday, fromMin: slotFrom + 5 * 60, toMin: slotFrom + 8 * 60 },
    ]);
    const plan = await s.tours.plan(buyer, tourInput([closed.tradeId, afternoon.tradeId]));
    expect(plan).toEqual({
      status: 'infeasible',
      day,
      reasons: [
        { tradeId: closed.tradeId, reason: 'tour.siteClosed' },
        {
          tradeId: afternoon.tradeId,
          reason: 'tour.outsideOpeningHours',
          slot: { fromMin: slotFrom, toMin: slotFrom + 4 * 60 },
          openingHours: { fromMin: slotFrom + 5 * 60, toMin: slotFrom + 8 * 60 },
        },
      ],
    });
  });

  it('serves a stop inside both its slot and its site’s hours', async () => {
    const late = await tradeAtSiteOpen([{ weekday, fromMin: slotFrom + 3 * 60, toMin: slotFrom + 6 * 60 }]);
    const open = await scheduledTrade(0, 5);
    const plan = await s.tours.plan(buyer, tourInput([late.tradeId, open]));
    if (plan.status !== 'ok') throw new Error(JSON.stringify(plan.reasons));
    const stop = plan.stops.find((x) => x.tradeId === late.tradeId)!;
    expect(stop.serviceStartMin).toBeGreaterThanOrEqual(slotFrom + 3 * 60);
    expect(stop.serviceStartMin).toBeLessThanOrEqual(slotFrom + 4 * 60);
    // Hours edited to the whole day: the stop is no longer held back.
    const owner = sellers.at(-1)!;
    const site = await s.sites.get(owner, late.siteId);
    await s.sites.update(owner, late.siteId, {
      ...site,
      address: site.address ?? '1 rue',
      openingHours: [{ weekday, fromMin: 0, toMin: 1440 }],
    });
    const again = await s.tours.plan(buyer, tourInput([late.tradeId, open]));
    if (again.status !== 'ok') throw new Error('infeasible');
    expect(again.stops.find((x) => x.tradeId === late.tradeId)!.serviceStartMin).toBeLessThan(
      slotFrom + 3 * 60,
    );
  });
});
