import { monthRange, parisMonth } from '@retaille/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_IMPACT_TRADES, seedDemoImpact } from '../seed/demo-impact.ts';
import { createTestServices, createTestUser, type TestServices } from '../testing/test-services.ts';

let s: TestServices;
beforeAll(async () => {
  s = await createTestServices();
  await s.seedDemo();
});
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
  expect(completed).toHaveLength(DEMO_IMPACT_TRADES);
  const inPeriod = await s.database.db
    .selectFrom('impact_record')
    .select('trade_id')
    .where('month', '>=', new Date(`${from}-01T00:00:00`))
    .execute();
  expect(inPeriod).toHaveLength(d.totals.trades);
  // Idempotent: a second run adds nothing.
  const again = await seedDemoImpact({
    db: s.database.db,
    impact: s.impact,
    auth: s.auth,
    workshopUserId: coordinator.userId,
    now: () => now,
  });
  expect(again.trades).toBe(0);
});
