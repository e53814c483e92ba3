import {
  assessRecordInput,
  defaultRecordTravel,
  ELECTRIC_VAN_VEHICLE_KEY,
  EMBEDDED_FACTOR_SET,
  haversineKm,
  type RecordTravel,
  tonneKm,
} from '@retaille/domain';
import { describe, expect, it } from 'vitest';
import {
  attributeSector,
  buildImpactRecord,
  type ImpactRecordContext,
  methodFigures,
  travelOf,
} from './impact-recorder.ts';

const fs = EMBEDDED_FACTOR_SET;
const lyon = { lat: 45.764, lon: 4.8357 };
const grenoble = { lat: 45.1885, lon: 5.7245 };
const grenobleCentre = { lat: 45.19, lon: 5.72 };

function context(overrides: Partial<ImpactRecordContext> = {}): ImpactRecordContext {
  return {
    tradeId: 'trade-1',
    // 22:30 UTC on 31 March is already April in Paris.
    completedAt: new Date('2026-03-31T22:30:00.000Z'),
    isDemo: false,
    origin: {
      siteId: 'site-origin',
      departement: '69',
      region: '84',
      territoryType: 'metropolis',
      sectors: ['textile', 'eco_construction'],
      ...lyon,
    },
    destination: {
      kind: 'site',
      siteId: 'site-dest',
      userId: 'user-1',
      key: 'site-dest',
      label: 'Atelier de Grenoble',
      departement: '38',
      shownAt: grenobleCentre,
      distanceFrom: grenoble,
    },
    lotId: 'lot-1',
    materialKey: 'oak',
    materialFamily: 'bois',
    massKg: 120,
    massMeasured: true,
    ...overrides,
  };
}

describe('attributeSector', () => {
  it("credits the first of the site's sectors that the material serves, not the site's first", () => {
    // Oak serves bois, metiers_d_art, eco_construction: textile is skipped.
    expect(attributeSector(['textile', 'eco_construction', 'bois'], 'oak')).toBe('eco_construction');
  });
  it("falls back to the site's first sector, then to multi_filieres", () => {
    expect(attributeSector(['textile', 'chaussure'], 'oak')).toBe('textile');
    expect(attributeSector(['textile'], 'not_a_material')).toBe('textile');
    expect(attributeSector([], 'oak')).toBe('multi_filieres');
  });
});

describe('travelOf', () => {
  const trip = { id: 'trip-1', mode: 'van_electric' as const, distance_km: 42, round_trip: false };

  it('charges a recorded trip with its own distance and every lot it carried', () => {
    const lots = [
      { tradeId: 'other', massKg: 30 },
      { tradeId: 'trade-1', massKg: 10 },
    ];
    expect(travelOf({ tradeId: 'trade-1', massKg: 10, distanceKm: 5, trip: { trip, lots } })).toEqual({
      mode: 'van_electric',
      roundTrip: false,
      distanceKm: 42,
      isDefault: false,
      tripId: 'trip-1',
      lots,
    });
  });

  it("drives a trip without its own distance over the parties' distance, this trade added to its lots", () => {
    const lots = [{ tradeId: 'other', massKg: 30 }];
    const travel = travelOf({
      tradeId: 'trade-1',
      massKg: 10,
      distanceKm: 5,
      trip: { trip: { ...trip, distance_km: null, round_trip: true }, lots },
    });
    expect(travel).toMatchObject({ distanceKm: 5, roundTrip: true, tripId: 'trip-1' });
    expect(travel?.lots).toEqual([...lots, { tradeId: 'trade-1', massKg: 10 }]);
  });

  it('takes a legacy vehicle as a lone trip, there and back unless it says otherwise', () => {
    expect(
      travelOf({ tradeId: 'trade-1', massKg: 10, distanceKm: 5, vehicle: { key: ELECTRIC_VAN_VEHICLE_KEY } }),
    ).toEqual({
      mode: 'van_electric',
      roundTrip: true,
      distanceKm: 5,
      isDefault: false,
      tripId: null,
      lots: [{ tradeId: 'trade-1', massKg: 10 }],
    });
    expect(
      travelOf({
        tradeId: 'trade-1',
        massKg: 10,
        distanceKm: 5,
        vehicle: { key: ELECTRIC_VAN_VEHICLE_KEY, transportMode: 'tonne_km', roundTrip: false },
      }),
    ).toMatchObject({ mode: 'carrier', roundTrip: false });
    expect(
      travelOf({ tradeId: 'trade-1', massKg: 10, distanceKm: 5, vehicle: { key: 'van_diesel_small' } })?.mode,
    ).toBe('van_diesel');
  });

  it('is undefined (the labelled default) when nothing was recorded', () => {
    expect(travelOf({ tradeId: 'trade-1', massKg: 10, distanceKm: 5 })).toBeUndefined();
    expect(travelOf({ tradeId: 'trade-1', massKg: 10, distanceKm: 5, vehicle: null })).toBeUndefined();
  });
});

