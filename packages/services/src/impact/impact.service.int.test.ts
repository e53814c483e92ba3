import { impactRepository, userRepository } from '@retaille/db';
import {
  DomainError,
  EMBEDDED_FACTOR_VERSION,
  EMBEDDED_MATERIAL_ROWS,
  groupBy,
  haversineKm,
  IMPACT_METHOD_VERSION,
  type ImpactLine,
  impactTotals,
  MATERIAL_CSV_COLUMNS,
  parisMonth,
  type SectorKey,
  type TerritoryType,
} from '@retaille/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import { anonymous } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { totalsOf } from './impact.service.ts';

let s: TestServices;
let seller: UserActor;
let buyer: UserActor;
let designer: UserActor;
let admin: UserActor;
let sellerSiteId: string;
let buyerSiteId: string;
const LYON = { lat: 45.75485, lon: 4.83638 };
// 7 km due north of Lyon's centroid on the earthdistance sphere (R = 6378.168 km).
const SEVEN_KM_NORTH = { lat: LYON.lat + (7 / (6378.168 * Math.PI)) * 180, lon: LYON.lon };
const month = parisMonth(new Date().toISOString());
const period = { from: month, to: month };

/** A free trade of `kg` kilograms of `materialKey`, weighed at handover, received, completed. */
async function completedTrade(
  opts: {
    materialKey?: string;
    kg?: number;
    buyer?: UserActor;
    buyerSiteId?: string | null;
    vehicleKey?: string;
  } = {},
): Promise<string> {
  const kg = opts.kg ?? 10;
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSiteId, {
      materialKey: opts.materialKey ?? 'wood_other',
      unit: 'kg',
      quantity: kg,
      dimensions: {},
    } as never),
  );
  const who = opts.buyer ?? buyer;
  const site = opts.buyerSiteId === undefined ? buyerSiteId : opts.buyerSiteId;
  const trade = await s.trades.request(who, {
    lotId: lot.id,
    quantity: kg,
    ...(site ? { buyerSiteId: site } : {}),
  });
  await s.trades.accept(seller, trade.id);
  await s.trades.handOver(seller, trade.id, kg, opts.vehicleKey ?? null);
  const done = await s.trades.confirmReceipt(who, trade.id);
  expect(done.state).toBe('completed');
  return trade.id;
}

function materialsCsv(change: (row: Record<string, string>) => Record<string, string>): string {
  const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
  return [
    MATERIAL_CSV_COLUMNS.join(','),
    ...EMBEDDED_MATERIAL_ROWS.map((r) => {
      const row = change({ ...r });
      return MATERIAL_CSV_COLUMNS.map((c) => q(row[c] ?? '')).join(',');
    }),
  ].join('\n');
}

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  designer = await createTestUser(s, { roles: ['designer'] });
  admin = await createTestUser(s, { roles: ['admin'] });
  sellerSiteId = (await createTestSite(s, seller, { postalCode: '69001', ...LYON })).id;
  buyerSiteId = (await createTestSite(s, buyer, { postalCode: '69001', ...SEVEN_KM_NORTH })).id;
  // The designer lives in Villeurbanne (no site): the distance runs to the home point.
  await userRepository.updateProfile(s.database.db, designer.userId, {
    home_commune_insee: '69266',
    home_lat: 45.7719,
    home_lon: 4.8902,
  });
});
afterAll(() => s.database.close());

