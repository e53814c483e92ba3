/**
 * Stored impact records under a versioned method (docs/impact-method.md §10): records written by
 * the first transport model (method 0) are recomputed with the current method, each record cites
 * the method version of its figures and replays to them, the figures it had stay reproducible in
 * impact_record_revision, the rollups follow, and a trade joining a trip re-allocates the trip's
 * records already written. PGlite by default, PostgreSQL 15 with DATABASE_URL.
 */
import { impactRepository } from '@retaille/db';
import {
  computeTradeImpact,
  computeTripEmissions,
  EMBEDDED_FACTOR_SET,
  getMaterial,
  IMPACT_METHOD_VERSION,
  LEGACY_METHOD_VERSION,
  parisMonth,
  type Range,
  replayImpactRecord,
  TRAVEL_MODE_FACTORS,
} from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { totalsOf } from './impact.service.ts';
import type { HandoverTravel } from './trip-recorder.ts';

let s: TestServices;
let seller: UserActor;
let buyer: UserActor;
let admin: UserActor;
let sellerSite: string;
let buyerSite: string;
const month = parisMonth(new Date().toISOString());
const period = { from: month, to: month };
const filter = { fromMonth: `${month}-01`, toMonth: `${month}-01` };
const ids: Record<string, string> = {};

async function accepted(kg: number, materialKey = 'wood_other'): Promise<string> {
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSite, { materialKey, unit: 'kg', quantity: kg, dimensions: {} } as never),
  );
  const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: kg, buyerSiteId: buyerSite });
  await s.trades.accept(seller, trade.id);
  return trade.id;
}

async function complete(id: string) {
  expect((await s.trades.confirmReceipt(buyer, id)).state).toBe('completed');
}

const records = () => s.database.db.selectFrom('impact_record').selectAll().orderBy('trade_id').execute();

/** The figures a record stores, as the domain's ranges. */
const figures = (r: Awaited<ReturnType<typeof records>>[number]) => ({
  avoided: { low: r.avoided_low_kg_co2e, central: r.avoided_kg_co2e, high: r.avoided_high_kg_co2e },
  transport: { low: r.transport_low_kg_co2e, central: r.transport_kg_co2e, high: r.transport_high_kg_co2e },
  net: { low: r.net_low_kg_co2e, central: r.net_kg_co2e, high: r.net_high_kg_co2e },
});

function expectClose(a: Record<string, Range>, b: Record<string, Range>) {
  for (const k of Object.keys(a))
    for (const bound of ['low', 'central', 'high'] as const)
      expect(a[k]![bound], `${k}.${bound}`).toBeCloseTo(b[k]![bound], 9);
}

/** The rollups against a plain recomputation from impact_record: every measure, both versions. */
async function expectRollupsMatchRecords() {
  const fast = await impactRepository.aggregateImpact(s.database.db, filter, 'rollup');
  const slow = await impactRepository.aggregateImpact(s.database.db, filter, 'records');
  const key = (r: { dimension: string | null; key: string | null }) => `${r.dimension}:${r.key}`;
  expect(fast.map(key).sort()).toEqual(slow.map(key).sort());
  for (const f of fast) {
    const a = totalsOf(f);
    const b = totalsOf(slow.find((x) => key(x) === key(f)));
    expect(a.trades).toBe(b.trades);
    expect(a.methodVersions).toEqual(b.methodVersions);
    expect(a.tradesDefaultTravel).toBe(b.tradesDefaultTravel);
    expect(a.tradesProxy).toBe(b.tradesProxy);
    expect(a.tradesWithMissingFactor).toBe(b.tradesWithMissingFactor);
    expectClose({ net: a.netRangeKgCo2e }, { net: b.netRangeKgCo2e });
  }
  // Every bound the rollup keeps (the dashboard reads only the net's) sums to the records'.
  const columns = [
    'avoided_low_kg_co2e',
    'avoided_high_kg_co2e',
    'transport_low_kg_co2e',
    'transport_high_kg_co2e',
    'net_low_kg_co2e',
    'net_high_kg_co2e',
  ] as const;
  const sums = (table: 'impact_monthly' | 'impact_record') =>
    s.database.db
      .selectFrom(table)
      .select((eb) => columns.map((c) => eb.fn.sum<number>(c).as(c)))
      .executeTakeFirstOrThrow();
  const [rolled, recorded] = [await sums('impact_monthly'), await sums('impact_record')];
  for (const c of columns) expect(Number(rolled[c]), c).toBeCloseTo(Number(recorded[c]), 9);
  const flowsFast = await impactRepository.topImpactFlows(s.database.db, filter, 50);
  const flowsSlow = await impactRepository.topImpactFlows(s.database.db, filter, 50, 'records');
  expect(flowsFast.length).toBe(flowsSlow.length);
  flowsFast.forEach((f, i) => {
    expect(f.net_kg_co2e).toBeCloseTo(flowsSlow[i]!.net_kg_co2e, 9);
  });
}

