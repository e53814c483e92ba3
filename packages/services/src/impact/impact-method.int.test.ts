import { impactRepository } from '@retaille/db';
import {
  assessTrade,
  computeTripEmissions,
  EMBEDDED_FACTOR_SET,
  IMPACT_METHOD_VERSION,
  parisMonth,
  soloTravelEmissions,
} from '@retaille/domain';
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
let alice: UserActor;
let bob: UserActor;
let admin: UserActor;
let siteA: string;
let siteB: string;
let oakTrade: string;
let leatherTrade: string;
const LYON = { lat: 45.75485, lon: 4.83638 };
const SEVEN_KM_NORTH = { lat: LYON.lat + (7 / (6378.168 * Math.PI)) * 180, lon: LYON.lon };
const month = parisMonth(new Date().toISOString());
const period = { from: month, to: month };

async function completed(
  seller: UserActor,
  sellerSite: string,
  buyer: UserActor,
  buyerSite: string,
  materialKey: string,
  kg: number,
  travel: HandoverTravel | null,
): Promise<string> {
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSite, { materialKey, unit: 'kg', quantity: kg, dimensions: {} } as never),
  );
  const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: kg, buyerSiteId: buyerSite });
  await s.trades.accept(seller, trade.id);
  await s.trades.handOver(seller, trade.id, kg, null, travel);
  expect((await s.trades.confirmReceipt(buyer, trade.id)).state).toBe('completed');
  return trade.id;
}

beforeAll(async () => {
  s = await createTestServices();
  alice = await createTestUser(s);
  bob = await createTestUser(s);
  admin = await createTestUser(s, { roles: ['admin'] });
  siteA = (await createTestSite(s, alice, { postalCode: '69001', ...LYON })).id;
  siteB = (await createTestSite(s, bob, { postalCode: '69001', ...SEVEN_KM_NORTH })).id;
  // Alice gives 10 kg of oak to Bob's site, carried by cargo bike there and back.
  oakTrade = await completed(alice, siteA, bob, siteB, 'oak', 10, { mode: 'bike', roundTrip: true });
  // Bob gives 4 kg of leather to Alice's site; nothing recorded: the default van.
  leatherTrade = await completed(bob, siteB, alice, siteA, 'leather_bovine_vegetable', 4, null);
});
afterAll(() => s.database.close());

describe("a site's dashboard: given and received apart", () => {
  it('shows what the site gave in totals and what it received apart', async () => {
    const d = await s.impact.dashboard(alice, { ...period, siteId: siteA });
    expect(d.scope).toEqual({ kind: 'site', siteId: siteA });
    expect(d.totals.trades).toBe(1);
    expect(d.totals.massKg).toBe(10);
    expect(d.received?.trades).toBe(1);
    expect(d.received?.massKg).toBe(4);
  });

  it('the network counts each trade once and has no received view', async () => {
    const d = await s.impact.dashboard(admin, period);
    const m = await s.impact.method(admin, period);
    expect(d.received).toBeNull();
    expect(m.received).toBeNull();
    const mine = [oakTrade, leatherTrade];
    const records = await Promise.all(mine.map((id) => impactRepository.findImpactRecord(s.database.db, id)));
    expect(records.every((r) => r !== undefined)).toBe(true);
    expect(m.given.trades).toBe(d.totals.trades);
    expect(m.given.massKg).toBeCloseTo(d.totals.massKg, 9);
  });
});

describe('method figures replay from the stored inputs under the versions they cite', () => {
  it("a site's method view: the oak given by bike, the leather received on a proxy by the default van", async () => {
    const m = await s.impact.method(alice, { ...period, siteId: siteA });
    expect(m.methodVersion).toBe(IMPACT_METHOD_VERSION);
    expect(m.factorVersion).toBe(EMBEDDED_FACTOR_SET.version);

    // Given: replay the oak from its stored trip and record.
    const trip = (await impactRepository.findTripOfTrade(s.database.db, oakTrade))!;
    const record = (await impactRepository.findImpactRecord(s.database.db, oakTrade))!;
    expect(trip.trip.method_version).toBe(m.methodVersion);
    const travelled = computeTripEmissions({
      mode: trip.trip.mode,
      distanceKm: trip.trip.distance_km ?? record.distance_km,
      roundTrip: trip.trip.round_trip,
      stopSiteIds: trip.trip.stops,
      lots: trip.trades.map((t) => ({
        tradeId: t.trade_id,
        massKg: t.mass_kg,
        sellerSiteId: `site:${t.seller_site_id}`,
        buyerSiteId: `site:${t.buyer_site_id}`,
      })),
    });
    const oak = assessTrade(
      {
        tradeId: oakTrade,
        materialKey: record.material_key,
        massKg: record.mass_kg,
        transportKgCo2e: travelled.total,
        travelMode: 'bike',
        travelIsDefault: false,
      },
      EMBEDDED_FACTOR_SET,
    );
    expect(m.given.trades).toBe(1);
    expect(m.given.defaultTravelTrades).toBe(0);
    for (const b of ['low', 'central', 'high'] as const) {
      expect(m.given.netKgCo2e[b]).toBeCloseTo(oak.netKgCo2e[b], 9);
    }
    // By bike (≈14 km × 5 g) the oak is net positive; the old default van would have made it negative.
    expect(m.given.netKgCo2e.central).toBeGreaterThan(0);
    expect(m.given.transportKgCo2e.central).toBeCloseTo(record.distance_km * 2 * 0.005, 9);

    // Received: leather rests on the per-m² proxy and on the labelled default van.
    const received = m.received!;
    expect(received.trades).toBe(1);
    expect(received.defaultTravelTrades).toBe(1);
    expect(received.coverage).toEqual([
      { materialKey: 'leather_bovine_vegetable', coverage: 'proxy', trades: 1, massKg: 4 },
    ]);
    const leatherRecord = (await impactRepository.findImpactRecord(s.database.db, leatherTrade))!;
    const van = soloTravelEmissions({ distanceKm: leatherRecord.distance_km, massKg: 4 });
    expect(received.transportKgCo2e.central).toBeCloseTo(van.central, 9);
    expect(received.transportKgCo2e.high).toBeCloseTo(van.high, 9);
  });
});
