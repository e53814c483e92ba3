import { haversineKm } from '@retaille/domain';
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

let s: TestServices;
let owner: UserActor;
let stranger: UserActor;
let siteId: string;
beforeAll(async () => {
  s = await createTestServices();
  owner = await createTestUser(s);
  stranger = await createTestUser(s);
  siteId = (await createTestSite(s, owner, { postalCode: '69001' })).id;
});
afterAll(() => s.database.close());

describe('lot lifecycle', () => {
  it('creates a published lot with its mass estimated from density and dimensions', async () => {
    const lot = await s.lots.create(owner, lotInput(siteId));
    // 10 × 1.0 m × 0.2 m × 0.02 m × oak density.
    expect(lot).toMatchObject({ status: 'published', available: 10, massEstimated: true, canEdit: true });
    expect(lot.massKg).toBeGreaterThan(25);
    expect(lot.massKg).toBeLessThan(32);
  });

  it('keeps a weighed mass as measured', async () => {
    const lot = await s.lots.create(owner, lotInput(siteId, { measuredKg: 31.5 }));
    expect(lot).toMatchObject({ massKg: 31.5, massEstimated: false, massMethod: 'measured' });
  });

  it('refuses absurd quantities and missing dimensions, storing nothing', async () => {
    const before = (await s.lots.listForSite(owner, siteId)).items.length;
    await expect(s.lots.create(owner, lotInput(siteId, { quantity: -3 }))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'quantity', key: 'measure.negative' }),
        ]),
      },
    });
    await expect(s.lots.create(owner, lotInput(siteId, { quantity: 2.5 }))).rejects.toMatchObject({
      details: { fields: [expect.objectContaining({ key: 'measure.notInteger' })] },
    });
    await expect(
      s.lots.create(owner, lotInput(siteId, { dimensions: { lengthMm: 1000 } })),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect((await s.lots.listForSite(owner, siteId)).items.length).toBe(before);
  });

  it('only verified sites publish; drafts stay private; strangers cannot post for a site', async () => {
    const pendingSite = await createTestSite(s, owner, { verified: false });
    await expect(s.lots.create(owner, lotInput(pendingSite.id))).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'lot.siteNotVerified',
    });
    const draft = await s.lots.create(owner, lotInput(pendingSite.id, { publish: false }));
    expect(draft.status).toBe('draft');
    await expect(s.lots.get(stranger, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.lots.create(stranger, lotInput(siteId))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.lots.create(anonymous, lotInput(siteId))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('withdraws and republishes a lot; edits keep the pickup site', async () => {
    const lot = await s.lots.create(owner, lotInput(siteId));
    expect((await s.lots.setStatus(owner, lot.id, 'withdraw')).status).toBe('withdrawn');
    await expect(s.lots.get(stranger, lot.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await s.lots.setStatus(owner, lot.id, 'publish')).status).toBe('published');
    const edited = await s.lots.update(
      owner,
      lot.id,
      lotInput(siteId, { title: 'Planches de chêne (lot B)', quantity: 12 }),
    );
    expect(edited).toMatchObject({ title: 'Planches de chêne (lot B)', quantity: 12, status: 'published' });
    await expect(s.lots.update(stranger, lot.id, lotInput(siteId))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('expires lots after their availability window', async () => {
    const lot = await s.lots.create(owner, lotInput(siteId, { availableUntil: '2999-01-01' }));
    await s.database.db
      .updateTable('lot')
      .set({ available_until: '2020-01-01' })
      .where('id', '=', lot.id)
      .execute();
    expect(await s.lots.expireLots()).toBeGreaterThanOrEqual(1);
    expect((await s.lots.get(owner, lot.id)).status).toBe('expired');
  });
});

describe('search', () => {
  let t: TestServices;
  let me: UserActor;
  const centre = { lat: 45.764, lon: 4.8357 }; // Lyon
  beforeAll(async () => {
    t = await createTestServices();
    me = await createTestUser(t);
    // Sites around Lyon at increasing distances (postal codes of real communes).
    const postalCodes = [
      '69001',
      '69100',
      '69300',
      '69500',
      '38200',
      '42000',
      '01000',
      '71000',
      '26000',
      '73000',
    ];
    for (const [i, cp] of postalCodes.entries()) {
      const site = await createTestSite(t, me, { postalCode: cp });
      await allowPricedLots(t, site.id);
      for (let k = 0; k < 3; k++) {
        await t.lots.create(
          me,
          lotInput(site.id, {
            title: k === 0 ? `Chutes de contreplaqué ${i}` : `Planches de hêtre ${i}-${k}`,
            materialKey: k === 0 ? 'plywood' : 'beech',
            priceCents: k === 2 ? 500 : null,
          }),
        );
      }
    }
  });
  afterAll(() => t.database.close());

  it('returns distances that match haversine within 0.5 %, sorted nearest first, within the radius', async () => {
    const r = await t.lots.search(me, {
      point: { kind: 'point', ...centre },
      radiusKm: 80,
      sort: 'distance',
      limit: 100,
    });
    expect(r.items.length).toBeGreaterThan(5);
    let previous = 0;
    for (const lot of r.items) {
      const expected = haversineKm(centre, lot);
      expect(lot.distanceKm).not.toBeNull();
      expect(Math.abs(lot.distanceKm! - expected)).toBeLessThanOrEqual(Math.max(0.05, expected * 0.005));
      expect(lot.distanceKm!).toBeGreaterThanOrEqual(previous - 0.05);
      expect(lot.distanceKm!).toBeLessThanOrEqual(80);
      previous = lot.distanceKm!;
    }
  });

  it('includes a lot exactly inside the radius edge and excludes one just outside', async () => {
    const all = await t.lots.search(me, {
      point: { kind: 'point', ...centre },
      radiusKm: 500,
      sort: 'distance',
      limit: 100,
    });
    const far = all.items.at(-1)!;
    const exact = haversineKm(centre, far);
    const inside = await t.lots.search(me, {
      point: { kind: 'point', ...centre },
      radiusKm: exact * 1.001,
      sort: 'distance',
      limit: 100,
    });
    const outside = await t.lots.search(me, {
      point: { kind: 'point', ...centre },
      radiusKm: exact * 0.999,
      sort: 'distance',
      limit: 100,
    });
    expect(inside.items.map((l) => l.id)).toContain(far.id);
    expect(outside.items.map((l) => l.id)).not.toContain(far.id);
  });

  it('paginates with a cursor without duplicates or gaps, by distance and by newest', async () => {
    for (const sort of ['distance', 'newest'] as const) {
      const whole = await t.lots.search(me, {
        point: { kind: 'point', ...centre },
        radiusKm: 500,
        sort,
        limit: 100,
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.lots.search(me, {
          point: { kind: 'point', ...centre },
          radiusKm: 500,
          sort,
          limit: 7,
          cursor,
        });
        seen.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(whole.items.map((l) => l.id));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('filters by material (with substitutes), free only, price ceiling, text with accents ignored', async () => {
    // Its own site and lots, so each filter's answer is an exact set (never an empty one); Brest
    // is beyond 500 km of Lyon, out of the shared fixtures' radius searches.
    const site = await createTestSite(t, me, { postalCode: '29200' });
    await allowPricedLots(t, site.id);
    const make = (title: string, materialKey: string, priceCents: number | null) =>
      t.lots.create(me, lotInput(site.id, { title, materialKey, priceCents } as never));
    const oakFree = await make('Chêne donné', 'oak', null);
    const beech300 = await make('Hêtre à 3 €', 'beech', 300);
    const beech500 = await make('Hêtre à 5 €', 'beech', 500);
    const ash800 = await make('Frêne à 8 €', 'ash', 800);
    const mapleFree = await make('Érable donné', 'maple', null);
    const plywood1000 = await make('Contreplaqué à 10 €', 'plywood', 1000);
    const ids = async (filters: Partial<Parameters<typeof t.lots.search>[1]>) =>
      (await t.lots.search(me, { siteId: site.id, sort: 'newest', limit: 100, ...filters })).items
        .map((l) => l.id)
        .sort();
    const set = (...lots: { id: string }[]) => lots.map((l) => l.id).sort();

    expect(await ids({})).toEqual(set(oakFree, beech300, beech500, ash800, mapleFree, plywood1000));
    expect(await ids({ materialKey: 'oak' })).toEqual(set(oakFree));
    expect(await ids({ materialKey: 'oak', withSubstitutes: false })).toEqual(set(oakFree));
    // Beech and ash stand in for oak; maple stands in for beech, not for oak (not transitive).
    expect(await ids({ materialKey: 'oak', withSubstitutes: true })).toEqual(
      set(oakFree, beech300, beech500, ash800),
    );
    expect(await ids({ freeOnly: true })).toEqual(set(oakFree, mapleFree));
    // The ceiling keeps free lots and those at or under it.
    expect(await ids({ maxPriceCents: 400 })).toEqual(set(oakFree, mapleFree, beech300));
    expect(await ids({ maxPriceCents: 500 })).toEqual(set(oakFree, mapleFree, beech300, beech500));
    expect(await ids({ maxPriceCents: 0 })).toEqual(set(oakFree, mapleFree));
    expect(await ids({ materialKey: 'beech', maxPriceCents: 400 })).toEqual(set(beech300));

    const base = {
      point: { kind: 'point' as const, ...centre },
      radiusKm: 500,
      sort: 'distance' as const,
      limit: 100,
    };
    const text = await t.lots.search(me, { ...base, q: 'HETRE' });
    expect(text.items.length).toBe(20);
    expect(text.items.every((l) => l.materialKey === 'beech')).toBe(true);
    const stems = await t.lots.search(me, { ...base, q: 'planche' });
    expect(stems.items.length).toBe(20);
  });

  it('searches SQL, regex, LIKE and tsquery characters as plain text', async () => {
    // Lille: beyond 500 km of Lyon, out of the shared fixtures' radius searches.
    const site = await createTestSite(t, me, { postalCode: '59000' });
    const dropTable = await t.lots.create(
      me,
      lotInput(site.id, {
        title: 'Étiquettes drop table lot',
        description: 'Rouleaux entamés',
        materialKey: 'plywood',
      }),
    );
    const both = await t.lots.create(me, lotInput(site.id, { title: 'Chêne et hêtre mélangés' }));
    const search = async (q: string) =>
      (await t.lots.search(me, { siteId: site.id, sort: 'newest', limit: 100, q })).items.map((l) => l.id);
    const countLots = async () => (await t.lots.search(me, { sort: 'newest', limit: 100 })).items.length;
    const before = await countLots();

    // The words of an injection attempt are searched as words; nothing is executed.
    expect(await search("'; drop table lot; --")).toEqual([dropTable.id]);
    expect(await countLots()).toBe(before);
    // tsquery operators are not operators: "!hetre" does not exclude the lot that has hêtre.
    expect(await search('chene & !hetre')).toEqual([both.id]);
    expect(await search('chêne:*')).toEqual([both.id]);
    // Regex and LIKE wildcards match nothing (a regex or an unescaped ILIKE would match every lot).
    for (const q of ['.*', '%', '_', '(((', '\\', '[a-z]+']) {
      expect(await search(q), q).toEqual([]);
    }
  });

  it('refuses a radius of 10 000 km or a radius without a point', async () => {
    await expect(
      t.lots.search(me, {
        point: { kind: 'point', ...centre },
        radiusKm: 10_000,
        sort: 'distance',
        limit: 10,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.lots.search(me, { radiusKm: 50, sort: 'distance', limit: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('shows anonymous visitors the commune centroid, not the exact point', async () => {
    const mine = await t.lots.search(me, { sort: 'newest', limit: 1 });
    const anon = await t.lots.search(anonymous, { sort: 'newest', limit: 1 });
    expect(anon.items[0]!.locationRounded).toBe(true);
    const around = await t.lots.search(anonymous, {
      point: { kind: 'point', ...centre },
      radiusKm: 500,
      sort: 'distance',
      limit: 5,
    });
    for (const lot of around.items) {
      // The distance is the one to the point shown (the commune's centre), not to the workshop.
      expect(lot.distanceKm!).toBeCloseTo(haversineKm(centre, lot), 0);
    }
    expect(mine.items[0]!.locationRounded).toBe(false);
  });
});

describe('wanted requests', () => {
  it('creates, lists and closes a request; only its author closes it', async () => {
    const designer = await createTestUser(s, { roles: ['designer'] });
    const req = await s.requests.create(designer, {
      title: 'Chêne pour tabourets',
      description: '',
      materialKeys: ['oak'],
      acceptSubstitutes: true,
      unit: 'piece',
      quantityMin: 4,
      quantityMax: 12,
      minLengthMm: 600,
      maxDistanceKm: 50,
      point: { kind: 'commune', insee: '69123' },
    });
    expect(req).toMatchObject({ status: 'open', isMine: true, maxDistanceKm: 50 });
    expect((await s.requests.listMine(designer)).items.map((r) => r.id)).toContain(req.id);
    const near = await s.requests.listOpen(owner, {
      point: { kind: 'commune', insee: '69123' },
      radiusKm: 20,
      limit: 10,
    });
    expect(near.items.map((r) => r.id)).toContain(req.id);
    await expect(s.requests.close(owner, req.id, 'closed')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.requests.close(designer, req.id, 'fulfilled')).status).toBe('fulfilled');
    await expect(s.requests.close(designer, req.id, 'closed')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(s.requests.listOpen(anonymous, { limit: 10 })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses an inverted quantity range and an unknown material', async () => {
    const designer = await createTestUser(s);
    await expect(
      s.requests.create(designer, {
        title: 'X',
        description: '',
        materialKeys: ['unobtainium'],
        acceptSubstitutes: false,
        unit: 'kg',
        quantityMin: 10,
        quantityMax: 5,
        maxDistanceKm: 30,
        point: { kind: 'commune', insee: '69123' },
      }),
    ).rejects.toMatchObject({
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'materialKeys.0' }),
          expect.objectContaining({ path: 'quantityMax', key: 'request.rangeReversed' }),
        ]),
      },
    });
  });
});
