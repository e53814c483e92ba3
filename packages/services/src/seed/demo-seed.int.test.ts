import { demoDataRepository } from '@retaille/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, createTestUser, lotInput, type TestServices } from '../testing/test-services.ts';
import { PROGRAMME_MIX, QPV_COMMUNES, RURAL_POPULATION, TOWN_POPULATION } from './demo-network.ts';

/** The whole demo, loaded once with the Stripe emulator: its composition, idempotency, removal. */
let s: TestServices;
let seedMs = 0;
beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  const t = Date.now();
  await s.seedDemo();
  seedMs = Date.now() - t;
}, 300_000);
afterAll(() => s.database.close());

const db = () => s.database.db;

describe('demo composition', () => {
  it('100 verified manufactures: 43 rural, 18 QPV, 39 small and medium towns, every sector and region', async () => {
    console.info(`demo seed: ${seedMs} ms`);
    const sites = await db()
      .selectFrom('site')
      .select(['id', 'territory_type', 'sectors', 'commune_insee', 'departement_code', 'is_demo'])
      .where('is_demo', '=', true)
      .where('verified_at', 'is not', null)
      .execute();
    expect(sites).toHaveLength(100);
    const byType: Record<string, number> = {};
    for (const site of sites) byType[site.territory_type] = (byType[site.territory_type] ?? 0) + 1;
    expect(byType).toEqual(PROGRAMME_MIX);
    expect(new Set(sites.flatMap((x) => x.sectors)).size).toBeGreaterThanOrEqual(17);
    const regions = new Set(sites.map((x) => s.communes.get(x.commune_insee!)?.regionCode));
    // The 13 metropolitan regions.
    expect(regions.size).toBe(13);
    for (const site of sites) {
      const commune = s.communes.get(site.commune_insee!);
      expect(commune, site.commune_insee!).toBeDefined();
    }
    // Generated rural and town manufactures sit on communes of the stated size; QPVs in the list.
    const generated = await db()
      .selectFrom('site')
      .select(['territory_type', 'commune_insee'])
      .where('is_demo', '=', true)
      .where('name', 'like', '%(démo)')
      .execute();
    expect(generated.length).toBe(83);
    for (const g of generated) {
      const pop = s.communes.get(g.commune_insee!)!.population!;
      if (g.territory_type === 'rural') expect(pop).toBeLessThanOrEqual(RURAL_POPULATION.max);
      if (g.territory_type === 'small_medium_town') expect(pop).toBeGreaterThanOrEqual(TOWN_POPULATION.min);
      if (g.territory_type === 'qpv') expect(QPV_COMMUNES).toContain(g.commune_insee);
    }
  });

  it('a living marketplace: lots on most sites, requests from many buyers, trades in every state', async () => {
    const lots = await db()
      .selectFrom('lot')
      .select(['site_id', 'unit', 'quantity', 'quantity_sold', 'quantity_reserved'])
      .where('is_demo', '=', true)
      .execute();
    expect(new Set(lots.map((l) => l.site_id)).size).toBeGreaterThan(70);
    for (const l of lots) {
      if (l.unit !== 'kg') expect(Number.isInteger(Number(l.quantity_sold)), `${l.quantity_sold}`).toBe(true);
      expect(
        Number(l.quantity) - Number(l.quantity_sold) - Number(l.quantity_reserved),
      ).toBeGreaterThanOrEqual(0);
    }
    const requesters = await db()
      .selectFrom('wanted_request')
      .select('requester_id')
      .distinct()
      .where('is_demo', '=', true)
      .execute();
    expect(requesters.length).toBeGreaterThan(20);
    const states = new Set(
      (await db().selectFrom('trade').select('state').distinct().execute()).map((r) => r.state),
    );
    for (const state of [
      'requested',
      'accepted',
      'payment_pending',
      'paid',
      'pickup_proposed',
      'pickup_scheduled',
      'handed_over',
      'completed',
      'cancelled',
      'declined',
      'expired',
      'disputed',
      'resolved',
    ]) {
      expect(states, state).toContain(state);
    }
    const paid = await db().selectFrom('trade').select('id').where('is_paid', '=', true).execute();
    expect(paid.length).toBeGreaterThan(3);
    const messages = await db().selectFrom('trade_message').select('id').execute();
    expect(messages.length).toBeGreaterThan(5);
    const searches = await db().selectFrom('saved_search').select('id').execute();
    expect(searches.length).toBeGreaterThan(5);
    // The demo workshop never trades with itself.
    const self = await db()
      .selectFrom('trade')
      .innerJoin('site_member', (j) =>
        j
          .onRef('site_member.site_id', '=', 'trade.seller_site_id')
          .onRef('site_member.user_id', '=', 'trade.buyer_user_id'),
      )
      .select('trade.id')
      .execute();
    expect(self).toEqual([]);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = await db()
      .selectFrom('trade')
      .select(db().fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await s.seedDemo();
    expect(again).toMatchObject({ sites: 0, lots: 0, requests: 0, trades: 0 });
    const after = await db()
      .selectFrom('trade')
      .select(db().fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('demo removal', () => {
  it('removes exactly the demo rows: a real site, lot and user survive, the ledger still balances', async () => {
    const owner = await createTestUser(s);
    const site = await s.sites.create(owner, {
      name: 'Atelier réel',
      description: '',
      address: '1 rue du Port',
      postalCode: '69001',
      sectors: ['bois'],
      territoryType: 'small_medium_town',
    });
    const admin = await createTestUser(s, { roles: ['admin'] });
    await s.sites.verify(admin, site.id);
    const lot = await s.lots.create(owner, lotInput(site.id));
    const removed = await db()
      .transaction()
      .execute((trx) => demoDataRepository.removeDemoData(trx));
    expect(removed.sites).toBe(101);
    expect(removed.trades).toBeGreaterThan(300);
    const left = await demoDataRepository.countNonDemo(db());
    expect(left).toMatchObject({ sites: 1, lots: 1, trades: 0 });
    expect(await demoDataRepository.countDemoSites(db())).toBe(0);
    expect(
      await db().selectFrom('lot').select('id').where('id', '=', lot.id).executeTakeFirst(),
    ).toBeDefined();
    const demoUsers = await db()
      .selectFrom('user_profile')
      .select('user_id')
      .where('is_demo', '=', true)
      .execute();
    expect(demoUsers).toEqual([]);
    expect(await db().selectFrom('ledger_entry').select('id').execute()).toEqual([]);
    // The journal is append-only again after the removal.
    await expect(db().deleteFrom('ledger_entry').execute()).resolves.toBeDefined();
  });

  it('refuses to load next to non-demo data unless forced', async () => {
    const report = await s.seedDemo();
    expect(report.refused).toMatchObject({ sites: 1, lots: 1 });
    expect(await demoDataRepository.countDemoSites(db())).toBe(0);
  });
});