describe('methodFigures', () => {
  const input = (materialKey: string, travel?: RecordTravel) => ({
    tradeId: 'trade-1',
    factorVersion: fs.version,
    materialKey,
    massKg: 50,
    massMeasured: false,
    distanceKm: 20,
    travel: travel ?? defaultRecordTravel('trade-1', 50, 20),
  });

  it('stores the domain figures, their range and the tonne-km', () => {
    const a = assessRecordInput(input('oak'), fs);
    const f = methodFigures(input('oak'), fs);
    expect(f).toEqual({
      method_version: a.methodVersion,
      input: a.input,
      factor_key: a.factorKey,
      vehicle_key: a.travelMode,
      factor_missing: false,
      flags: ['travel_default'],
      avoided_kg_co2e: a.avoidedKgCo2e.central,
      avoided_low_kg_co2e: a.avoidedKgCo2e.low,
      avoided_high_kg_co2e: a.avoidedKgCo2e.high,
      transport_kg_co2e: a.transportKgCo2e.central,
      transport_low_kg_co2e: a.transportKgCo2e.low,
      transport_high_kg_co2e: a.transportKgCo2e.high,
      net_kg_co2e: a.netKgCo2e.central,
      net_low_kg_co2e: a.netKgCo2e.low,
      net_high_kg_co2e: a.netKgCo2e.high,
      tonne_km: tonneKm(50, 20),
      travel_mode: a.travelMode,
      travel_is_default: true,
      coverage: 'factor',
    });
    // The three points of each range differ, so a swapped column shows.
    expect(new Set([f.avoided_low_kg_co2e, f.avoided_kg_co2e, f.avoided_high_kg_co2e]).size).toBe(3);
    expect(new Set([f.net_low_kg_co2e, f.net_kg_co2e, f.net_high_kg_co2e]).size).toBe(3);
    expect(f.tonne_km).toBe(1);
  });

  it('flags a missing factor, a proxy and a recorded travel, and keeps only the place flags', () => {
    const trip = {
      ...defaultRecordTravel('trade-1', 50, 20),
      isDefault: false,
      mode: 'van_electric' as const,
    };
    expect(
      methodFigures(input('spent_grain', trip), fs, ['distance_unknown', 'travel_default']),
    ).toMatchObject({
      factor_missing: true,
      coverage: 'none',
      flags: ['distance_unknown', 'material_factor_missing'],
      travel_is_default: false,
      travel_mode: 'van_electric',
    });
    expect(methodFigures(input('leather_goat_sheep'), fs)).toMatchObject({
      factor_missing: false,
      coverage: 'proxy',
      flags: ['material_factor_proxy', 'travel_default'],
    });
  });
});

describe('buildImpactRecord', () => {
  it('adds the places, the Paris month and the great-circle distance to the figures', () => {
    const distanceKm = haversineKm(lyon, grenoble);
    const row = buildImpactRecord(context(), fs);
    expect(distanceKm).toBeGreaterThan(80);
    expect(row).toMatchObject({
      trade_id: 'trade-1',
      completed_at: new Date('2026-03-31T22:30:00.000Z'),
      month: '2026-04-01',
      origin_site_id: 'site-origin',
      origin_departement: '69',
      origin_region: '84',
      origin_territory_type: 'metropolis',
      origin_sectors: ['textile', 'eco_construction'],
      origin_lat: lyon.lat,
      origin_lon: lyon.lon,
      sector: 'eco_construction',
      destination_kind: 'site',
      destination_site_id: 'site-dest',
      destination_user_id: 'user-1',
      destination_key: 'site-dest',
      destination_label: 'Atelier de Grenoble',
      destination_departement: '38',
      // Shown at the commune centre, measured to the exact point.
      destination_lat: grenobleCentre.lat,
      destination_lon: grenobleCentre.lon,
      lot_id: 'lot-1',
      material_key: 'oak',
      material_family: 'bois',
      mass_kg: 120,
      mass_source: 'measured',
      distance_km: distanceKm,
      distance_method: 'great_circle',
      factor_version: fs.version,
      is_demo: false,
      flags: ['travel_default'],
    });
    expect(row).toMatchObject(
      methodFigures(
        {
          tradeId: 'trade-1',
          factorVersion: fs.version,
          materialKey: 'oak',
          massKg: 120,
          massMeasured: true,
          distanceKm,
          travel: defaultRecordTravel('trade-1', 120, distanceKm),
        },
        fs,
      ),
    );
  });

  it('charges the recorded travel instead of the default', () => {
    const travel = travelOf({
      tradeId: 'trade-1',
      massKg: 120,
      distanceKm: 90,
      vehicle: { key: ELECTRIC_VAN_VEHICLE_KEY },
    });
    const row = buildImpactRecord(context({ travel, isDemo: true, massMeasured: false }), fs);
    expect(row).toMatchObject({
      travel_mode: 'van_electric',
      travel_is_default: false,
      flags: [],
      is_demo: true,
      mass_source: 'estimated',
    });
    expect(row.input).toMatchObject({ massMeasured: false, travel });
  });

  it('records an unknown destination at distance 0, flagged, with no point shown', () => {
    const row = buildImpactRecord(
      context({
        destination: {
          kind: 'unknown',
          siteId: null,
          userId: 'user-1',
          key: 'unknown',
          label: 'inconnu',
          departement: null,
          shownAt: null,
          distanceFrom: null,
        },
      }),
      fs,
    );
    expect(row).toMatchObject({
      distance_km: 0,
      distance_method: 'unknown',
      destination_lat: null,
      destination_lon: null,
      tonne_km: 0,
      flags: ['distance_unknown', 'travel_default'],
    });
  });
});
