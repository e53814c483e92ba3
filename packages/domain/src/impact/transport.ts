import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import { type FactorSet, findTransportFactor, type TransportFactor } from './factor-registry.ts';
import { DEFAULT_VEHICLE_KEY } from './vehicles.ts';

/**
 * Transport emissions of one pickup: the single model used by impact accounting
 * (`computeTradeImpact`) and by matching (`scoreProposal`). The factors come from the versioned
 * registry (`FactorSet`, first version from data/transport-factors.csv); nothing else holds a
 * copy of them.
 */

/**
 * `dedicated_trip`: a vehicle makes the trip for this lot alone, so the whole vehicle-km is the
 * lot's whatever its mass (a designer driving to a workshop). `tonne_km`: the lot shares a
 * vehicle (a carrier's round, a consolidated delivery), so it is charged its mass × distance at
 * the source's average load factor.
 */
export const transportModes = ['dedicated_trip', 'tonne_km'] as const;
export type TransportMode = (typeof transportModes)[number];

/**
 * A trade's pickup is usually a trip made for that lot alone, so the whole vehicle-km is the
 * trade's. The tonne-km factor assumes the source's average UK load factor (a van shared by many
 * loads) and would charge 10 kg over 7 km only 0.04 kg CO2e direct, hiding the cost of a dedicated trip.
 */
export const DEFAULT_TRANSPORT_MODE: TransportMode = 'dedicated_trip';

/**
 * Upstream fuel (well-to-tank) is counted by default: producing the fuel is part of the trip's
 * footprint, DEFRA publishes it beside the direct factor (transport-factors.csv notes), and
 * leaving it out would flatter the net result.
 */
export const DEFAULT_INCLUDE_UPSTREAM = true;

/**
 * A dedicated pickup is counted there and back by default: the buyer drives to the seller and
 * returns. Set false when the vehicle carries on elsewhere and only the outbound leg is the lot's.
 */
export const DEFAULT_ROUND_TRIP = true;

/** The assumptions about how a lot travels; every field has a default (see above). */
export const transportOptionsSchema = z.object({
  vehicleKey: z.string().min(1).default(DEFAULT_VEHICLE_KEY),
  transportMode: z.enum(transportModes).default(DEFAULT_TRANSPORT_MODE),
  includeUpstream: z.boolean().default(DEFAULT_INCLUDE_UPSTREAM),
  /** `dedicated_trip` only: count the return leg. Ignored by `tonne_km`. */
  roundTrip: z.boolean().default(DEFAULT_ROUND_TRIP),
});
/** What callers pass (defaults may be omitted). */
export type TransportOptions = z.input<typeof transportOptionsSchema>;

export const transportEmissionsInputSchema = z.object({
  /** One-way road distance between the seller's and the buyer's sites. */
  distanceKm: z.number().nonnegative(),
  /** Mass carried; only `tonne_km` uses it. */
  massKg: z.number().nonnegative(),
  ...transportOptionsSchema.shape,
});
export type TransportEmissionsInput = z.input<typeof transportEmissionsInputSchema>;

export interface TransportEmissions {
  /** The activity the factor multiplies: vehicle-km (`dedicated_trip`) or tonne-km (`tonne_km`). */
  activity: { unit: 'vehicle_km' | 'tonne_km'; amount: number };
  directKgCo2e: number;
  /** 0 when upstream is excluded, or when the vehicle has no WTT value (`upstreamFactorMissing`). */
  upstreamKgCo2e: number;
  totalKgCo2e: number;
  /** Upstream was asked for but the factor gives none: it counts 0 and callers flag it. */
  upstreamFactorMissing: boolean;
  /** The factor applied, with its source and year. */
  factor: TransportFactor;
}

/** Tonne-km of goods moved: mass × one-way distance (goods do not come back). */
export function tonneKm(massKg: number, distanceKm: number): number {
  return (massKg / 1000) * distanceKm;
}

/**
 * The transport emissions of one lot's pickup, with the factors of `factorSet`.
 *
 *   dedicated_trip: vehicle-km = distanceKm × (roundTrip ? 2 : 1)
 *                   direct = vehicle-km × kgCo2ePerVehicleKm, upstream = vehicle-km × wttPerVehicleKm
 *   tonne_km:       tonne-km = massKg / 1000 × distanceKm, never doubled (`roundTrip` is ignored:
 *                   the per-tonne-km factor already spreads empty running over the loaded km)
 *                   direct = tonne-km × kgCo2ePerTonneKm, upstream = tonne-km × wttPerTonneKm
 *   total = direct + (includeUpstream ? upstream : 0)
 *
 * `distanceKm` is always the one-way road distance between the two sites. Defaults: diesel van
 * (`van_diesel_avg_defra`), `dedicated_trip`, `roundTrip` true (the buyer drives to the seller
 * and back), `includeUpstream` true.
 *
 * Worked example (the product brief): a van 7 km away, one way (`roundTrip: false`), is 7
 * vehicle-km: 7 × 0.25561 = 1.79 kg CO2e direct, 7 × (0.25561 + 0.06128) = 2.22 kg with upstream.
 * The default round trip makes it 14 vehicle-km: 4.44 kg, well above the 2.31 kg that 10 kg of
 * reused wood avoid.
 *
 * A vehicle without a WTT value counts 0 upstream and sets `upstreamFactorMissing`.
 * Throws DomainError VALIDATION `impact.invalidInput` (negative or non-finite numbers),
 * `impact.unknownVehicle` (not in the factor set) or `impact.vehicleFactorMissing` (no factor for
 * the mode: counting 0 transport would flatter the net).
 */
export function computeTransportEmissions(
  request: TransportEmissionsInput & { factorSet: FactorSet },
): TransportEmissions {
  const { factorSet, ...raw } = request;
  const parsed = transportEmissionsInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'impact.invalidInput', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: 'impact.invalidInput' })),
    });
  }
  const input = parsed.data;
  const factor = findTransportFactor(factorSet, input.vehicleKey);
  if (factor === undefined) {
    throw new DomainError('VALIDATION', 'impact.unknownVehicle', {
      vehicleKey: input.vehicleKey,
      factorVersion: factorSet.version,
    });
  }

  const dedicated = input.transportMode === 'dedicated_trip';
  const perUnit = dedicated ? factor.kgCo2ePerVehicleKm : factor.kgCo2ePerTonneKm;
  const wttPerUnit = dedicated ? factor.wttPerVehicleKm : factor.wttPerTonneKm;
  if (perUnit === null) {
    throw new DomainError('VALIDATION', 'impact.vehicleFactorMissing', {
      vehicleKey: factor.key,
      mode: input.transportMode,
    });
  }
  const activity = dedicated
    ? { unit: 'vehicle_km' as const, amount: input.distanceKm * (input.roundTrip ? 2 : 1) }
    : { unit: 'tonne_km' as const, amount: tonneKm(input.massKg, input.distanceKm) };

  const directKgCo2e = activity.amount * perUnit;
  const upstreamFactorMissing = input.includeUpstream && wttPerUnit === null;
  const upstreamKgCo2e = input.includeUpstream && wttPerUnit !== null ? activity.amount * wttPerUnit : 0;
  return {
    activity,
    directKgCo2e,
    upstreamKgCo2e,
    totalKgCo2e: directKgCo2e + upstreamKgCo2e,
    upstreamFactorMissing,
    factor,
  };
}
