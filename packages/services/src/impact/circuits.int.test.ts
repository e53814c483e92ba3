import { impactRepository, userRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
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
let sellerC: UserActor;
let sellerD: UserActor;
let buyer: UserActor;
let designer: UserActor;
let admin: UserActor;
let coordinator69: UserActor;
let siteA: string;
let siteB: string;
let siteC: string;
let siteD: string;
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const period = { from: day, to: day };
const tradeIds: Record<string, string> = {};

/** A trade of `kg` kilograms weighed at handover (with `travel`), received, completed. */
async function completed(
  seller: UserActor,
  sellerSite: string,
  who: UserActor,
  whoSite: string | null,
  kg: number,
  travel?: HandoverTravel,
): Promise<string> {
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSite, { materialKey: 'wood_other', unit: 'kg', quantity: kg, dimensions: {} } as never),
  );
  const trade = await s.trades.request(who, {
    lotId: lot.id,
    quantity: kg,
    ...(whoSite ? { buyerSiteId: whoSite } : {}),
  });
  await s.trades.accept(seller, trade.id);
  await s.trades.handOver(seller, trade.id, kg, null, travel);
  expect((await s.trades.confirmReceipt(who, trade.id)).state).toBe('completed');
  return trade.id;
}

async function distanceOf(tradeId: string): Promise<number> {
  return (await impactRepository.findImpactRecord(s.database.db, tradeId))!.distance_km;
}

beforeAll(async () => {
  s = await createTestServices();
  [sellerA, sellerC, sellerD, buyer] = await Promise.all([
    createTestUser(s),
    createTestUser(s),
    createTestUser(s),
    createTestUser(s),
  ]);
  designer = await createTestUser(s, { roles: ['designer'] });
  admin = await createTestUser(s, { roles: ['admin'] });
  coordinator69 = await createTestUser(s, { roles: ['coordinator'], departements: ['69'] });
  siteA = (await createTestSite(s, sellerA, { postalCode: '69001', lat: 45.7548, lon: 4.8364 })).id;
  siteB = (await createTestSite(s, buyer, { postalCode: '69001', lat: 45.8177, lon: 4.8364 })).id;
  siteC = (await createTestSite(s, sellerC, { postalCode: '13001', lat: 43.2999, lon: 5.3841 })).id;
  siteD = (await createTestSite(s, sellerD, { postalCode: '69003', lat: 45.7597, lon: 4.8676 })).id;
  // The designer has no site: the flow runs to their home commune, Villeurbanne.
  await userRepository.updateProfile(s.database.db, designer.userId, {
    home_commune_insee: '69266',
    home_lat: 45.7719,
    home_lon: 4.8902,
  });
  tradeIds.ab1 = await completed(sellerA, siteA, buyer, siteB, 10);
  tradeIds.ab2 = await completed(sellerA, siteA, buyer, siteB, 5);
  tradeIds.home = await completed(sellerA, siteA, designer, null, 4);
  tradeIds.far = await completed(sellerC, siteC, buyer, siteB, 20);
  // A shared tour of 10 km: A's 30 kg then D's 10 kg to B (shares 7.5 km and 2.5 km).
  const lotA = await s.lots.create(
    sellerA,
    lotInput(siteA, { materialKey: 'wood_other', unit: 'kg', quantity: 30, dimensions: {} } as never),
  );
  const tourA = await s.trades.request(buyer, { lotId: lotA.id, quantity: 30, buyerSiteId: siteB });
  await s.trades.accept(sellerA, tourA.id);
  await s.trades.handOver(sellerA, tourA.id, 30, null, {
    mode: 'shared_tour',
    roundTrip: false,
    distanceKm: 10,
    alsoStopsAtSiteIds: [siteD],
  });
  const trip = (await impactRepository.findTripOfTrade(s.database.db, tourA.id))!.trip;
  tradeIds.tourD = await completed(sellerD, siteD, buyer, siteB, 10, {
    mode: 'shared_tour',
    roundTrip: false,
    tripId: trip.id,
  });
  await s.trades.confirmReceipt(buyer, tourA.id);
  tradeIds.tourA = tourA.id;
});
afterAll(() => s.database.close());

