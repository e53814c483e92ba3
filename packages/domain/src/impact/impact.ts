import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import {
  type FactorSet,
  findMaterialFactor,
  findTransportFactor,
  type MaterialFactor,
  type TransportFactor,
} from './factor-registry.ts';

export const transportModes = ['dedicated_trip', 'tonne_km'] as const;
export type TransportMode = (typeof transportModes)[number];

/** Pickups are mostly made in a small van (transport-factors.csv: van_diesel_avg_defra). */
export const DEFAULT_VEHICLE_KEY = 'van_diesel_avg_defra';

/**
 * A trade's pickup is usually a trip made for that lot alone, so the whole vehicle-km is the
 * trade's. The tonne-km factor assumes the source's average UK load factor (a van shared by many
 * loads) and would charge 10 kg over 7 km only 0.04 kg CO2e, hiding the cost of a dedicated trip.
 * `tonne_km` fits consolidated deliveries (a network-wide round, a carrier).
 */
export const DEFAULT_TRANSPORT_MODE: TransportMode = 'dedicated_trip';

/**
 * Upstream fuel (well-to-tank) is counted by default: producing the fuel is part of the trip's
 * footprint, DEFRA publishes it beside the direct factor (transport-factors.csv notes), and
 * leaving it out would flatter the net result.
 */
export const DEFAULT_INCLUDE_UPSTREAM = true;

/**
 * What a service stores with a trade to recompute its impact. `distanceKm` is counted as given:
 * the service decides whether it is the one-way road distance or the round trip.
 */
export const tradeImpactInputSchema = z.object({
  massKg: z.number().nonnegative(),
  /** Weighed at handover; otherwise estimated from the density table. */
  massMeasured: z.boolean(),
  /** Key of a material factor; null when the material has none. */
  materialFactorKey: z.string().min(1).nullable(),
  distanceKm: z.number().nonnegative(),
  vehicleKey: z.string().min(1).default(DEFAULT_VEHICLE_KEY),
  transportMode: z.enum(transportModes).default(DEFAULT_TRANSPORT_MODE),
  includeUpstream: z.boolean().default(DEFAULT_INCLUDE_UPSTREAM),
});
/** What callers pass (defaults may be omitted). */
export type TradeImpactInput = z.input<typeof tradeImpactInputSchema>;

export const storedTradeImpactInputSchema = tradeImpactInputSchema.extend({
  factorVersion: z.string().min(1),
});
/** The resolved input, echoed in every result: store it verbatim to recompute later. */
export type StoredTradeImpactInput = z.output<typeof storedTradeImpactInputSchema>;

export const impactFlags = [
  'material_factor_missing',
  'reuse_factor_assumed_zero',
  'upstream_factor_missing',
] as const;
export type ImpactFlag = (typeof impactFlags)[number];

export const impactFlagLabels: Record<ImpactFlag, { fr: string; en: string }> = {
  material_factor_missing: { fr: 'facteur manquant', en: 'missing factor' },
  reuse_factor_assumed_zero: {
    fr: 'facteur de réemploi inconnu, compté 0',
    en: 'reuse factor unknown, counted as 0',
  },
  upstream_factor_missing: {
    fr: 'amont du carburant non disponible pour ce véhicule',
    en: 'upstream fuel factor unavailable for this vehicle',
  },
};

export interface TradeImpact {
  input: StoredTradeImpactInput;
  massKg: number;
  massSource: 'measured' | 'estimated';
  /** Key of the material factor applied; null when missing. */
  factorKey: string | null;
  factorMissing: boolean;
  virginKgCo2ePerKg: number | null;
  /** As published; null when unknown (then 0 is used and `reuse_factor_assumed_zero` is flagged). */
  reuseKgCo2ePerKg: number | null;
  avoidedKgCo2e: number;
  transportDirectKgCo2e: number;
  transportUpstreamKgCo2e: number;
  transportKgCo2e: number;
  netKgCo2e: number;
  tonneKm: number;
  factorVersion: string;
  vehicleKey: string;
  transportMode: TransportMode;
  flags: ImpactFlag[];
  /** One line per factor used: `key: source (year)`. */
  sources: string[];
}

const sourceLine = (f: MaterialFactor | TransportFactor) =>
  `${f.key}: ${f.source} (${f.yearApproximate ? '~' : ''}${f.year})`;

