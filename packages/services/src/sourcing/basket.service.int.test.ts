import {
  type CreateBasketInput,
  DomainError,
  type PlanSourcingInput,
  requestInputSchema,
} from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  type TestServices,
} from '../testing/test-services.ts';

/**
 * Bill-of-materials sourcing end to end on the database (PGlite, or PostgreSQL with
 * DATABASE_URL): the plan over real published lots, « Tout demander » as one basket of trades in
 * one transaction, a double click, a lot gone between plan and click, and bad input.
 */
let s: TestServices;
let sellers: UserActor[];
let sellerSites: string[];
let designer: UserActor;
let stranger: UserActor;
const lots: Record<string, string> = {};
const around = { point: { kind: 'commune' as const, insee: '69123' }, radiusKm: 40 };

const bom = (): PlanSourcingInput => ({
  ...around,
  lines: [
    { id: 'legs', material: 'oak', substitutes: ['ash'], quantity: 6, unit: 'piece', minLengthMm: 700 },
    { id: 'frame', material: 'steel', quantity: 12, unit: 'kg' },
    { id: 'fittings', material: 'brass', quantity: 3, unit: 'kg' },
  ],
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; key: string; fields: string[] }> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const d = e as DomainError;
    return { code: d.code, key: d.key, fields: (d.details.fields ?? []).map((f) => `${f.path}:${f.key}`) };
  }
  throw new Error('accepted');
}

const basketOf = (plan: Awaited<ReturnType<TestServices['sourcing']['plan']>>): CreateBasketInput => ({
  key: crypto.randomUUID(),
  title: 'Table de ferme',
  picks: plan.picks.map((p) => ({ lineId: p.lineId, lotId: p.lotId, quantity: p.quantity })),
});

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  sellers = [await createTestUser(s), await createTestUser(s)];
  sellerSites = [
    (await createTestSite(s, sellers[0]!, { postalCode: '69001', name: 'Atelier Croix-Rousse' })).id,
    (await createTestSite(s, sellers[1]!, { postalCode: '69100', name: 'Métallerie Villeurbanne' })).id,
  ];
  for (const [i, site] of sellerSites.entries()) await onboardTestSeller(s, sellers[i]!, site);
  const lot = async (i: number, name: string, over: object) => {
    lots[name] = (await s.lots.create(sellers[i]!, lotInput(sellerSites[i]!, over as never))).id;
  };
  await lot(0, 'oakLong', {
    quantity: 4,
    priceCents: 900,
    dimensions: { lengthMm: 1200, widthMm: 80, thicknessMm: 40 },
  });
  await lot(0, 'oakShort', {
    quantity: 20,
    priceCents: 100,
    dimensions: { lengthMm: 400, widthMm: 80, thicknessMm: 40 },
  });
  await lot(1, 'ash', {
    materialKey: 'ash',
    quantity: 5,
    priceCents: 1200,
    dimensions: { lengthMm: 900, widthMm: 80, thicknessMm: 40 },
  });
  await lot(1, 'steel', { materialKey: 'steel', unit: 'kg', quantity: 30, priceCents: 150, dimensions: {} });
  designer = await createTestUser(s);
  stranger = await createTestUser(s);
});
afterAll(() => s.database.close());