describe('recording on completion', () => {
  it('uses the vehicle recorded at handover (an electric van) instead of the default', async () => {
    const tradeId = await completedTrade({ kg: 10, vehicleKey: 'van_bev_avg_defra' });
    const r = (await impactRepository.findImpactRecord(s.database.db, tradeId))!;
    // Under method 1 the registry vehicle is the electric van travel mode, not the default.
    expect(r).toMatchObject({
      vehicle_key: 'van_electric',
      travel_mode: 'van_electric',
      travel_is_default: false,
    });
    // 7 km away, round trip = 14 vehicle-km × 0.06976 (central; low: French grid 0.012).
    expect(r.transport_kg_co2e).toBeCloseTo(14 * 0.06976, 6);
    expect(r.transport_low_kg_co2e).toBeCloseTo(14 * 0.012, 6);
  });

  it('writes exactly one record with the hand-computed figures (transport exceeds the benefit)', async () => {
    expect(haversineKm(LYON, SEVEN_KM_NORTH)).toBeCloseTo(7, 6);
    const tradeId = await completedTrade({ kg: 10 });
    const r = await impactRepository.findImpactRecord(s.database.db, tradeId);
    expect(r).toBeDefined();
    // 10 kg of wood (DEFRA average), wood substitution ratio 0.8: 10 × 0.8 × (0.2695 − 0.03854).
    const avoided = 10 * 0.8 * (0.2695 - 0.03854);
    expect(r!.avoided_kg_co2e).toBeCloseTo(avoided, 9);
    // Nothing recorded: the default diesel van, 14 km × (0.25561 direct + 0.06128 upstream).
    expect(r!.transport_kg_co2e).toBeCloseTo(4.43646, 9);
    expect(r!.net_kg_co2e).toBeCloseTo(avoided - 4.43646, 9);
    expect(r!.net_kg_co2e).toBeLessThan(0);
    // The pessimistic bound pairs the low avoided with the high transport (van +20 %).
    expect(r!.net_low_kg_co2e).toBeCloseTo(r!.avoided_low_kg_co2e - 4.43646 * 1.2, 9);
    expect(r!.net_high_kg_co2e).toBeGreaterThan(r!.net_kg_co2e);
    expect(r!.flags).toContain('travel_default');
    expect(r!.tonne_km).toBeCloseTo(0.07, 9);
    expect(r).toMatchObject({
      mass_kg: 10,
      mass_source: 'measured',
      distance_method: 'great_circle',
      destination_kind: 'site',
      destination_site_id: buyerSiteId,
      origin_site_id: sellerSiteId,
      origin_departement: '69',
      material_family: 'wood',
      factor_key: 'wood_average_defra',
      vehicle_key: 'van_diesel',
      factor_version: EMBEDDED_FACTOR_VERSION,
      method_version: IMPACT_METHOD_VERSION,
      travel_mode: 'van_diesel',
      travel_is_default: true,
      coverage: 'factor',
      factor_missing: false,
      sector: 'bois',
    });
    expect(r!.input).toMatchObject({
      tradeId,
      massKg: 10,
      travel: { mode: 'van_diesel', roundTrip: true, isDefault: true, lots: [{ tradeId, massKg: 10 }] },
      factorVersion: EMBEDDED_FACTOR_VERSION,
    });
    expect(r!.distance_km).toBeCloseTo(7, 6);

    // The recorder is idempotent: a second call (a retried effect) neither duplicates nor re-adds.
    const trade = await s.database.db
      .selectFrom('trade')
      .selectAll()
      .where('id', '=', tradeId)
      .executeTakeFirstOrThrow();
    await s.database.db.transaction().execute((trx) => s.impact.recordTrade(trx, trade, new Date()));
    const count = await s.database.db
      .selectFrom('impact_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('trade_id', '=', tradeId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('measures a designer trade to the home point and shows it at the commune centre', async () => {
    const tradeId = await completedTrade({ kg: 4, buyer: designer, buyerSiteId: null, materialKey: 'oak' });
    const r = (await impactRepository.findImpactRecord(s.database.db, tradeId))!;
    expect(r.destination_kind).toBe('person');
    expect(r.destination_key).toBe('commune:69266');
    expect(r.distance_km).toBeCloseTo(haversineKm(LYON, { lat: 45.7719, lon: 4.8902 }), 9);
    // Oak uses ICE sawn hardwood; its reuse route is DEFRA's wood re-used (method 1 §3), ratio 0.8.
    expect(r.avoided_kg_co2e).toBeCloseTo(4 * 0.8 * (0.24 - 0.03854), 9);
    expect(r.coverage).toBe('factor');
  });
});

describe('dashboard', () => {
  it('totals equal the sum of the trades, the recomputation and the domain aggregation', async () => {
    await completedTrade({ kg: 25, materialKey: 'steel' });
    const d = await s.impact.dashboard(admin, period);
    const records = await s.database.db.selectFrom('impact_record').selectAll().execute();
    const sum = (f: (r: (typeof records)[number]) => number) => records.reduce((a, r) => a + f(r), 0);
    expect(d.totals.trades).toBe(records.length);
    expect(d.totals.massKg).toBeCloseTo(
      sum((r) => r.mass_kg),
      9,
    );
    expect(d.totals.netKgCo2e).toBeCloseTo(
      sum((r) => r.net_kg_co2e),
      9,
    );
    expect(d.totals.avoidedKgCo2e).toBeCloseTo(
      sum((r) => r.avoided_kg_co2e),
      9,
    );
    expect(d.totals.transportKgCo2e).toBeCloseTo(
      sum((r) => r.transport_kg_co2e),
      9,
    );
    expect(d.totals.tonneKm).toBeCloseTo(
      sum((r) => r.tonne_km),
      9,
    );
    expect(d.totals.shareWithin30Km).toBe(1);

    const filter = { fromMonth: `${month}-01`, toMonth: `${month}-01` };
    const plain = await impactRepository.aggregateImpact(s.database.db, filter, 'records');
    expect(totalsOf(plain.find((r) => r.dimension === null)).trades).toBe(d.totals.trades);
    // Top flows: the coarse rollup (no sector/family filter) and the detailed one (a sector
    // filter) both equal the recomputation from the records, labels included.
    for (const f of [filter, { ...filter, sector: records[0]!.sector }]) {
      const fast = await impactRepository.topImpactFlows(s.database.db, f, 20);
      const slow = await impactRepository.topImpactFlows(s.database.db, f, 20, 'records');
      expect(fast.length).toBeGreaterThan(0);
      expect(fast.map(({ mass_kg, tonne_km, net_kg_co2e, ...rest }) => rest)).toEqual(
        slow.map(({ mass_kg, tonne_km, net_kg_co2e, ...rest }) => rest),
      );
      fast.forEach((x, i) => {
        expect(x.mass_kg).toBeCloseTo(slow[i]!.mass_kg, 9);
        expect(x.net_kg_co2e).toBeCloseTo(slow[i]!.net_kg_co2e, 9);
      });
    }

    const lines: ImpactLine[] = records.map((r) => ({
      tradeId: r.trade_id,
      completedAt: new Date(r.completed_at).toISOString(),
      originSiteId: r.origin_site_id,
      destinationSiteId: r.destination_key,
      materialFamily: r.material_family,
      sector: r.sector as SectorKey,
      departement: r.origin_departement,
      region: r.origin_region,
      territoryType: r.origin_territory_type as TerritoryType,
      massKg: r.mass_kg,
      massMeasured: r.mass_source === 'measured',
      distanceKm: r.distance_km,
      tonneKm: r.tonne_km,
      avoidedKgCo2e: r.avoided_kg_co2e,
      transportKgCo2e: r.transport_kg_co2e,
      netKgCo2e: r.net_kg_co2e,
      factorMissing: r.factor_missing,
      factorVersion: r.factor_version,
    }));
    const reference = impactTotals(lines);
    expect(d.totals.trades).toBe(reference.trades);
    expect(d.totals.netKgCo2e).toBeCloseTo(reference.netKgCo2e, 9);
    expect(d.totals.averageDistanceKm).toBeCloseTo(reference.averageDistanceKm!, 9);
    expect(d.totals.factorVersions).toEqual(reference.factorVersions);
    const families = groupBy(lines, 'materialFamily');
    expect(d.breakdowns.materialFamily.map((g) => [g.key, g.totals.trades])).toEqual(
      families.map((g) => [g.key, g.totals.trades]),
    );
    expect(d.breakdowns.month.map((g) => g.key)).toEqual([month]);
    expect(d.breakdowns.site.map((g) => g.label)).toHaveLength(1);
    expect(d.topFlows[0]).toMatchObject({ originSiteId: sellerSiteId });
  });

  it('is scoped: coordinators to their territory, members to their own site', async () => {
    const all = (await s.impact.dashboard(admin, period)).totals.trades;
    expect(all).toBeGreaterThan(0);
    const lyon = await createTestUser(s, { roles: ['coordinator'], departements: ['69'] });
    const paris = await createTestUser(s, { roles: ['coordinator'], departements: ['75'] });
    const network = await createTestUser(s, { roles: ['coordinator'] });
    expect((await s.impact.dashboard(lyon, period)).totals.trades).toBe(all);
    expect((await s.impact.dashboard(lyon, period)).scope).toEqual({
      kind: 'territory',
      departements: ['69'],
      regions: [],
    });
    expect((await s.impact.dashboard(paris, period)).totals.trades).toBe(0);
    // A filter cannot widen a territory.
    expect((await s.impact.dashboard(paris, { ...period, departement: '69' })).totals.trades).toBe(0);
    expect((await s.impact.dashboard(network, period)).scope).toEqual({ kind: 'network' });

    const own = await s.impact.dashboard(seller, { ...period, siteId: sellerSiteId });
    expect(own.scope).toEqual({ kind: 'site', siteId: sellerSiteId });
    expect(own.totals.trades).toBe(all);
    expect(own.breakdowns.departement).toEqual([]);
    // The buyer's site sent nothing: its dashboard is empty.
    expect((await s.impact.dashboard(buyer, { ...period, siteId: buyerSiteId })).totals.trades).toBe(0);
    await expect(s.impact.dashboard(buyer, { ...period, siteId: sellerSiteId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.impact.dashboard(seller, period)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.impact.dashboard(anonymous, period)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(s.impact.dashboard(admin, { from: month, to: '1999-01' })).rejects.toBeInstanceOf(
      DomainError,
    );
  });
});

describe('factor registry', () => {
  it('a reviewed new version is used for new trades and never rewrites past records', async () => {
    const before = await s.database.db.selectFrom('impact_record').selectAll().orderBy('trade_id').execute();
    const versions = await s.impact.registry.list();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[EMBEDDED_FACTOR_VERSION, 'active']]);

    const input = {
      version: '2027-01-test-v2',
      materialsCsv: materialsCsv((r) =>
        r.material_key === 'wood_average_defra' ? { ...r, virgin_kgco2e_per_kg: '0.5' } : r,
      ),
    };
    await expect(s.impact.registry.previewImport(seller, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const preview = await s.impact.registry.previewImport(admin, input);
    if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
    expect(preview.diff?.materials.changed).toEqual([
      { key: 'wood_average_defra', changes: [{ field: 'virginKgCo2ePerKg', from: 0.2695, to: 0.5 }] },
    ]);
    await expect(
      s.impact.registry.confirmImport(admin, {
        ...input,
        materialsCsv: `${input.materialsCsv}\n`,
        reviewToken: preview.reviewToken,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const stored = await s.impact.registry.confirmImport(admin, {
      ...input,
      reviewToken: preview.reviewToken,
    });
    expect(stored).toMatchObject({ version: '2027-01-test-v2', status: 'active', importedBy: admin.userId });
    // Confirming twice is refused (the version exists now).
    await expect(
      s.impact.registry.confirmImport(admin, { ...input, reviewToken: preview.reviewToken }),
    ).rejects.toBeInstanceOf(DomainError);

    const after = await s.database.db.selectFrom('impact_record').selectAll().orderBy('trade_id').execute();
    expect(after).toEqual(before);

    const tradeId = await completedTrade({ kg: 10 });
    const r = (await impactRepository.findImpactRecord(s.database.db, tradeId))!;
    expect(r.factor_version).toBe('2027-01-test-v2');
    expect(r.avoided_kg_co2e).toBeCloseTo(10 * 0.8 * (0.5 - 0.03854), 9);
    const d = await s.impact.dashboard(admin, period);
    expect(d.totals.factorVersions).toEqual(['2026-11-defra-ice-v1', '2027-01-test-v2']);
    expect((await s.impact.registry.list()).map((v) => v.status).sort()).toEqual(['active', 'superseded']);
  });
});

describe('exports', () => {
  it('CSV and JSON name the factor versions and their sources', async () => {
    const csv = await s.impact.export(admin, period, { format: 'csv', kind: 'lines' });
    expect(csv.contentType).toContain('text/csv');
    // French Excel: BOM, semicolons, CRLF, the header first; the provenance is in its own file.
    expect(csv.body.startsWith('\uFEFFÉchange;Terminé le;Mois;')).toBe(true);
    const header = csv.body.slice(1).split('\r\n')[0]!;
    expect(header.split(';')).toContain('Version des facteurs');
    const dataLines = csv.body.slice(1).trim().split('\r\n');
    const sources = await s.impact.export(admin, period, { format: 'csv', kind: 'sources' });
    expect(sources.body).toContain(`Versions des facteurs;${EMBEDDED_FACTOR_VERSION}, 2027-01-test-v2`);
    expect(sources.body).toMatch(/Source;"?2026-11-defra-ice-v1 · wood_average_defra: UK DESNZ\/DEFRA/);
    expect(sources.body).toMatch(/Source;.*travel:van_diesel: DESNZ\/DEFRA 2025/);
    // The method version and its written method, with a link to its page.
    expect(sources.body).toContain(`Version de la méthode;${IMPACT_METHOD_VERSION}`);
    expect(sources.body).toMatch(/Document de méthode;docs\/impact-method\.md — http.*\/impact\/methode/);
    expect(header.split(';')).toContain('Version de la méthode');
    expect(dataLines.slice(1).every((l) => l.includes(`;${IMPACT_METHOD_VERSION};`))).toBe(true);
    const en = await s.impact.export(admin, period, { format: 'csv', kind: 'sources', locale: 'en' });
    expect(en.body).toContain(`Method version,${IMPACT_METHOD_VERSION}`);
    const d = await s.impact.dashboard(admin, period);
    expect(dataLines).toHaveLength(d.totals.trades + 1);

    const json = JSON.parse(
      (await s.impact.export(admin, period, { format: 'json', kind: 'aggregates' })).body,
    );
    expect(json.meta.factorVersions).toEqual([EMBEDDED_FACTOR_VERSION, '2027-01-test-v2']);
    expect(json.meta.methodVersions).toEqual([IMPACT_METHOD_VERSION]);
    expect(json.meta.methodDocument.path).toBe('docs/impact-method.md');
    expect(json.totals.methodVersions).toEqual([IMPACT_METHOD_VERSION]);
    expect(json.totals.netRangeKgCo2e.low).toBeLessThan(json.totals.netRangeKgCo2e.central);
    expect(json.meta.sources.length).toBeGreaterThan(1);
    expect(json.totals.trades).toBe(d.totals.trades);
    expect(Object.keys(json.breakdowns).sort()).toEqual([
      'departement',
      'materialFamily',
      'month',
      'region',
      'sector',
      'site',
      'territoryType',
    ]);
    const aggCsv = await s.impact.export(admin, period, { format: 'csv', kind: 'aggregates' });
    expect(aggCsv.body).toMatch(/^\uFEFF?Total;;;\d+;/m);
    expect(aggCsv.body).toMatch(/^Famille de matière;wood;/m);
    // No 16-decimal floats, decimal commas only (the method version is a label, not a number).
    expect(aggCsv.body).toContain(`;${IMPACT_METHOD_VERSION};`);
    expect(aggCsv.body.replaceAll(IMPACT_METHOD_VERSION, '')).not.toMatch(/\d\.\d/);
    expect(aggCsv.body).not.toMatch(/,\d{4,}/);
    // The Excel workbook cites the method version on its cover sheet and on every line.
    const book = new ExcelJS.Workbook();
    const xlsx = await s.impact.export(admin, period, { format: 'xlsx', kind: 'lines' });
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cover = book.worksheets[0]!;
    const coverRows = cover.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join(' ') : ''));
    expect(coverRows).toContain(`Version de la méthode ${IMPACT_METHOD_VERSION}`);
    expect(coverRows.some((r) => /^Document de méthode docs\/impact-method\.md — http/.test(r))).toBe(true);
    const linesSheet = book.worksheets[1]!;
    const head = (linesSheet.getRow(1).values as unknown[]).map(String);
    const col = head.indexOf('Version de la méthode');
    expect(col).toBeGreaterThan(0);
    expect(String(linesSheet.getRow(2).getCell(col).value)).toBe(IMPACT_METHOD_VERSION);
    await expect(s.impact.export(seller, period, { format: 'csv', kind: 'lines' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
