import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import type { FactorSet } from './factor-registry.ts';
import { recomputeTradeImpact, storedTradeImpactInputSchema } from './impact.ts';
import { assessTrade, IMPACT_METHOD_VERSION, type MethodTradeImpact } from './method.ts';
import { tonneKm } from './transport.ts';
import { computeTripEmissions, DEFAULT_TRAVEL, type Range, type TravelMode, travelModes } from './travel.ts';
import { ELECTRIC_VAN_VEHICLE_KEY } from './vehicles.ts';

/**
 * What an impact record stores so that its figures replay exactly under the method version it
 * cites (docs/impact-method.md §10). Two versions exist:
 *
 * - `impact-method-0`, the first transport model: avoided = mass × (virgin − reuse), transport = a
 *   registry vehicle's round trip, no substitution ratio, no range (`computeTradeImpact`). Its
 *   input is `StoredTradeImpactInput`. Records written before method 1 carry it, and their figures
 *   are kept in `impact_record_revision` when they are recomputed, so a report printed then can
 *   still be reproduced.
 * - `impact-method-1.0` (`IMPACT_METHOD_VERSION`): ratios, proxies, ranges and transport as
 *   travelled; its input is `MethodRecordInput` below, the trip included.
 */
export const LEGACY_METHOD_VERSION = 'impact-method-0';
export const STORED_METHOD_VERSIONS = [LEGACY_METHOD_VERSION, IMPACT_METHOD_VERSION] as const;

const kg = z.number().finite().nonnegative();

/**
 * How the lot travelled, as charged: the trip with every lot it carried (mass shares), or a lot
 * alone. `isDefault`: nothing was recorded and `DEFAULT_TRAVEL` was charged.
 */
export const recordTravelSchema = z.object({
  mode: z.enum(travelModes),
  roundTrip: z.boolean(),
  /** The trip's distance: the parties' distance for a lot alone, the whole loop of a tour. */
  distanceKm: kg,
  isDefault: z.boolean(),
  /** The recorded trip, or null when the trade travelled alone without a trip row. */
  tripId: z.string().min(1).nullable(),
  /** Every lot of the trip at the time of the figures (this trade included). */
  lots: z
    .array(z.object({ tradeId: z.string().min(1), massKg: kg }))
    .min(1)
    .max(1000),
});
export type RecordTravel = z.infer<typeof recordTravelSchema>;

export const methodRecordInputSchema = z
  .object({
    tradeId: z.string().min(1),
    factorVersion: z.string().min(1),
    materialKey: z.string().min(1),
    massKg: kg,
    massMeasured: z.boolean(),
    /** Between the parties (great circle), the basis of tonne-km and of the default trip. */
    distanceKm: kg,
    travel: recordTravelSchema,
  })
  .refine((i) => i.travel.lots.some((l) => l.tradeId === i.tradeId), {
    path: ['travel', 'lots'],
    message: 'the trade is not among the lots of its trip',
  });
export type MethodRecordInput = z.infer<typeof methodRecordInputSchema>;

/** The figures a record stores, whatever its method version (method 0 has no range: low = high). */
export interface RecordFigures {
  methodVersion: string;
  factorVersion: string;
  avoidedKgCo2e: Range;
  transportKgCo2e: Range;
  netKgCo2e: Range;
  tonneKm: number;
  /** No factor and no proxy for the material: it counts 0 avoided. */
  factorMissing: boolean;
}

const point = (v: number): Range => ({ low: v, central: v, high: v });

/** A lot travelling alone with the default travel (nothing recorded at handover). */
export function defaultRecordTravel(tradeId: string, massKg: number, distanceKm: number): RecordTravel {
  return {
    mode: DEFAULT_TRAVEL.mode,
    roundTrip: DEFAULT_TRAVEL.roundTrip,
    distanceKm,
    isDefault: true,
    tripId: null,
    lots: [{ tradeId, massKg }],
  };
}

