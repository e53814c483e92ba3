import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import { computeTradeImpact } from './impact.ts';
import { IMPACT_METHOD_VERSION } from './method.ts';
import {
  assessRecordInput,
  defaultRecordTravel,
  LEGACY_METHOD_VERSION,
  type MethodRecordInput,
  replayImpactRecord,
  travelModeOfLegacyVehicle,
} from './stored-record.ts';
import { TRAVEL_MODE_FACTORS } from './travel.ts';

const fs = EMBEDDED_FACTOR_SET;
const OAK_DELTA = 0.24 - 0.03854;

const record = (over: Partial<MethodRecordInput> = {}): MethodRecordInput => ({
  tradeId: 't1',
  factorVersion: fs.version,
  materialKey: 'oak',
  massKg: 10,
  massMeasured: true,
  distanceKm: 4,
  travel: {
    mode: 'bike',
    roundTrip: true,
    distanceKm: 4,
    isDefault: false,
    tripId: 'trip-1',
    lots: [
      { tradeId: 't1', massKg: 10 },
      { tradeId: 't2', massKg: 30 },
    ],
  },
  ...over,
});

describe('assessRecordInput: a stored method-1 record', () => {
  it('charges the trade its mass share of the trip and applies the ratio', () => {
    const a = assessRecordInput(record(), fs);
    // bike 4 km there and back: 8 vehicle-km × 0.005 = 0.04, a quarter of it for 10 kg of 40.
    expect(a.transportKgCo2e.central).toBeCloseTo(0.01, 12);
    expect(a.transportKgCo2e.high).toBeCloseTo(8 * 0.011 * 0.25, 12);
    expect(a.transportKgCo2e.low).toBe(0);
    // 10 kg × 0.8 (wood) × (0.24 − 0.03854)
    expect(a.avoidedKgCo2e.central).toBeCloseTo(10 * 0.8 * OAK_DELTA, 12);
    expect(a.netKgCo2e.central).toBeCloseTo(10 * 0.8 * OAK_DELTA - 0.01, 12);
    expect(a.methodVersion).toBe(IMPACT_METHOD_VERSION);
    expect(a.travelIsDefault).toBe(false);
  });

  it.each<[string, Partial<MethodRecordInput['travel']>, number]>([
    ['a lot alone on foot costs nothing', { mode: 'on_foot', lots: [{ tradeId: 't1', massKg: 10 }] }, 0],
    [
      'a carrier charges the lot its own tonne-km, never doubled',
      { mode: 'carrier', lots: [{ tradeId: 't1', massKg: 10 }] },
      (10 / 1000) * 4 * TRAVEL_MODE_FACTORS.carrier.kgCo2e.central,
    ],
    [
      'a diesel van one way, alone',
      { mode: 'van_diesel', roundTrip: false, lots: [{ tradeId: 't1', massKg: 10 }] },
      4 * TRAVEL_MODE_FACTORS.van_diesel.kgCo2e.central,
    ],
    [
      'equal shares when every mass is zero',
      {
        mode: 'van_diesel',
        lots: [
          { tradeId: 't1', massKg: 0 },
          { tradeId: 't2', massKg: 0 },
        ],
      },
      4 * TRAVEL_MODE_FACTORS.van_diesel.kgCo2e.central,
    ],
  ])('%s', (_, travel, transport) => {
    const base = record();
    const a = assessRecordInput({ ...base, travel: { ...base.travel, ...travel } }, fs);
    expect(a.transportKgCo2e.central).toBeCloseTo(transport, 12);
  });

  it('the default travel is a diesel van there and back for the lot alone, labelled', () => {
    const a = assessRecordInput(record({ travel: defaultRecordTravel('t1', 10, 4) }), fs);
    expect(a.travelIsDefault).toBe(true);
    expect(a.travelMode).toBe('van_diesel');
    expect(a.transportKgCo2e.central).toBeCloseTo(8 * TRAVEL_MODE_FACTORS.van_diesel.kgCo2e.central, 12);
  });

  it.each<[string, unknown]>([
    ['the trade is missing from its trip', record({ tradeId: 't9' })],
    ['a negative mass', record({ massKg: -1 })],
    ['an infinite distance', record({ distanceKm: Number.POSITIVE_INFINITY })],
    ['a mode without factor', { ...record(), travel: { ...record().travel, mode: 'rocket' } }],
    ['no input at all', null],
  ])('refuses a malformed input: %s', (_, input) => {
    expect(() => assessRecordInput(input, fs)).toThrow(DomainError);
  });
});

