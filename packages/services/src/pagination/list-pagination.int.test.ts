import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  requestInput,
  type TestServices,
} from '../testing/test-services.ts';

/**
 * Issue 12, item 4: « Mes échanges », a site's lots and my requests never cut off. Each list is
 * filled past 200 rows (the old ceiling) and walked page by page.
 */
let s: TestServices;
let seller: UserActor;
let buyer: UserActor;
let siteId: string;
let lotId: string;
const TRADES = 230;

async function walk<T extends { id: string }>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  between?: () => Promise<void>,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const p = await page(cursor);
    ids.push(...p.items.map((i) => i.id));
    cursor = p.nextCursor ?? undefined;
    pages++;
    if (between) await between();
  } while (cursor && pages < 100);
  return { ids, pages };
}

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  siteId = (await createTestSite(s, seller)).id;
  lotId = (await s.lots.create(seller, lotInput(siteId, { quantity: 10_000 }))).id;
  // Requests do not reserve: one lot takes them all.
  for (let i = 0; i < TRADES; i++) await s.trades.request(buyer, { lotId, quantity: 1 });
}, 300_000);
afterAll(() => s.database.close());

describe('« Mes échanges »', () => {
  it(`walks all ${TRADES} trades 50 at a time, newest first, each once, for both parties`, async () => {
    for (const actor of [buyer, seller]) {
      const { ids, pages } = await walk((cursor) => s.tradeList.listMine(actor, { cursor, limit: 50 }));
      expect(ids).toHaveLength(TRADES);
      expect(new Set(ids).size).toBe(TRADES);
      expect(pages).toBe(5);
    }
    const first = await s.tradeList.listMine(buyer, { limit: 3 });
    const created = first.items.map((t) => t.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('stays stable while new trades arrive and old ones change between pages', async () => {
    const before = new Set((await walk((cursor) => s.tradeList.listMine(seller, { cursor, limit: 40 }))).ids);
    let accepted = false;
    const { ids } = await walk(
      (cursor) => s.tradeList.listMine(seller, { cursor, limit: 40 }),
      async () => {
        await s.trades.request(buyer, { lotId, quantity: 1 });
        if (!accepted) {
          // A change moves a trade's updated_at, not its place in the list.
          const last = [...before].at(-1)!;
          await s.trades.accept(seller, last);
          accepted = true;
        }
      },
    );
    // Every trade that existed when paging began is seen exactly once; the new ones come first, unseen.
    expect(ids.filter((id) => before.has(id))).toHaveLength(before.size);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters by side and status on the server, still past 200', async () => {
    const asBuyer = await walk((cursor) => s.tradeList.listMine(seller, { role: 'buyer', cursor }));
    expect(asBuyer.ids).toHaveLength(0);
    const toAnswer = await walk((cursor) =>
      s.tradeList.listMine(seller, { role: 'seller', status: 'action', cursor, limit: 100 }),
    );
    // Every request waits on the seller; the accepted one waits for a pickup slot (also "to do").
    expect(toAnswer.ids.length).toBeGreaterThan(200);
    const buyerToDo = await walk((cursor) => s.tradeList.listMine(buyer, { status: 'action', cursor }));
    // The buyer has to act only on the accepted (free) trade: propose a pickup slot.
    expect(buyerToDo.ids).toHaveLength(1);
    const done = await s.tradeList.listMine(seller, { status: 'done' });
    expect(done).toEqual({ items: [], nextCursor: null });
    const first = (await s.tradeList.listMine(buyer, { limit: 1 })).items[0]!;
    await s.trades.cancel(buyer, first.id);
    const closed = await s.tradeList.listMine(buyer, { status: 'closed' });
    expect(closed.items.map((t) => t.id)).toEqual([first.id]);
    const ongoing = await walk((cursor) => s.tradeList.listMine(buyer, { status: 'ongoing', cursor }));
    expect(ongoing.ids).not.toContain(first.id);
  });

  it('refuses a forged cursor as a field error', async () => {
    for (const cursor of ['AAAA', Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url')]) {
      const e = await s.tradeList.listMine(buyer, { cursor }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.fields).toEqual([{ path: 'cursor', key: 'search.badCursor' }]);
    }
  });
});

describe('lots of a site', () => {
  it('walks 210 lots; visitors see only the listed ones', async () => {
    const other = await createTestSite(s, seller);
    for (let i = 0; i < 208; i++) await s.lots.create(seller, lotInput(other.id, { title: `Lot ${i}` }));
    await s.lots.create(seller, lotInput(other.id, { publish: false }));
    const withdrawn = await s.lots.create(seller, lotInput(other.id));
    await s.lots.setStatus(seller, withdrawn.id, 'withdraw');

    const mine = await walk((cursor) => s.lots.listForSite(seller, other.id, { cursor, limit: 50 }));
    expect(mine.ids).toHaveLength(210);
    expect(new Set(mine.ids).size).toBe(210);
    const visitor = await walk((cursor) => s.lots.listForSite(anonymous, other.id, { cursor, limit: 100 }));
    expect(visitor.ids).toHaveLength(208);
    const drafts = await s.lots.listForSite(seller, other.id, { status: 'draft' });
    expect(drafts.items).toHaveLength(1);
    expect((await s.lots.listForSite(anonymous, other.id, { status: 'draft' })).items).toHaveLength(0);
  }, 300_000);
});

describe('my requests', () => {
  it('walks 205 requests and filters by status', async () => {
    const designer = await createTestUser(s);
    const created: string[] = [];
    for (let i = 0; i < 205; i++) created.push((await s.requests.create(designer, requestInput())).id);
    await s.requests.close(designer, created[0]!, 'closed');
    const all = await walk((cursor) => s.requests.listMine(designer, { cursor, limit: 60 }));
    expect(all.ids).toHaveLength(205);
    expect(all.ids.at(-1)).toBe(created[0]);
    expect(new Set(all.ids)).toEqual(new Set(created));
    const open = await walk((cursor) =>
      s.requests.listMine(designer, { status: 'open', cursor, limit: 100 }),
    );
    expect(open.ids).toHaveLength(204);
  }, 300_000);

  it('walks the open requests near a point, nearest first, and newest first without one, with no repeat', async () => {
    const designer = await createTestUser(s);
    const reader = await createTestUser(s);
    const created: string[] = [];
    // Two points, many requests each: the keyset must order ties on the id.
    for (let i = 0; i < 75; i++) {
      const point = { kind: 'commune' as const, insee: i % 3 === 0 ? '69266' : '69123' };
      created.push((await s.requests.create(designer, requestInput({ point }))).id);
    }
    await s.requests.close(designer, created[1]!, 'fulfilled');
    const openIds = new Set(created.filter((id) => id !== created[1]));
    const near = { kind: 'commune' as const, insee: '69123' };
    const items: { id: string; distanceKm: number | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.requests.listOpen(reader, { point: near, radiusKm: 30, cursor, limit: 20 });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 1000);
    const mine = items.filter((r) => openIds.has(r.id));
    expect(new Set(mine.map((r) => r.id))).toEqual(openIds);
    expect(items.map((r) => r.id)).toHaveLength(new Set(items.map((r) => r.id)).size);
    const distances = items.map((r) => r.distanceKm ?? Number.NaN);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBe(0);
    expect(distances.at(-1)).toBeGreaterThan(0);
    const newest: { id: string; createdAt: string }[] = [];
    cursor = undefined;
    do {
      const page = await s.requests.listOpen(reader, { cursor, limit: 30 });
      newest.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && newest.length < 1000);
    expect(new Set(newest.map((r) => r.id).filter((id) => openIds.has(id)))).toEqual(openIds);
    expect(newest).toHaveLength(new Set(newest.map((r) => r.id)).size);
    const times = newest.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    await expect(
      s.requests.listOpen(reader, { point: near, cursor: 'bm90LWEtY3Vyc29y', limit: 20 }),
    ).rejects.toThrow(DomainError);
  }, 300_000);
});
