import { z } from 'zod';
import { DomainError, type FieldProblem } from '../shared/errors.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import { findTransportFactor } from './factor-registry.ts';
import { DEFAULT_VEHICLE_KEY, ELECTRIC_VAN_VEHICLE_KEY } from './vehicles.ts';

/**
 * Transport as really travelled (impact method v1, docs/impact-method.md §4): how a lot went from
 * the seller to the buyer, recorded at handover, and the trip's emissions allocated by mass
 * across the lots it carried. Every figure is a range (low / central / high).
 */

/** A low / central / high triple, low ≤ central ≤ high. */
export interface Range {
  low: number;
  central: number;
  high: number;
}

export const zeroRange: Range = Object.freeze({ low: 0, central: 0, high: 0 });

export function scaleRange(r: Range, k: number): Range {
  return { low: r.low * k, central: r.central * k, high: r.high * k };
}

export function addRanges(a: Range, b: Range): Range {
  return { low: a.low + b.low, central: a.central + b.central, high: a.high + b.high };
}

export const travelModes = [
  'on_foot',
  'bike',
  'public_transport',
  'car_dedicated',
  'car_errands',
  'van_diesel',
  'van_electric',
  'carrier',
  'shared_tour',
] as const;
export type TravelMode = (typeof travelModes)[number];

/**
 * `vehicle_km`: the factor multiplies the km the vehicle (or the person on the bus) drives, legs
 * included; `tonne_km`: the factor multiplies each lot's own mass × one-way distance (a carrier's
 * average load); `none`: no emissions are charged (walking).
 */
export type TravelBasis = 'vehicle_km' | 'tonne_km' | 'none';

export interface TravelModeFactor {
  mode: TravelMode;
  labelFr: string;
  labelEn: string;
  basis: TravelBasis;
  /** kg CO2e per vehicle-km (or passenger-km) or per tonne-km, upstream fuel included. */
  kgCo2e: Range;
  source: string;
  /** True when a value is a Retaille assumption rather than a published figure. */
  assumption: boolean;
  note: string;
}

/**
 * A published value of the embedded registry (transport-factors.csv), read from it rather than
 * copied, so the registry stays the one owner of the registry vehicles' factors.
 */
function registryValue(
  vehicleKey: string,
  field: 'kgCo2ePerVehicleKm' | 'wttPerVehicleKm' | 'kgCo2ePerTonneKm' | 'wttPerTonneKm',
): number {
  const v = findTransportFactor(EMBEDDED_FACTOR_SET, vehicleKey)?.[field];
  if (v === undefined || v === null)
    throw new Error(`transport-factors.csv has no ${field} for ${vehicleKey}`);
  return v;
}
/** DESNZ/DEFRA 2025 diesel van, direct + WTT (transport-factors.csv, van_diesel_avg_defra). */
const VAN_DIESEL_PER_KM =
  registryValue(DEFAULT_VEHICLE_KEY, 'kgCo2ePerVehicleKm') +
  registryValue(DEFAULT_VEHICLE_KEY, 'wttPerVehicleKm');
/** Same row, per tonne-km: direct + WTT. */
const VAN_DIESEL_PER_TKM =
  registryValue(DEFAULT_VEHICLE_KEY, 'kgCo2ePerTonneKm') +
  registryValue(DEFAULT_VEHICLE_KEY, 'wttPerTonneKm');
/** DESNZ/DEFRA 2025 battery-electric van, direct (UK grid; the row gives no WTT). */
const VAN_ELECTRIC_PER_KM = registryValue(ELECTRIC_VAN_VEHICLE_KEY, 'kgCo2ePerVehicleKm');
/** ADEME Base Impacts, truck France, per tonne-km (fleet, use and infrastructure). */
const TRUCK_FR_PER_TKM = registryValue('truck_fr_unspecified_baseimpacts', 'kgCo2ePerTonneKm');
/** ADEME Base Carbone / Impact CO2, "voiture thermique" (average French car), upstream included. */
const CAR_PER_KM = 0.218;
/** Retaille assumption: a car trip made with other errands charges this share to the lots. */
export const CAR_ERRANDS_SHARE: Range = { low: 0.25, central: 0.5, high: 1 };