function transportFor(
  vehicle: TransportFactor,
  mode: TransportMode,
  distanceKm: number,
  tonneKm: number,
): { direct: number; upstream: number | null } {
  switch (mode) {
    case 'dedicated_trip': {
      if (vehicle.kgCo2ePerVehicleKm === null) {
        throw new DomainError('VALIDATION', 'impact.vehicleFactorMissing', { vehicleKey: vehicle.key, mode });
      }
      const wtt = vehicle.wttPerVehicleKm;
      return {
        direct: vehicle.kgCo2ePerVehicleKm * distanceKm,
        upstream: wtt === null ? null : wtt * distanceKm,
      };
    }
    case 'tonne_km': {
      if (vehicle.kgCo2ePerTonneKm === null) {
        throw new DomainError('VALIDATION', 'impact.vehicleFactorMissing', { vehicleKey: vehicle.key, mode });
      }
      const wtt = vehicle.wttPerTonneKm;
      return { direct: vehicle.kgCo2ePerTonneKm * tonneKm, upstream: wtt === null ? null : wtt * tonneKm };
    }
  }
}

/**
 * The impact of one completed trade.
 * avoided = mass × (virgin − reuse): the DEFRA "re-used" factor is read as the emissions of the
 * reuse route (data/README.md). When no reuse factor is published, reuse counts 0 — the same as
 * assuming preparation is negligible for an offcut handed over as is — and the result is flagged,
 * because this overstates the benefit by the share DEFRA gives the route (wood: 0.0385 of 0.2695).
 * A material without a factor counts 0 avoided and is flagged "facteur manquant"; transport is
 * still subtracted, so its net is zero or negative.
 * Throws DomainError VALIDATION for invalid inputs, an unknown vehicle, or a vehicle without a
 * factor for the chosen mode (counting 0 transport would flatter the net).
 */
export function computeTradeImpact(request: TradeImpactInput & { factorSet: FactorSet }): TradeImpact {
  const { factorSet, ...raw } = request;
  const parsed = tradeImpactInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'impact.invalidInput', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: 'impact.invalidInput' })),
    });
  }
  const input: StoredTradeImpactInput = { ...parsed.data, factorVersion: factorSet.version };
  const { massKg, distanceKm } = input;

  const vehicle = findTransportFactor(factorSet, input.vehicleKey);
  if (vehicle === undefined) {
    throw new DomainError('VALIDATION', 'impact.unknownVehicle', {
      vehicleKey: input.vehicleKey,
      factorVersion: factorSet.version,
    });
  }
  const material =
    input.materialFactorKey === null ? undefined : findMaterialFactor(factorSet, input.materialFactorKey);

  const flags: ImpactFlag[] = [];
  let avoidedKgCo2e = 0;
  if (material === undefined) {
    flags.push('material_factor_missing');
  } else {
    if (material.reuseKgCo2ePerKg === null) flags.push('reuse_factor_assumed_zero');
    avoidedKgCo2e = massKg * (material.virginKgCo2ePerKg - (material.reuseKgCo2ePerKg ?? 0));
  }

  const tonneKm = (massKg / 1000) * distanceKm;
  const transport = transportFor(vehicle, input.transportMode, distanceKm, tonneKm);
  let transportUpstreamKgCo2e = 0;
  if (input.includeUpstream) {
    if (transport.upstream === null) flags.push('upstream_factor_missing');
    else transportUpstreamKgCo2e = transport.upstream;
  }
  const transportKgCo2e = transport.direct + transportUpstreamKgCo2e;

  return {
    input,
    massKg,
    massSource: input.massMeasured ? 'measured' : 'estimated',
    factorKey: material?.key ?? null,
    factorMissing: material === undefined,
    virginKgCo2ePerKg: material?.virginKgCo2ePerKg ?? null,
    reuseKgCo2ePerKg: material?.reuseKgCo2ePerKg ?? null,
    avoidedKgCo2e,
    transportDirectKgCo2e: transport.direct,
    transportUpstreamKgCo2e,
    transportKgCo2e,
    netKgCo2e: avoidedKgCo2e - transportKgCo2e,
    tonneKm,
    factorVersion: factorSet.version,
    vehicleKey: vehicle.key,
    transportMode: input.transportMode,
    flags,
    sources: material === undefined ? [sourceLine(vehicle)] : [sourceLine(material), sourceLine(vehicle)],
  };
}

/** Recomputes a stored impact with the factor version it was computed with, never a newer one. */
export function recomputeTradeImpact(
  stored: StoredTradeImpactInput,
  factorSets: readonly FactorSet[],
): TradeImpact {
  const factorSet = factorSets.find((s) => s.version === stored.factorVersion);
  if (factorSet === undefined) {
    throw new DomainError('NOT_FOUND', 'impact.factorVersionNotFound', {
      factorVersion: stored.factorVersion,
    });
  }
  const { factorVersion: _version, ...input } = stored;
  return computeTradeImpact({ ...input, factorSet });
}
