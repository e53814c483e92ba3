import type { KyselyPlugin } from '@retaille/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type UserActor } from '../auth/actor.ts';
import {
  allowPricedLots,
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { LotService } from './lot.service.ts';

/**
 * The anonymous search is the busiest read: each call is one query (the page with its sites,
 * photos and transfer flags), and a lot page is one query too — with every part of the card right.
 */
let s: TestServices;
let owner: UserActor;
let counted: LotService;
let paidSiteId: string;
let unpaidSiteId: string;
const queries: string[] = [];
beforeAll(async () => {
  s = await createTestServices();
  owner = await createTestUser(s);
  const paid = await createTestSite(s, owner, { postalCode: '69001' });
  const unpaid = await createTestSite(s, owner, { postalCode: '69002' });
  await allowPricedLots(s, paid.id);
  paidSiteId = paid.id;
  unpaidSiteId = unpaid.id;
  await s.lots.create(owner, lotInput(paid.id, { title: 'Chutes de chêne gratuites' }));
  await s.lots.create(owner, lotInput(paid.id, { title: 'Chêne payé', priceCents: 500 }));
  // A lot published before the payment rule (as the demo seed does): its buyers see it pending.
  await s.lots.create(owner, lotInput(unpaid.id, { title: 'Chêne en attente', priceCents: 700 }), {
    allowPaymentPending: true,
  });
  // One result per query sent (transformQuery also sees the subqueries a query is built from).
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries.push(args.queryId.queryId);
      return args.result;
    },
  };
  counted = new LotService({
    db: s.database.db.withPlugin(counter),
    communes: s.communes,
    now: () => new Date(),
  });
});
afterAll(() => s.database.close());

describe('lot search round trips', () => {
  it('answers an anonymous distance search, and the newest one, in one query each', async () => {
    for (const sort of ['distance', 'newest'] as const) {
      const input = { point: { kind: 'commune', insee: '69123' }, radiusKm: 50, sort, limit: 20 } as const;
      queries.length = 0;
      const found = await counted.search(anonymous, input);
      expect(queries).toHaveLength(1);
      const byTitle = new Map(found.items.map((l) => [l.title, l]));
      expect([...byTitle.keys()].sort()).toEqual([
        'Chutes de chêne gratuites',
        'Chêne en attente',
        'Chêne payé',
      ]);
      expect(byTitle.get('Chêne payé')).toMatchObject({ paymentPending: false, locationRounded: true });
      expect(byTitle.get('Chêne en attente')).toMatchObject({ paymentPending: true });
      expect(byTitle.get('Chutes de chêne gratuites')).toMatchObject({ paymentPending: false, cover: null });
      for (const lot of found.items) expect(lot.siteName).not.toBe('');
    }
  });

  it('reads a lot page in one query for an anonymous visitor', async () => {
    const [first] = (await s.lots.search(anonymous, { sort: 'newest', limit: 1 })).items;
    queries.length = 0;
    const lot = await counted.get(anonymous, first!.id);
    expect(queries).toHaveLength(1);
    expect(lot).toMatchObject({
      id: first!.id,
      siteName: first!.siteName,
      paymentPending: first!.paymentPending,
    });
    expect(lot.siteName).not.toBe('');
  });

  it("lists a site's lots a page at a time in one query each, newest first, with their cards", async () => {
    queries.length = 0;
    const first = await counted.listForSite(anonymous, paidSiteId, { limit: 1 });
    expect(queries).toHaveLength(1);
    expect(first.items.map((l) => l.title)).toEqual(['Chêne payé']);
    expect(first.items[0]).toMatchObject({ paymentPending: false, canEdit: false });
    expect(first.items[0]!.siteName).not.toBe('');
    queries.length = 0;
    const second = await counted.listForSite(anonymous, paidSiteId, { limit: 1, cursor: first.nextCursor! });
    expect(queries).toHaveLength(1);
    expect(second.items.map((l) => l.title)).toEqual(['Chutes de chêne gratuites']);
    expect(second.nextCursor).toBeNull();
    const pending = await counted.listForSite(anonymous, unpaidSiteId);
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ title: 'Chêne en attente', paymentPending: true });
  });
});
