import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import {
  type FactorSet,
  findMaterialFactor,
  type MaterialFactor,
  type TransportFactor,
} from './factor-registry.ts';
import {
  computeTransportEmissions,
  type TransportMode,
  tonneKm,
  transportOptionsSchema,
} from './transport.ts';

/**
 * What a service stores with a trade to recompute its impact. `distanceKm` is the one-way road
 * distance between the two sites; the transport options (`vehicleKey`, `transportMode`,
 * `includeUpstream`, `roundTrip`) say how it becomes vehicle-km or tonne-km (see
 * `computeTransportEmissions`).
 */
export const tradeImpactInputSchema = z.object({
  massKg: z.number().nonnegative(),
  /** Weighed at handover; otherwise estimated from the density table. */
  massMeasured: z.boolean(),
  /** Key of a material factor; null when the material has none. */
  materialFactorKey: z.string().min(1).nullable(),
  distanceKm: z.number().nonnegative(),
  ...transportOptionsSchema.shape,
});
/** What callers pass (defaults may be omitted). */
export type TradeImpactInput = z.input<typeof tradeImpactInputSchema>;

/**
 * A stored input names its factor version and every transport option. `roundTrip` has no default
 * here: a record without it predates the round-trip default and cannot be recomputed safely.
 */
export const storedTradeImpactInputSchema = tradeImpactInputSchema.extend({
  roundTrip: z.boolean(),
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

/**
 * The impact of one completed trade.
 * avoided = mass × (virgin − reuse): the DEFRA "re-used" factor is read as the emissions of the
 * reuse route (data/README.md). When no reuse factor is published, reuse counts 0 — the same as
 * assuming preparation is negligible for an offcut handed over as is — and the result is flagged,
 * because this overstates the benefit by the share DEFRA gives the route (wood: 0.0385 of 0.2695).
 * A material without a factor counts 0 avoided and is flagged "facteur manquant"; transport is
 * still subtracted, so its net is zero or negative.
 * Transport follows `computeTransportEmissions`: by default a dedicated diesel-van round trip
 * (2 × distanceKm vehicle-km) with upstream fuel.
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

  const transport = computeTransportEmissions({ ...input, factorSet });
  const vehicle = transport.factor;
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

  if (transport.upstreamFactorMissing) flags.push('upstream_factor_missing');

  return {
    input,
    massKg,
    massSource: input.massMeasured ? 'measured' : 'estimated',
    factorKey: material?.key ?? null,
    factorMissing: material === undefined,
    virginKgCo2ePerKg: material?.virginKgCo2ePerKg ?? null,
    reuseKgCo2ePerKg: material?.reuseKgCo2ePerKg ?? null,
    avoidedKgCo2e,
    transportDirectKgCo2e: transport.directKgCo2e,
    transportUpstreamKgCo2e: transport.upstreamKgCo2e,
    transportKgCo2e: transport.totalKgCo2e,
    netKgCo2e: avoidedKgCo2e - transport.totalKgCo2e,
    tonneKm: tonneKm(massKg, distanceKm),
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
