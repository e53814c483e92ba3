import { monthRange, parisMonth } from '@retaille/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_IMPACT_TRADES, seedDemoImpact } from '../seed/demo-impact.ts';
import { createTestServices, createTestUser, type TestServices } from '../testing/test-services.ts';

let s: TestServices;
beforeAll(async () => {
  s = await createTestServices();
  await s.seedDemo();
}, 300_000);
afterAll(() => s.database.close());

it('the demo seed records twelve months of completed trades, mostly short circuits', async () => {
  const coordinator = await createTestUser(s, { roles: ['coordinator'] });
  const now = new Date();
  const to = parisMonth(now.toISOString());
  const from = monthRange('2000-01', to).at(-12)!;
  const d = await s.impact.dashboard(coordinator, { from, to });
  expect(d.totals.trades).toBeGreaterThan(300);
  expect(d.totals.massKg).toBeGreaterThan(3000);
  expect(d.totals.shareWithin30Km).toBeGreaterThan(0.6);
  expect(d.totals.netKgCo2e).toBeGreaterThan(0);
  expect(d.breakdowns.month.filter((m) => m.totals.trades > 0).length).toBeGreaterThanOrEqual(11);
  expect(d.breakdowns.site.length).toBeGreaterThan(5);
  expect(d.topFlows.length).toBeGreaterThan(5);
  const completed = await s.database.db
    .selectFrom('trade')
    .select('id')
    .where('state', '=', 'completed')
    .execute();
  // The history, and the live trades of the marketplace that reached « completed ».
  expect(completed.length).toBeGreaterThanOrEqual(DEMO_IMPACT_TRADES);
  const inPeriod = await s.database.db
    .selectFrom('impact_record')
    .select('trade_id')
    .where('month', '>=', `${from}-01`)
    .execute();
  expect(inPeriod).toHaveLength(d.totals.trades);
  // Idempotent: a second run adds nothing.
  const again = await seedDemoImpact({
    db: s.database.db,
    impact: s.impact,
    buyers: [{ actor: coordinator, lat: 48.85, lon: 2.35 }],
    owners: new Map(),
    now: () => now,
  });
  expect(again.trades).toBe(0);
});

it('the demo network travels by a realistic mix of modes, and the method view shows ranges and coverage', async () => {
  const modes = await s.database.db
    .selectFrom('trip')
    .innerJoin('trip_trade', 'trip_trade.trip_id', 'trip.id')
    .select(['trip.mode', s.database.db.fn.countAll<string>().as('n')])
    .groupBy('trip.mode')
    .execute();
  const byMode = Object.fromEntries(modes.map((m) => [m.mode, Number(m.n)]));
  expect(Object.keys(byMode).length).toBeGreaterThanOrEqual(7);
  expect((byMode.bike ?? 0) + (byMode.on_foot ?? 0)).toBeGreaterThan(40);
  const recorded = Object.values(byMode).reduce((a, b) => a + b, 0);
  // About one trade in ten records nothing and is charged the labelled default.
  expect(DEMO_IMPACT_TRADES - recorded).toBeGreaterThan(15);
  expect(DEMO_IMPACT_TRADES - recorded).toBeLessThan(60);

  const admin = await createTestUser(s, { roles: ['admin'] });
  const to = parisMonth(new Date().toISOString());
  const from = monthRange('2000-01', to).at(-12)!;
  const m = await s.impact.method(admin, { from, to });
  expect(m.given.trades).toBeGreaterThan(300);
  expect(m.given.defaultTravelTrades).toBeGreaterThan(0);
  // Completed trades (history and live) that recorded no trip are the ones charged the default.
  const withoutTrip = await s.database.db
    .selectFrom('impact_record')
    .select('trade_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('trip_trade')
            .select('trip_id')
            .whereRef('trip_trade.trade_id', '=', 'impact_record.trade_id'),
        ),
      ),
    )
    .execute();
  expect(m.given.defaultTravelTrades).toBeLessThanOrEqual(withoutTrip.length);
  expect(m.given.netKgCo2e.low).toBeLessThan(m.given.netKgCo2e.central);
  expect(m.given.netKgCo2e.central).toBeLessThan(m.given.netKgCo2e.high);
  expect(m.given.sensitivity).toHaveLength(5);
  expect(m.given.coverage.length).toBeGreaterThan(0);
});
