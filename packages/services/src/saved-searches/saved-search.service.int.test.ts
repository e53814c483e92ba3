import { mailOutboxRepository } from '@retaille/db';
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

/** Issue 12, item 6: saved lot searches that tell their owner of new matching lots. */
let s: TestServices;
let seller: UserActor;
let designer: UserActor;
let lyonSiteId: string;
let marseilleSiteId: string;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
async function searchNotices(user: UserActor) {
  return (await s.notifications.list(user, { limit: 50 })).items.filter(
    (n) => n.kind === 'lot_matches_search',
  );
}

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s);
  designer = await createTestUser(s);
  lyonSiteId = (await createTestSite(s, seller, { postalCode: '69001' })).id;
  marseilleSiteId = (await createTestSite(s, seller, { postalCode: '13001' })).id;
});
afterAll(() => s.database.close());

describe('saved searches', () => {
  it('« chêne ≥ 60 cm à 30 km de Lyon »: a new matching lot notifies once; others do not', async () => {
    const search = await s.savedSearches.create(designer, {
      name: 'Chêne long près de Lyon',
      point: { kind: 'commune', insee: '69123' },
      radiusKm: 30,
      filters: { materialKey: 'oak', minLengthMm: 600 },
    });
    expect(search).toMatchObject({ radiusKm: 30, filters: { materialKey: 'oak', minLengthMm: 600 } });

    const match = await s.lots.create(seller, lotInput(lyonSiteId, { title: 'Chêne 1 m' }));
    await s.lots.create(
      seller,
      lotInput(lyonSiteId, {
        title: 'Chêne court',
        dimensions: { lengthMm: 500, widthMm: 200, thicknessMm: 20 },
      }),
    );
    await s.lots.create(seller, lotInput(lyonSiteId, { title: 'Hêtre', materialKey: 'beech' }));
    await s.lots.create(seller, lotInput(marseilleSiteId, { title: 'Chêne de Marseille' }));

    const notices = await searchNotices(designer);
    expect(notices.map((n) => n.lotId)).toEqual([match.id]);
    expect(notices[0]!.payload).toMatchObject({
      lotTitle: 'Chêne 1 m',
      searchName: 'Chêne long près de Lyon',
    });
    // Announcing again (an edit, a retried job) tells nothing new.
    expect(await s.savedSearches.announceLot(match.id)).toBe(0);
    expect(await searchNotices(designer)).toHaveLength(1);
    // The seller's own lots never alert the seller's own searches.
    await s.savedSearches.create(seller, { name: 'Tout', filters: {} });
    expect(await searchNotices(seller)).toHaveLength(0);
  });

  it('goes into the daily digest by default, once', async () => {
    const before = await mailOutboxRepository.listMail(s.database.db, { to: designer.email, limit: 20 });
    // The digest goes out in the evening (Paris): run it at 19:00 UTC today, whatever the wall clock.
    const evening = new Date();
    evening.setUTCHours(19, 0, 0, 0);
    const first = await s.notifications.sendDigests(evening);
    expect(first.emails).toBeGreaterThanOrEqual(1);
    const mails = await mailOutboxRepository.listMail(s.database.db, { to: designer.email, limit: 20 });
    expect(mails.length).toBe(before.length + 1);
    expect(mails[0]!.text_body).toContain('Chêne 1 m');
    await s.notifications.sendDigests(evening);
    expect(
      await mailOutboxRepository.listMail(s.database.db, { to: designer.email, limit: 20 }),
    ).toHaveLength(mails.length);
  });

  it('a search without a point matches anywhere; price and text filters apply', async () => {
    const other = await createTestUser(s);
    await s.savedSearches.create(other, {
      name: 'Gratuit, contreplaqué',
      filters: { q: 'contreplaqué', freeOnly: true },
    });
    const paid = await s.lots.create(
      seller,
      lotInput(marseilleSiteId, {
        title: 'Contreplaqué payant',
        materialKey: 'plywood',
        priceCents: 500,
        publish: false,
      }),
    );
    const free = await s.lots.create(
      seller,
      lotInput(marseilleSiteId, { title: 'Contreplaqué donné', materialKey: 'plywood' }),
    );
    expect(paid.status).toBe('draft');
    expect((await searchNotices(other)).map((n) => n.lotId)).toEqual([free.id]);
  });

  it('is refused with the field named when a filter is invalid', async () => {
    const noPoint = await rejection(
      s.savedSearches.create(designer, { name: 'x', radiusKm: 10, filters: {} }),
    );
    expect(noPoint.details.fields).toEqual([{ path: 'radiusKm', key: 'search.radiusNeedsPoint' }]);
    const far = await rejection(
      s.savedSearches.create(designer, {
        name: 'x',
        point: { kind: 'commune', insee: '69123' },
        radiusKm: 5000,
        filters: {},
      }),
    );
    expect(far.details.fields).toMatchObject([{ path: 'radiusKm', key: 'search.radiusRange' }]);
    const nowhere = await rejection(
      s.savedSearches.create(designer, {
        name: 'x',
        point: { kind: 'commune', insee: '99999' },
        filters: {},
      }),
    );
    expect(nowhere.details.fields).toEqual([{ path: 'point.insee', key: 'profile.communeUnknown' }]);
    expect(
      (await rejection(s.savedSearches.create(designer, { name: '   ', filters: {} }))).details.fields,
    ).toEqual([{ path: 'name', key: 'savedSearch.nameRequired' }]);
  });

  it('lists only the owner’s searches; nobody else can delete them', async () => {
    const mine = await s.savedSearches.list(designer);
    expect(mine.map((x) => x.name)).toEqual(['Chêne long près de Lyon']);
    const intruder = await createTestUser(s);
    expect(await s.savedSearches.list(intruder)).toEqual([]);
    expect((await rejection(s.savedSearches.delete(intruder, mine[0]!.id))).key).toBe('savedSearch.notFound');
    await s.savedSearches.delete(designer, mine[0]!.id);
    expect(await s.savedSearches.list(designer)).toEqual([]);
    expect((await rejection(s.savedSearches.delete(designer, mine[0]!.id))).code).toBe('NOT_FOUND');
  });
});