/**
 * The travel factors of method v1. Published values cite their source; the spread of each range
 * is the sources' spread where there are several, else the uncertainty class of
 * docs/impact-method.md §5 (class A ±20 % for a DEFRA vehicle average applied to France).
 */
export const TRAVEL_MODE_FACTORS: Readonly<Record<TravelMode, TravelModeFactor>> = {
  on_foot: {
    mode: 'on_foot',
    labelFr: 'À pied',
    labelEn: 'On foot',
    basis: 'none',
    kgCo2e: zeroRange,
    source: 'No motorised transport (ADEME Impact CO2: marche 0 g/km)',
    assumption: false,
    note: '',
  },
  bike: {
    mode: 'bike',
    labelFr: 'Vélo ou vélo cargo',
    labelEn: 'Bike or cargo bike',
    basis: 'vehicle_km',
    kgCo2e: { low: 0, central: 0.005, high: 0.011 },
    source:
      'ADEME Impact CO2 / Base Carbone: vélo 0 g/km in use, ~5 g/km with manufacture; vélo à assistance électrique ~10-11 g/km',
    assumption: true,
    note: 'Central = manufacture of a mechanical or cargo bike spread over its life; high = e-cargo bike.',
  },
  public_transport: {
    mode: 'public_transport',
    labelFr: 'Transports en commun',
    labelEn: 'Public transport',
    basis: 'vehicle_km',
    kgCo2e: { low: 0.003, central: 0.1, high: 0.137 },
    source:
      'ADEME Base Carbone, per passenger-km: tram/métro ~3-4.7 g, autobus gazole ~100 g, bus agglomération moyenne ~137 g',
    assumption: true,
    note: 'The person carrying the lot counts one passenger-km per km; central = diesel bus (conservative).',
  },
  car_dedicated: {
    mode: 'car_dedicated',
    labelFr: 'Voiture, trajet dédié',
    labelEn: 'Car, dedicated trip',
    basis: 'vehicle_km',
    kgCo2e: { low: 0.185, central: CAR_PER_KM, high: 0.26 },
    source:
      'ADEME Base Carbone / Impact CO2: voiture thermique 0.218 kg CO2e/km (gazole ~0.185, essence ~0.2-0.26)',
    assumption: false,
    note: 'Values to re-check against the current Base Carbone release before publication.',
  },
  car_errands: {
    mode: 'car_errands',
    labelFr: 'Voiture, avec d’autres courses',
    labelEn: 'Car, combined with other errands',
    basis: 'vehicle_km',
    kgCo2e: {
      low: 0.185 * CAR_ERRANDS_SHARE.low,
      central: CAR_PER_KM * CAR_ERRANDS_SHARE.central,
      high: 0.26 * CAR_ERRANDS_SHARE.high,
    },
    source: 'car_dedicated × share of the trip charged to the lots (Retaille assumption: 0.5, range 0.25-1)',
    assumption: true,
    note: 'The trip would partly have happened anyway; the high end charges it all (no credit).',
  },
  van_diesel: {
    mode: 'van_diesel',
    labelFr: 'Utilitaire diesel',
    labelEn: 'Diesel van',
    basis: 'vehicle_km',
    kgCo2e: { low: VAN_DIESEL_PER_KM * 0.8, central: VAN_DIESEL_PER_KM, high: VAN_DIESEL_PER_KM * 1.2 },
    source: 'DESNZ/DEFRA 2025 Freighting goods, van diesel average, direct 0.25561 + WTT 0.06128 /km',
    assumption: false,
    note: 'Uncertainty class A (±20 %): UK fleet average applied to French vans.',
  },
  van_electric: {
    mode: 'van_electric',
    labelFr: 'Utilitaire électrique',
    labelEn: 'Electric van',
    basis: 'vehicle_km',
    kgCo2e: { low: 0.012, central: VAN_ELECTRIC_PER_KM, high: VAN_ELECTRIC_PER_KM * 1.2 },
    source:
      'DESNZ/DEFRA 2025 van battery electric 0.06976 /km (UK grid); low: ~0.2 kWh/km × ~60 g/kWh French grid',
    assumption: false,
    note: 'Central keeps the UK-grid value (conservative); the low end is the French-grid assumption.',
  },
  carrier: {
    mode: 'carrier',
    labelFr: 'Transporteur ou colis',
    labelEn: 'Carrier or parcel',
    basis: 'tonne_km',
    kgCo2e: { low: TRUCK_FR_PER_TKM, central: VAN_DIESEL_PER_TKM, high: VAN_DIESEL_PER_TKM * 1.2 },
    source:
      'DESNZ/DEFRA 2025 van diesel per tonne-km 0.6313 + WTT 0.15095; low: ADEME Base Impacts truck France 0.269575 /t.km',
    assumption: false,
    note: 'Parcels travel by van on the last mile: the van per tonne-km value is the central one.',
  },
  shared_tour: {
    mode: 'shared_tour',
    labelFr: 'Tournée partagée',
    labelEn: 'Shared tour',
    basis: 'vehicle_km',
    kgCo2e: { low: VAN_DIESEL_PER_KM * 0.8, central: VAN_DIESEL_PER_KM, high: VAN_DIESEL_PER_KM * 1.2 },
    source: 'van_diesel (DESNZ/DEFRA 2025) for the whole tour, allocated by mass across the lots it carries',
    assumption: false,
    note: 'The tour distance is the whole loop; every lot of the tour shares it.',
  },
};