beforeAll(async () => {
  s = await createTestServices();
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  admin = await createTestUser(s, { roles: ['admin'] });
  sellerSite = (await createTestSite(s, seller, { postalCode: '69001' })).id;
  buyerSite = (await createTestSite(s, buyer, { postalCode: '69100' })).id;

  // Nothing recorded (the default van), a vehicle recorded before trips existed, a bike, leather
  // (a proxy factor), and two lots sharing one car trip: the first completes before the second joins.
  ids.default = await accepted(10);
  await s.trades.handOver(seller, ids.default, 10, null);
  await complete(ids.default);
  ids.vehicle = await accepted(12, 'steel');
  await s.trades.handOver(seller, ids.vehicle, 12, 'van_bev_avg_defra');
  await complete(ids.vehicle);
  ids.bike = await accepted(6);
  await s.trades.handOver(seller, ids.bike, 6, null, { mode: 'bike', roundTrip: true });
  await complete(ids.bike);
  ids.leather = await accepted(3, 'leather_bovine_vegetable');
  await s.trades.handOver(seller, ids.leather, 3, null, { mode: 'on_foot', roundTrip: false });
  await complete(ids.leather);
  ids.first = await accepted(30);
  await s.trades.handOver(seller, ids.first, 30, null, {
    mode: 'car_dedicated',
    roundTrip: true,
    distanceKm: 12,
  });
  await complete(ids.first);
});
afterAll(() => s.database.close());

describe('a trade joining a trip', () => {
  it('re-allocates the records already written for the trip, keeping what they were', async () => {
    const before = (await impactRepository.findImpactRecord(s.database.db, ids.first!))!;
    // 12 km there and back by car, the first lot alone: the whole trip.
    const car = TRAVEL_MODE_FACTORS.car_dedicated.kgCo2e.central * 24;
    expect(before.transport_kg_co2e).toBeCloseTo(car, 9);

    const trip = (await impactRepository.findTripOfTrade(s.database.db, ids.first!))!.trip;
    ids.second = await accepted(10);
    const join: HandoverTravel = { mode: 'car_dedicated', roundTrip: true, tripId: trip.id };
    await s.trades.handOver(seller, ids.second, 10, null, join);
    await complete(ids.second);

    const first = (await impactRepository.findImpactRecord(s.database.db, ids.first!))!;
    const second = (await impactRepository.findImpactRecord(s.database.db, ids.second!))!;
    // 30 kg and 10 kg: three quarters and one quarter of the same trip, which the two add up to.
    expect(first.transport_kg_co2e).toBeCloseTo(car * 0.75, 9);
    expect(second.transport_kg_co2e).toBeCloseTo(car * 0.25, 9);
    const e = computeTripEmissions({
      mode: 'car_dedicated',
      distanceKm: 12,
      roundTrip: true,
      stopSiteIds: ['a'],
      lots: [
        { tradeId: ids.first!, massKg: 30, sellerSiteId: 'a', buyerSiteId: 'a' },
        { tradeId: ids.second!, massKg: 10, sellerSiteId: 'a', buyerSiteId: 'a' },
      ],
    });
    expect(first.transport_high_kg_co2e + second.transport_high_kg_co2e).toBeCloseTo(e.total.high, 9);
    expect(first.net_kg_co2e).toBeCloseTo(before.net_kg_co2e + car * 0.25, 9);

    const revisions = await impactRepository.listImpactRevisions(s.database.db, ids.first!);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ reason: 'trip_changed', method_version: IMPACT_METHOD_VERSION });
    expect(revisions[0]!.net_kg_co2e).toBeCloseTo(before.net_kg_co2e, 12);
    // The figures it had replay from the input it had.
    const replayed = replayImpactRecord(
      { methodVersion: revisions[0]!.method_version, input: revisions[0]!.input },
      [EMBEDDED_FACTOR_SET],
    );
    expect(replayed.netKgCo2e.central).toBeCloseTo(before.net_kg_co2e, 12);
    await expectRollupsMatchRecords();
  });
});

