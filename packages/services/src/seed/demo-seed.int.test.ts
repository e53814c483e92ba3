import { demoDataRepository, siteRepository, userRepository } from '@retaille/db';
import { openingHoursSchema, openingWindowOn } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../auth/actor.ts';
import { createTestServices, createTestUser, lotInput, type TestServices } from '../testing/test-services.ts';
import { slotWindowOnDay } from '../tours/shared-tour-trip.ts';
import { PROGRAMME_MIX, QPV_COMMUNES, RURAL_POPULATION, TOWN_POPULATION } from './demo-network.ts';
import { demoAccounts } from './demo-seed.ts';

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

  it('every site has its opening hours, and every agreed or proposed pickup falls inside them', async () => {
    const sites = await db().selectFrom('site').select('id').where('is_demo', '=', true).execute();
    const hours = await siteRepository.openingHoursOf(
      db(),
      sites.map((x) => x.id),
    );
    for (const site of sites) {
      const week = hours.get(site.id)!;
      expect(week.length, site.id).toBeGreaterThanOrEqual(5);
      expect(openingHoursSchema.safeParse(week).success).toBe(true);
    }
    const pickups = await db()
      .selectFrom('trade')
      .select(['id', 'seller_site_id', 'pickup_start', 'pickup_end'])
      .where('state', 'in', ['pickup_proposed', 'pickup_scheduled'])
      .execute();
    expect(pickups.length).toBeGreaterThan(5);
    const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });
    for (const p of pickups) {
      const day = paris.format(new Date(p.pickup_start!));
      const slot = slotWindowOnDay(p.pickup_start, p.pickup_end, day)!;
      const open = openingWindowOn(hours.get(p.seller_site_id) ?? [], day);
      expect(open, p.id).not.toBe('closed');
      if (open !== null && open !== 'closed') {
        expect(slot.fromMin, p.id).toBeGreaterThanOrEqual(open.fromMin);
        expect(slot.toMin, p.id).toBeLessThanOrEqual(open.toMin);
      }
    }
  });

  it('pooled tours: proposed, partly answered, one recorded as a shared trip whose km avoided show on the circuits', async () => {
    const tours = await db().selectFrom('pooled_tour').select(['id', 'status']).execute();
    expect(tours.length).toBeGreaterThanOrEqual(3);
    expect(tours.filter((t) => t.status === 'recorded').length).toBeGreaterThanOrEqual(1);
    expect(tours.filter((t) => t.status === 'proposed').length).toBeGreaterThanOrEqual(2);
    const stops = await db()
      .selectFrom('pooled_tour_stop')
      .select(['buyer_response', 'seller_response'])
      .execute();
    const answers = stops.flatMap((x) => [x.buyer_response, x.seller_response]);
    for (const a of ['accepted', 'declined', 'pending']) expect(answers).toContain(a);
    const shared = await db().selectFrom('trip').select('id').where('mode', '=', 'shared_tour').execute();
    expect(shared.length).toBeGreaterThanOrEqual(1);
    // The demo admin reads the circuits of the year, as /impact/circuits does by default.
    const email = 'admin@demo.retaille.fr';
    const admin = userActor({
      userId: (await userRepository.findUserIdByEmail(db(), email))!,
      email,
      name: 'Administration (démo)',
      roles: ['admin'],
    });
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const circuits = await s.impact.circuits(admin, { from: `${year.slice(0, 4)}-01-01`, to: year });
    expect(circuits.totals.tourTrades).toBeGreaterThanOrEqual(2);
    expect(circuits.totals.kmAvoided).toBeGreaterThan(0);
  });

  it('each demo account finds notices waiting: a request, a tour to answer, tour answers, a dispute', async () => {
    const unread = async (email: string) =>
      (
        await db()
          .selectFrom('notification')
          .innerJoin('auth_user', 'auth_user.id', 'notification.user_id')
          .select('notification.kind')
          .where('auth_user.email', '=', email)
          .where('notification.read_at', 'is', null)
          .execute()
      ).map((n) => n.kind);
    const expected: Record<string, string> = {
      'atelier@demo.retaille.fr': 'trade_requested',
      'createur@demo.retaille.fr': 'pooled_tour_proposed',
      'coordination@demo.retaille.fr': 'pooled_tour_answered',
      'admin@demo.retaille.fr': 'trade_disputed',
    };
    for (const account of demoAccounts)
      expect(await unread(account.email), account.email).toContain(expected[account.email]);
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
  it('removes exactly the demo rows: a real site with its hours, lot, notice and user survive', async () => {
    const owner = await createTestUser(s);
    const site = await s.sites.create(owner, {
      name: 'Atelier réel',
      description: '',
      address: '1 rue du Port',
      postalCode: '69001',
      sectors: ['bois'],
      territoryType: 'small_medium_town',
      openingHours: [{ weekday: 2, fromMin: 540, toMin: 1020 }],
    });
    const admin = await createTestUser(s, { roles: ['admin'] });
    await s.sites.verify(admin, site.id);
    const lot = await s.lots.create(owner, lotInput(site.id));
    await s.notifications.notifyNow({
      userId: owner.userId,
      kind: 'lot_matches_search',
      dedupeKey: `real:${lot.id}`,
      lotId: lot.id,
      data: { lotTitle: 'Lot réel' },
    });
    const demoNotices = await db().selectFrom('notification').select('id').execute();
    expect(demoNotices.length).toBeGreaterThan(20);
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
    // The demo's opening hours, pooled tours, their stops, shared trips and notices are gone;
    // the real site's hours and the real user's notice are not.
    expect(await db().selectFrom('site_opening_hours').select(['site_id', 'weekday']).execute()).toEqual([
      { site_id: site.id, weekday: 2 },
    ]);
    expect(await db().selectFrom('pooled_tour').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('pooled_tour_stop').select('tour_id').execute()).toEqual([]);
    expect(await db().selectFrom('trip').select('id').execute()).toEqual([]);
    const notices = await db().selectFrom('notification').select(['user_id', 'lot_id']).execute();
    expect(notices).toEqual([{ user_id: owner.userId, lot_id: lot.id }]);
    // The journal is append-only again after the removal.
    await expect(db().deleteFrom('ledger_entry').execute()).resolves.toBeDefined();
  });

  it('refuses to load next to non-demo data unless forced', async () => {
    const report = await s.seedDemo();
    expect(report.refused).toMatchObject({ sites: 1, lots: 1 });
    expect(await demoDataRepository.countDemoSites(db())).toBe(0);
  });
});