describe('circuits map', () => {
  it('gives the network (admins) every flow with its exact kg, the short-circuit share and the km avoided', async () => {
    const c = await s.impact.circuits(admin, period);
    const kg = Object.fromEntries(c.edges.map((e) => [`${e.from}>${e.to}`, e.massKg]));
    expect(kg).toEqual({
      [`site:${siteA}>site:${siteB}`]: 45,
      [`site:${siteA}>commune:69266`]: 4,
      [`site:${siteC}>site:${siteB}`]: 20,
      [`site:${siteD}>site:${siteB}`]: 10,
    });
    expect(c.shortCircuitKm).toBe(50);
    // Marseille → Lyon is the one long trade of six.
    expect(c.totals).toMatchObject({ trades: 6, massKg: 79, shortTrades: 5, tourTrades: 2 });
    expect(c.totals.shortShare).toBeCloseTo(5 / 6, 10);
    const separate = 2 * (await distanceOf(tradeIds.tourA!)) + 2 * (await distanceOf(tradeIds.tourD!));
    expect(c.totals.kmAvoided).toBeCloseTo(separate - 10, 6);
    const ab = c.edges.find((e) => e.from === `site:${siteA}` && e.to === `site:${siteB}`)!;
    expect(ab).toMatchObject({ trades: 3, tourTrades: 1 });
    expect(ab.kmAvoided).toBeCloseTo(2 * (await distanceOf(tradeIds.tourA!)) - 7.5, 6);
    const home = c.nodes.find((n) => n.key === 'commune:69266')!;
    expect(home).toMatchObject({ kind: 'commune', receivedKg: 4, sentKg: 0 });
    expect(home.label).toContain('Villeurbanne');
    expect(c.nodes.find((n) => n.key === `site:${siteB}`)).toMatchObject({ kind: 'site', receivedKg: 75 });
    expect(c.truncated).toBe(false);
  });

  it("keeps a coordinator to their territory's origins", async () => {
    const c = await s.impact.circuits(coordinator69, period);
    expect(c.edges.map((e) => e.from)).not.toContain(`site:${siteC}`);
    expect(c.totals).toMatchObject({ trades: 5, massKg: 59, shortTrades: 5, shortShare: 1 });
  });

  it('counts nothing outside the period and refuses impossible periods with the field named', async () => {
    expect((await s.impact.circuits(admin, { from: '2020-01-01', to: '2020-12-31' })).totals).toMatchObject({
      trades: 0,
      shortShare: null,
    });
    const fields = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        return (e as DomainError).details.fields?.map((f) => `${f.path}:${f.key}`);
      }
      throw new Error('accepted');
    };
    expect(await fields(s.impact.circuits(admin, { from: '2020-01-01', to: '2023-01-01' }))).toEqual([
      'to:impact.circuitsPeriodTooLong',
    ]);
    expect(await fields(s.impact.circuits(admin, { from: '2021-01-02', to: '2021-01-01' }))).toEqual([
      'to:impact.periodReversed',
    ]);
    await expect(s.impact.circuits(admin, { from: '2020-01-01', to: '2022-12-31' })).resolves.toBeDefined();
  });

  it('refuses a site member without the coordinator role', async () => {
    await expect(s.impact.circuits(sellerA, period)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('exports the flows as a French Excel CSV (BOM, semicolons, decimal comma)', async () => {
    const file = await s.impact.circuitsExport(admin, period, 'fr');
    expect(file.filename).toBe(`retaille-circuits-${day}_${day}.csv`);
    expect(file.body.startsWith('\uFEFFOrigine;Destination;Échanges;kg;')).toBe(true);
    const lines = file.body.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    const ab = await s.impact.circuits(admin, period);
    const km = ab.edges.find((e) => e.from === `site:${siteA}` && e.to === `site:${siteB}`)!.kmAvoided;
    const kmFr = String(Math.round(km * 10) / 10).replace('.', ',');
    const [first] = ab.edges;
    expect(kmFr).toContain(',');
    expect(lines[1]).toBe(`${first!.fromLabel};${first!.toLabel};3;45;3;1;${kmFr}`);
    const en = await s.impact.circuitsExport(admin, period, 'en');
    expect(en.body.split('\r\n')[1]).toBe(
      `${first!.fromLabel},${first!.toLabel},3,45,3,1,${kmFr.replace(',', '.')}`,
    );
  });
});