describe('replayImpactRecord: the figures of the version a record cites', () => {
  it('replays method 1 to the same figures as the assessment', () => {
    const a = assessRecordInput(record(), fs);
    const r = replayImpactRecord({ methodVersion: IMPACT_METHOD_VERSION, input: record() }, [fs]);
    expect(r.netKgCo2e).toEqual(a.netKgCo2e);
    expect(r.avoidedKgCo2e).toEqual(a.avoidedKgCo2e);
    expect(r.transportKgCo2e).toEqual(a.transportKgCo2e);
    expect(r.tonneKm).toBeCloseTo((10 / 1000) * 4, 12);
    expect(r.factorMissing).toBe(false);
    expect(r.factorVersion).toBe(fs.version);
  });

  it('replays method 0 (the first transport model) without range', () => {
    const legacy = computeTradeImpact({
      massKg: 10,
      massMeasured: true,
      materialFactorKey: 'wool_yarn',
      distanceKm: 12,
      factorSet: fs,
    });
    const r = replayImpactRecord({ methodVersion: LEGACY_METHOD_VERSION, input: legacy.input }, [fs]);
    expect(r.netKgCo2e).toEqual({
      low: legacy.netKgCo2e,
      central: legacy.netKgCo2e,
      high: legacy.netKgCo2e,
    });
    expect(r.transportKgCo2e.central).toBe(legacy.transportKgCo2e);
    expect(r.methodVersion).toBe(LEGACY_METHOD_VERSION);
  });

  it('a method-0 record and its method-1 recomputation differ where the method changed', () => {
    const legacy = computeTradeImpact({
      massKg: 10,
      massMeasured: true,
      materialFactorKey: 'wood_sawn_hardwood',
      distanceKm: 4,
      factorSet: fs,
    });
    const old = replayImpactRecord({ methodVersion: LEGACY_METHOD_VERSION, input: legacy.input }, [fs]);
    const now = replayImpactRecord(
      { methodVersion: IMPACT_METHOD_VERSION, input: record({ travel: defaultRecordTravel('t1', 10, 4) }) },
      [fs],
    );
    // Same van round trip under both; the avoided side now applies the wood ratio (0.8).
    expect(now.transportKgCo2e.central).toBeCloseTo(old.transportKgCo2e.central, 9);
    expect(now.avoidedKgCo2e.central).toBeLessThan(old.avoidedKgCo2e.central);
  });

  it.each<[string, { methodVersion: string; input: unknown }, string]>([
    [
      'an unknown method version',
      { methodVersion: 'impact-method-9', input: record() },
      'impact.methodVersionNotFound',
    ],
    [
      'a factor version not given',
      { methodVersion: IMPACT_METHOD_VERSION, input: record({ factorVersion: 'nope' }) },
      'impact.factorVersionNotFound',
    ],
    [
      'a method-0 input that is not one',
      { methodVersion: LEGACY_METHOD_VERSION, input: { a: 1 } },
      'impact.invalidInput',
    ],
  ])('refuses %s', (_, stored, key) => {
    expect(() => replayImpactRecord(stored, [fs])).toThrow(
      expect.objectContaining({ key }) as unknown as Error,
    );
  });
});

describe('travelModeOfLegacyVehicle', () => {
  it.each([
    ['van_diesel_avg_defra', 'dedicated_trip', 'van_diesel'],
    ['van_bev_avg_defra', 'dedicated_trip', 'van_electric'],
    ['hgv_all_avg_laden_defra', 'tonne_km', 'carrier'],
    ['truck_fr_unspecified_baseimpacts', 'dedicated_trip', 'van_diesel'],
  ])('%s (%s) → %s', (vehicle, mode, expected) => {
    expect(travelModeOfLegacyVehicle(vehicle, mode)).toBe(expected);
  });
});