/**
 * The travel mode a method-0 record's registry vehicle stands for under method 1: a carrier's
 * tonne-km, an electric van, else a diesel van (the conservative default; lorries were never
 * offered at handover).
 */
export function travelModeOfLegacyVehicle(vehicleKey: string, transportMode: string): TravelMode {
  if (transportMode === 'tonne_km') return 'carrier';
  if (vehicleKey === ELECTRIC_VAN_VEHICLE_KEY) return 'van_electric';
  return 'van_diesel';
}

/**
 * One record under method 1: the trip's emissions allocated by mass (`computeTripEmissions`), this
 * trade's share charged, then `assessTrade`. Throws DomainError VALIDATION on a malformed input.
 */
export function assessRecordInput(
  raw: unknown,
  factorSet: FactorSet,
): MethodTradeImpact & { input: MethodRecordInput } {
  const parsed = methodRecordInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'impact.invalidInput', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: 'impact.invalidInput' })),
    });
  }
  const input = parsed.data;
  const t = input.travel;
  const trip = computeTripEmissions({
    mode: t.mode,
    distanceKm: t.distanceKm,
    roundTrip: t.roundTrip,
    stopSiteIds: ['stop'],
    lots: t.lots.map((l) => ({ ...l, sellerSiteId: 'stop', buyerSiteId: 'stop' })),
  });
  const own = trip.lots.find((l) => l.tradeId === input.tradeId)!;
  const impact = assessTrade(
    {
      tradeId: input.tradeId,
      materialKey: input.materialKey,
      massKg: input.massKg,
      transportKgCo2e: own.kgCo2e,
      travelMode: t.mode,
      travelIsDefault: t.isDefault,
    },
    factorSet,
  );
  return { ...impact, input };
}

/**
 * Replays a stored record's figures with the method version and the factor version it cites,
 * never newer ones. Throws NOT_FOUND `impact.methodVersionNotFound` for a version this code does
 * not know and `impact.factorVersionNotFound` for a factor set that is not given.
 */
export function replayImpactRecord(
  stored: { methodVersion: string; input: unknown },
  factorSets: readonly FactorSet[],
): RecordFigures {
  if (stored.methodVersion === LEGACY_METHOD_VERSION) {
    const parsed = storedTradeImpactInputSchema.safeParse(stored.input);
    if (!parsed.success) throw new DomainError('VALIDATION', 'impact.invalidInput');
    const r = recomputeTradeImpact(parsed.data, factorSets);
    return {
      methodVersion: LEGACY_METHOD_VERSION,
      factorVersion: r.factorVersion,
      avoidedKgCo2e: point(r.avoidedKgCo2e),
      transportKgCo2e: point(r.transportKgCo2e),
      netKgCo2e: point(r.netKgCo2e),
      tonneKm: r.tonneKm,
      factorMissing: r.factorMissing,
    };
  }
  if (stored.methodVersion === IMPACT_METHOD_VERSION) {
    const factorVersion = (stored.input as { factorVersion?: unknown } | null)?.factorVersion;
    const factorSet = factorSets.find((s) => s.version === factorVersion);
    if (factorSet === undefined) {
      throw new DomainError('NOT_FOUND', 'impact.factorVersionNotFound', {
        factorVersion: String(factorVersion),
      });
    }
    const a = assessRecordInput(stored.input, factorSet);
    return {
      methodVersion: IMPACT_METHOD_VERSION,
      factorVersion: factorSet.version,
      avoidedKgCo2e: a.avoidedKgCo2e,
      transportKgCo2e: a.transportKgCo2e,
      netKgCo2e: a.netKgCo2e,
      tonneKm: tonneKm(a.input.massKg, a.input.distanceKm),
      factorMissing: a.coverage === 'none',
    };
  }
  throw new DomainError('NOT_FOUND', 'impact.methodVersionNotFound', { methodVersion: stored.methodVersion });
}