/**
 * What is charged when nothing was recorded at handover: a diesel van driven there and back for
 * this lot alone. Conservative on purpose (it is the highest per-lot charge of the common modes)
 * and always labelled as a default.
 */
export const DEFAULT_TRAVEL = Object.freeze({ mode: 'van_diesel' as TravelMode, roundTrip: true });

export const tripLotSchema = z.object({
  tradeId: z.string().min(1),
  massKg: z.number().nonnegative(),
  sellerSiteId: z.string().min(1),
  buyerSiteId: z.string().min(1),
});
export type TripLot = z.infer<typeof tripLotSchema>;

/** A trip as recorded at handover (or by a pickup tour): one vehicle, one distance, its lots. */
export const tripSchema = z.object({
  mode: z.string().min(1),
  /** The distance driven: one way between two sites, or the whole loop of a tour. */
  distanceKm: z.number().finite().nonnegative(),
  /** Count the return leg (`vehicle_km` modes only). */
  roundTrip: z.boolean(),
  /** The sites the trip stops at; each lot's seller and buyer must be among them. */
  stopSiteIds: z.array(z.string().min(1)).min(1),
  lots: z.array(tripLotSchema).min(1),
});
export type TripInput = z.input<typeof tripSchema>;

export interface TripLotEmissions {
  tradeId: string;
  massKg: number;
  /** Share of the trip's vehicle-km charged to this lot (by mass); 1 for a lot alone. */
  share: number;
  kgCo2e: Range;
}

export interface TripEmissions {
  mode: TravelMode;
  basis: TravelBasis;
  /** vehicle-km (legs included) or total tonne-km, 0 for `none`. */
  activity: number;
  total: Range;
  lots: TripLotEmissions[];
  /** True when the assumption behind a value is Retaille's, not a source's. */
  assumption: boolean;
}

const isTravelMode = (m: string): m is TravelMode => (travelModes as readonly string[]).includes(m);

/**
 * Validates a trip; throws DomainError VALIDATION `impact.invalidTrip` naming every bad field:
 * `distanceKm` (negative or not finite), `mode` (no factor for it), `lots.N.tradeId` (a lot whose
 * seller or buyer is not a stop of the trip, or a trade twice), `lots` (a shared tour with one lot
 * is allowed, a trip with no lot is not).
 */