describe('recomputing the records of the first transport model', () => {
  let written: Awaited<ReturnType<typeof records>>;
  let legacy: Map<string, ReturnType<typeof computeTradeImpact>>;

  it('starts from records the first model computed, as the migration labels them', async () => {
    written = await records();
    expect(written.length).toBe(6);
    expect(written.every((r) => r.method_version === IMPACT_METHOD_VERSION)).toBe(true);
    // Put every record back as the first transport model wrote it (method 0: registry vehicle
    // there and back, no ratio, no range), the rollups moving with them, as after the migration.
    const trades = await s.database.db.selectFrom('trade').select(['id', 'vehicle_key']).execute();
    legacy = new Map(
      written.map((r) => {
        const vehicle = trades.find((t) => t.id === r.trade_id)?.vehicle_key;
        return [
          r.trade_id,
          computeTradeImpact({
            massKg: r.mass_kg,
            massMeasured: r.mass_source === 'measured',
            materialFactorKey: getMaterial(r.material_key)?.emissionFactorKey ?? null,
            distanceKm: r.distance_km,
            ...(vehicle ? { vehicleKey: vehicle } : {}),
            factorSet: EMBEDDED_FACTOR_SET,
          }),
        ];
      }),
    );
    await s.database.db.transaction().execute((trx) =>
      impactRepository.replaceImpactFigures(
        trx,
        written.map((r) => {
          const l = legacy.get(r.trade_id)!;
          return {
            trade_id: r.trade_id,
            method_version: LEGACY_METHOD_VERSION,
            input: l.input,
            factor_key: l.factorKey,
            vehicle_key: l.vehicleKey,
            factor_missing: l.factorMissing,
            flags: l.flags,
            avoided_kg_co2e: l.avoidedKgCo2e,
            avoided_low_kg_co2e: l.avoidedKgCo2e,
            avoided_high_kg_co2e: l.avoidedKgCo2e,
            transport_kg_co2e: l.transportKgCo2e,
            transport_low_kg_co2e: l.transportKgCo2e,
            transport_high_kg_co2e: l.transportKgCo2e,
            net_kg_co2e: l.netKgCo2e,
            net_low_kg_co2e: l.netKgCo2e,
            net_high_kg_co2e: l.netKgCo2e,
            tonne_km: l.tonneKm,
            travel_mode: null,
            travel_is_default: null,
            coverage: null,
          };
        }),
        'method_upgrade',
        new Date(),
      ),
    );
    await s.database.db.deleteFrom('impact_record_revision').execute();
    const d = await s.impact.dashboard(admin, period);
    expect(d.totals.methodVersions).toEqual([LEGACY_METHOD_VERSION]);
    // The first model charged leather nothing avoided (no factor) and no ratio anywhere.
    expect(d.totals.tradesWithMissingFactor).toBeGreaterThan(0);
    await expectRollupsMatchRecords();
  });

  it('recomputes each record with the current method, in batches, to the figures live recording writes', async () => {
    const report = await s.impact.upgradeRecords(4);
    expect(report).toEqual({ methodVersion: IMPACT_METHOD_VERSION, recomputed: 6 });
    const now = await records();
    for (const r of now) {
      const was = written.find((w) => w.trade_id === r.trade_id)!;
      expect(r.method_version, r.trade_id).toBe(IMPACT_METHOD_VERSION);
      expectClose(figures(r), figures(was));
      expect(r.travel_mode).toBe(was.travel_mode);
      expect(r.travel_is_default).toBe(was.travel_is_default);
      expect(r.coverage).toBe(was.coverage);
      expect(r.flags.sort()).toEqual([...was.flags].sort());
    }
    const byId = (id: string) => now.find((r) => r.trade_id === id)!;
    expect(byId(ids.default!)).toMatchObject({ travel_mode: 'van_diesel', travel_is_default: true });
    expect(byId(ids.vehicle!)).toMatchObject({ travel_mode: 'van_electric', travel_is_default: false });
    expect(byId(ids.bike!)).toMatchObject({ travel_mode: 'bike', travel_is_default: false });
    expect(byId(ids.leather!)).toMatchObject({
      coverage: 'proxy',
      factor_missing: false,
      transport_kg_co2e: 0,
    });
    expect(byId(ids.second!).transport_kg_co2e).toBeCloseTo(byId(ids.first!).transport_kg_co2e / 3, 9);
  });

  it('every record replays to its figures under the method version it cites', async () => {
    for (const r of await records()) {
      const f = replayImpactRecord({ methodVersion: r.method_version, input: r.input }, [
        EMBEDDED_FACTOR_SET,
      ]);
      expect(f.methodVersion).toBe(r.method_version);
      expect(f.factorVersion).toBe(r.factor_version);
      expectClose({ avoided: f.avoidedKgCo2e, transport: f.transportKgCo2e, net: f.netKgCo2e }, figures(r));
      expect(f.tonneKm).toBeCloseTo(r.tonne_km, 12);
      expect(f.factorMissing).toBe(r.factor_missing);
    }
  });

  it('keeps the first model figures reproducible: one revision per record that replays to them', async () => {
    for (const r of await records()) {
      const revisions = await impactRepository.listImpactRevisions(s.database.db, r.trade_id);
      expect(revisions.map((v) => [v.method_version, v.reason])).toEqual([
        [LEGACY_METHOD_VERSION, 'method_upgrade'],
      ]);
      const l = legacy.get(r.trade_id)!;
      expect(revisions[0]!.net_kg_co2e).toBe(l.netKgCo2e);
      const f = replayImpactRecord(
        { methodVersion: revisions[0]!.method_version, input: revisions[0]!.input },
        [EMBEDDED_FACTOR_SET],
      );
      expect(f.netKgCo2e.central).toBeCloseTo(l.netKgCo2e, 12);
      expect(f.avoidedKgCo2e.central).toBeCloseTo(revisions[0]!.avoided_kg_co2e, 12);
    }
  });

  it('moves the rollups with the records, and the dashboard cites the method version', async () => {
    await expectRollupsMatchRecords();
    const d = await s.impact.dashboard(admin, period);
    expect(d.totals.methodVersions).toEqual([IMPACT_METHOD_VERSION]);
    expect(d.totals.trades).toBe(6);
    expect(d.totals.tradesDefaultTravel).toBe(1);
    expect(d.totals.tradesProxy).toBe(1);
    expect(d.totals.netRangeKgCo2e.low).toBeLessThan(d.totals.netKgCo2e);
    expect(d.totals.netRangeKgCo2e.high).toBeGreaterThan(d.totals.netKgCo2e);
    const rollupRows = await s.database.db
      .selectFrom('impact_monthly')
      .select(['method_version', 'trades'])
      .execute();
    expect(rollupRows.every((r) => r.method_version === IMPACT_METHOD_VERSION && r.trades > 0)).toBe(true);
    // The method view reads the same stored figures.
    const m = await s.impact.method(admin, period);
    expect(m.given.netKgCo2e.central).toBeCloseTo(d.totals.netKgCo2e, 9);
    expect(m.given.netKgCo2e.low).toBeCloseTo(d.totals.netRangeKgCo2e.low, 9);
  });

  it('is idempotent: a second run (another server starting) recomputes nothing', async () => {
    const [a, b] = await Promise.all([s.impact.upgradeRecords(), s.impact.upgradeRecords()]);
    expect(a.recomputed + b.recomputed).toBe(0);
    expect(await s.database.db.selectFrom('impact_record_revision').select('id').execute()).toHaveLength(6);
  });

  it('startup queues the recomputation as a job once per method version, and nothing when none is left', async () => {
    expect(await s.scheduleImpactUpgrade()).toBe(false);
    // A record left behind by an older method (a server of the previous release wrote it meanwhile).
    const one = await s.database.db
      .updateTable('impact_record')
      .set({ method_version: LEGACY_METHOD_VERSION })
      .where('trade_id', '=', ids.bike!)
      .returning('trade_id')
      .execute();
    expect(one).toHaveLength(1);
    expect(await s.impact.hasRecordsToUpgrade()).toBe(true);
    // Tests run jobs inline once the transaction commits; the server's pg-boss worker runs the same handler.
    expect(await s.scheduleImpactUpgrade()).toBe(true);
    expect((await records()).every((r) => r.method_version === IMPACT_METHOD_VERSION)).toBe(true);
    expect(await s.database.db.selectFrom('impact_record_revision').select('id').execute()).toHaveLength(7);
    expect(await s.scheduleImpactUpgrade()).toBe(false);
  });
});