describe('sourcing plan', () => {
  it('covers what the lots can, names the line they cannot and proposes its wanted request', async () => {
    const plan = await s.sourcing.plan(designer, bom());
    expect(plan.status).toBe('optimal');
    expect(plan.gapPct).toBe(0);
    const taken = (line: string) =>
      plan.picks.filter((p) => p.lineId === line).reduce((sum, p) => sum + p.quantity, 0);
    expect(taken('legs')).toBe(6);
    expect(taken('frame')).toBe(12);
    // The short oak is cheaper but shorter than the minimum piece: never taken.
    expect(plan.picks.some((p) => p.lotId === lots.oakShort)).toBe(false);
    expect(plan.picks.find((p) => p.lotId === lots.oakLong)?.quantity).toBe(4);
    expect(plan.coveredLines).toBe(2);
    expect(plan.uncovered).toEqual([
      expect.objectContaining({ lineId: 'fittings', reason: 'sourcing.noCandidate', shortfall: 3 }),
    ]);
    expect(plan.goodsCents).toBe(4 * 900 + 2 * 1200 + 12 * 150);
    expect(plan.sellers.map((x) => x.siteId).sort()).toEqual([...sellerSites].sort());
    expect(plan.totalCents).toBe(plan.goodsCents + plan.tripCents);
    expect(plan.tour?.stops).toHaveLength(2);
    expect(plan.tour!.km).toBeLessThanOrEqual(plan.tour!.separateKm);
    expect(plan.tour!.co2eKg).toBeGreaterThan(0);
    // « publier une demande »: the proposed request goes through the wanted-request service as is.
    const request = requestInputSchema.parse(plan.uncovered[0]!.request);
    const posted = await s.requests.create(designer, request);
    expect(posted).toMatchObject({ unit: 'kg', quantityMin: 3, materialKeys: ['brass'] });
  });

  it('reads the same bill of materials from a French CSV export', async () => {
    const csv =
      'id;material;quantity;unit;min_length_mm;substitutes\nlegs;Chêne;6;pièce;700;ash\nframe;steel;12;kg;;\n';
    const plan = await s.sourcing.plan(designer, { ...around, csv: csv.replace('pièce', 'piece') });
    expect(plan.lineIds).toEqual(['legs', 'frame']);
    expect(plan.coveredLines).toBe(2);
  });

  it('refuses an unknown material, a zero quantity, an impossible piece and too many lines, naming each', async () => {
    const bad = await refusal(
      s.sourcing.plan(designer, {
        ...around,
        lines: [
          { id: 'a', material: 'unobtainium', quantity: 1, unit: 'kg' },
          { id: 'b', material: 'oak', quantity: 0, unit: 'piece' },
          { id: 'c', material: 'oak', quantity: 1, unit: 'piece', minLengthMm: 90_000 },
          { id: 'd\u0000', material: 'oak', quantity: 1, unit: 'piece' },
        ],
      }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toEqual(
      expect.arrayContaining(['lines.1.quantity:measure.zero', 'lines.2.minLengthMm:measure.tooLarge']),
    );
    expect(bad.fields.some((f) => f.startsWith('lines.3.id:'))).toBe(true);
    const unknown = await refusal(
      s.sourcing.plan(designer, {
        ...around,
        lines: [{ id: 'a', material: 'unobtainium', quantity: 1, unit: 'kg' }],
      }),
    );
    expect(unknown.fields).toEqual(['lines.0.material:sourcing.unknownMaterial']);
    const many = Array.from({ length: 51 }, (_, i) => ({
      id: `l${i}`,
      material: 'oak',
      quantity: 1,
      unit: 'piece' as const,
    }));
    expect((await refusal(s.sourcing.plan(designer, { ...around, lines: many }))).fields).toEqual([
      'lines:sourcing.tooManyLines',
    ]);
    expect((await refusal(s.sourcing.plan(designer, { ...around, lines: [] }))).fields).toEqual([
      'lines:sourcing.emptyBom',
    ]);
  });
});

describe('basket', () => {
  it('requests every lot of the plan as one basket of trades, once however many clicks', async () => {
    const plan = await s.sourcing.plan(designer, bom());
    const input = basketOf(plan);
    const before = (await s.tradeList.listMine(designer, { limit: 100 }).then((p) => p.items)).length;
    const [a, b] = await Promise.all([s.baskets.create(designer, input), s.baskets.create(designer, input)]);
    const again = await s.baskets.create(designer, input);
    expect(b.id).toBe(a.id);
    expect(again.id).toBe(a.id);
    expect(a.trades).toHaveLength(plan.picks.length);
    expect(a.trades.every((t) => t.state === 'requested')).toBe(true);
    expect(a.totalCents).toBe(a.trades.reduce((sum, t) => sum + t.totalCents, 0));
    expect(a.totalCents).toBeGreaterThanOrEqual(plan.goodsCents);
    expect((await s.tradeList.listMine(designer, { limit: 100 }).then((p) => p.items)).length).toBe(
      before + plan.picks.length,
    );
    expect(await s.baskets.get(designer, a.id)).toEqual(a);
    expect((await s.baskets.listMine(designer))[0]).toMatchObject({ id: a.id, tradeCount: a.trades.length });
    // The sellers see ordinary requests and answer them through the trade table (a priced lot:
    // accepted, it waits for the designer's payment).
    const steel = a.trades.find((t) => t.lotId === lots.steel)!;
    await s.trades.accept(sellers[1]!, steel.tradeId);
    expect((await s.baskets.get(designer, a.id)).trades.find((t) => t.lotId === lots.steel)?.state).toBe(
      'payment_pending',
    );
  });

  it('merges two lines taking one lot into one trade', async () => {
    const basket = await s.baskets.create(designer, {
      key: crypto.randomUUID(),
      title: 'Deux lignes',
      picks: [
        { lineId: 'frame', lotId: lots.steel!, quantity: 2 },
        { lineId: 'brackets', lotId: lots.steel!, quantity: 1.5 },
      ],
    });
    expect(basket.trades).toEqual([expect.objectContaining({ lineId: 'frame, brackets', quantity: 3.5 })]);
  });

  it('refuses the whole basket with a 409 naming the lot withdrawn since the plan', async () => {
    const plan = await s.sourcing.plan(designer, bom());
    const input = basketOf(plan);
    const extra = (await s.lots.create(sellers[1]!, lotInput(sellerSites[1]!, { priceCents: 300 }))).id;
    await s.lots.setStatus(sellers[1]!, extra, 'withdraw');
    input.picks.push({ lineId: 'legs', lotId: extra, quantity: 1 });
    const before = (await s.tradeList.listMine(designer, { limit: 100 }).then((p) => p.items)).length;
    const refused = await refusal(s.baskets.create(designer, input));
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'basket.lotUnavailable' });
    expect(refused.fields).toEqual([`picks.${input.picks.length - 1}.lotId:basket.lotUnavailable`]);
    expect((await s.tradeList.listMine(designer, { limit: 100 }).then((p) => p.items)).length).toBe(before);
    expect(await s.baskets.listMine(designer)).not.toContainEqual(
      expect.objectContaining({ title: input.title, id: expect.any(String), tradeCount: 0 }),
    );
    // More than is left is the same refusal.
    const tooMuch = await refusal(
      s.baskets.create(designer, {
        ...input,
        key: crypto.randomUUID(),
        picks: [{ lineId: 'x', lotId: lots.ash!, quantity: 99 }],
      }),
    );
    expect(tooMuch).toMatchObject({ code: 'CONFLICT', fields: ['picks.0.lotId:basket.lotUnavailable'] });
  });

  it('keeps a basket to its buyer and refuses another party’s unknown ids and bad input', async () => {
    const basket = await s.baskets.create(designer, {
      key: crypto.randomUUID(),
      title: 'À moi',
      picks: [{ lineId: 'frame', lotId: lots.steel!, quantity: 1 }],
    });
    expect((await refusal(s.baskets.get(stranger, basket.id))).code).toBe('NOT_FOUND');
    expect(await s.baskets.listMine(stranger)).toEqual([]);
    // A seller cannot put their own lot in a basket.
    const own = await refusal(
      s.baskets.create(sellers[1]!, {
        key: crypto.randomUUID(),
        title: 'Le mien',
        picks: [{ lineId: 'a', lotId: lots.steel!, quantity: 1 }],
      }),
    );
    expect(own).toMatchObject({ code: 'FORBIDDEN', fields: ['picks.0.lotId:trade.ownLot'] });
    const bad = await refusal(
      s.baskets.create(designer, {
        key: 'nope',
        title: '',
        picks: [{ lineId: 'a', lotId: lots.steel!, quantity: -1 }],
      } as never),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toEqual(expect.arrayContaining(['key:field.uuid', 'picks.0.quantity:measure.zero']));
  });
});