export function validateTrip(
  raw: TripInput,
  factors = TRAVEL_MODE_FACTORS,
): z.output<typeof tripSchema> & {
  mode: TravelMode;
} {
  const fields: FieldProblem[] = [];
  const parsed = tripSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      fields.push({
        path,
        key: path === 'distanceKm' ? 'impact.tripNegativeDistance' : 'impact.invalidInput',
      });
    }
    throw new DomainError('VALIDATION', 'impact.invalidTrip', { fields });
  }
  const trip = parsed.data;
  if (!isTravelMode(trip.mode) || factors[trip.mode] === undefined) {
    fields.push({ path: 'mode', key: 'impact.tripModeWithoutFactor', params: { mode: trip.mode } });
  }
  const stops = new Set(trip.stopSiteIds);
  const seen = new Set<string>();
  trip.lots.forEach((lot, i) => {
    if (seen.has(lot.tradeId)) {
      fields.push({
        path: `lots.${i}.tradeId`,
        key: 'impact.tripDuplicateTrade',
        params: { tradeId: lot.tradeId },
      });
    }
    seen.add(lot.tradeId);
    if (!stops.has(lot.sellerSiteId) || !stops.has(lot.buyerSiteId)) {
      fields.push({
        path: `lots.${i}.tradeId`,
        key: 'impact.tripPartiesMismatch',
        params: { tradeId: lot.tradeId },
      });
    }
  });
  if (fields.length > 0) throw new DomainError('VALIDATION', 'impact.invalidTrip', { fields });
  return { ...trip, mode: trip.mode as TravelMode };
}

/**
 * A trip's emissions and their allocation (docs/impact-method.md §4):
 *   vehicle_km: activity = distanceKm × (roundTrip ? 2 : 1); total = activity × factor;
 *               lot i gets total × massKg_i / Σ massKg (equal shares when every mass is 0).
 *   tonne_km:   lot i gets massKg_i / 1000 × distanceKm × factor (never doubled: the factor
 *               already spreads empty running); total = Σ lots. Allocation is by mass by construction.
 *   none:       0.
 * The shares sum to 1 and the lots' emissions sum to the total, for every bound of the range.
 */
export function computeTripEmissions(raw: TripInput, factors = TRAVEL_MODE_FACTORS): TripEmissions {
  const trip = validateTrip(raw, factors);
  const factor = factors[trip.mode];
  const totalMass = trip.lots.reduce((s, l) => s + l.massKg, 0);
  const shareOf = (massKg: number) => (totalMass > 0 ? massKg / totalMass : 1 / trip.lots.length);
  if (factor.basis === 'tonne_km') {
    const lots = trip.lots.map((l) => ({
      tradeId: l.tradeId,
      massKg: l.massKg,
      share: shareOf(l.massKg),
      kgCo2e: scaleRange(factor.kgCo2e, (l.massKg / 1000) * trip.distanceKm),
    }));
    return {
      mode: trip.mode,
      basis: factor.basis,
      activity: (totalMass / 1000) * trip.distanceKm,
      total: lots.reduce((s, l) => addRanges(s, l.kgCo2e), zeroRange),
      lots,
      assumption: factor.assumption,
    };
  }
  const activity = factor.basis === 'none' ? 0 : trip.distanceKm * (trip.roundTrip ? 2 : 1);
  const total = scaleRange(factor.kgCo2e, activity);
  return {
    mode: trip.mode,
    basis: factor.basis,
    activity,
    total,
    lots: trip.lots.map((l) => {
      const share = shareOf(l.massKg);
      return { tradeId: l.tradeId, massKg: l.massKg, share, kgCo2e: scaleRange(total, share) };
    }),
    assumption: factor.assumption,
  };
}

/** The emissions charged to one lot travelling alone: the default when nothing was recorded. */
export function soloTravelEmissions(args: {
  mode?: TravelMode;
  roundTrip?: boolean;
  distanceKm: number;
  massKg: number;
}): Range {
  const mode = args.mode ?? DEFAULT_TRAVEL.mode;
  const roundTrip = args.roundTrip ?? DEFAULT_TRAVEL.roundTrip;
  const trip = computeTripEmissions({
    mode,
    roundTrip,
    distanceKm: args.distanceKm,
    stopSiteIds: ['seller', 'buyer'],
    lots: [{ tradeId: 'lot', massKg: args.massKg, sellerSiteId: 'seller', buyerSiteId: 'buyer' }],
  });
  return trip.total;
}
