import { EMBEDDED_FACTOR_SET } from '../impact/embedded-factors.ts';
import type { FactorSet } from '../impact/factor-registry.ts';
import { pairBreakEven } from '../impact/method.ts';
import { computeTransportEmissions, type TransportOptions } from '../impact/transport.ts';
import { DomainError } from '../shared/errors.ts';

/** How the lot's material answers the request's; computed by the caller from the taxonomy. */
export type MaterialFit = 'exact' | 'substitute' | 'same_family' | 'none';

/** Piece dimensions in millimetres; null or absent = unknown (lot) or no constraint (request). */
export interface PieceDimensions {
  lengthMm?: number | null;
  widthMm?: number | null;
  thicknessMm?: number | null;
}

export interface ProposalInput {
  distanceKm: number;
  radiusKm: number;
  materialFit: MaterialFit;
  /** Quantities in one unit (kg, m², pieces…), normalised by the caller. */
  availableQty: number;
  requestedMin?: number | null;
  requestedMax: number;
  pieceDims?: PieceDimensions | null;
  minDims?: PieceDimensions | null;
  /** Per unit of quantity; null or 0 = free. */
  unitPriceCents: number | null;
  /** Total budget for the quantity served; null = no budget. */
  budgetCents: number | null;
  /** The request excludes lots above its budget instead of only ranking them lower. */
  budgetStrict?: boolean;
  publishedAt: Date;
  now: Date;
  /** Mass of `availableQty`; the mass moved is prorated to the quantity served. */
  massKg: number;
  /**
   * How the lot would travel. Defaults as in impact accounting (`computeTransportEmissions`):
   * diesel van, dedicated round trip, with upstream fuel.
   */
  transport?: TransportOptions;
  /**
   * The lot's material (taxonomy key): when given, the result carries the pair's estimated net
   * CO2e with the default travel (impact method v1, `pairBreakEven`).
   */
  materialKey?: string;
}

export type ExclusionReason =
  | 'none_available'
  | 'material_mismatch'
  | 'beyond_radius'
  | 'dimensions_too_small'
  | 'over_budget';

export type ExplanationKey =
  | 'match.excluded.noneAvailable'
  | 'match.excluded.materialMismatch'
  | 'match.excluded.beyondRadius'
  | 'match.excluded.dimensionsTooSmall'
  | 'match.excluded.overBudget'
  | 'match.distance'
  | 'match.material.exact'
  | 'match.material.substitute'
  | 'match.material.sameFamily'
  | 'match.quantity'
  | 'match.quantity.belowMinimum'
  | 'match.dimensions.ok'
  | 'match.dimensions.unknown'
  | 'match.price.free'
  | 'match.price.amount'
  | 'match.price.withinBudget'
  | 'match.price.overBudget'
  | 'match.freshness'
  | 'match.transport';

/** Structured so the UI can translate and format it ("à 12 km, chêne exact, 80 % …"). */
export interface ExplanationPart {
  key: ExplanationKey;
  params?: Record<string, number>;
}

export interface ScoreParts {
  distance: number;
  material: number;
  quantity: number;
  dimensions: number;
  price: number;
  freshness: number;
}

export interface ScoreResult {
  /** 0..100, one decimal; 0 when excluded. */
  score: number;
  excluded?: ExclusionReason;
  /** Each part in 0..1, before weighting. */
  parts: ScoreParts;
  transportCo2eKg: number;
  /** Avoided − transport (central, default travel) for the quantity served; with `materialKey` only. */
  estimatedNetCo2eKg?: number;
  explanation: ExplanationPart[];
}

/**
 * Points out of 100. Distance weighs most because short trips are the point of the product;
 * material fit next, since a substitute is a real compromise for the designer; freshness least,
 * as an old lot that is still available is as good as a new one.
 */
export const SCORE_WEIGHTS: Readonly<ScoreParts> = {
  distance: 35,
  material: 25,
  quantity: 15,
  dimensions: 10,
  price: 10,
  freshness: 5,
};

export const MATERIAL_FIT_SCORES: Readonly<Record<MaterialFit, number>> = {
  exact: 1,
  substitute: 0.7,
  same_family: 0.4,
  none: 0,
};

/** The freshness part halves every 30 days since publication. */
export const FRESHNESS_HALF_LIFE_DAYS = 30;
/** Served below the requested minimum: the quantity part is multiplied by this. */
export const BELOW_MINIMUM_FACTOR = 0.5;
/** Dimensions not given on the lot while the request sets a minimum: neither fit nor excluded. */
export const UNKNOWN_DIMENSIONS_PART = 0.5;
/** A priced lot when the request states no budget. */
export const PRICE_WITHOUT_BUDGET_PART = 0.5;

const DAY_MS = 86_400_000;

const round1 = (x: number) => Math.round(x * 10) / 10;

const materialKey = {
  exact: 'match.material.exact',
  substitute: 'match.material.substitute',
  same_family: 'match.material.sameFamily',
} as const;

const exclusionKey: Record<ExclusionReason, ExplanationKey> = {
  none_available: 'match.excluded.noneAvailable',
  material_mismatch: 'match.excluded.materialMismatch',
  beyond_radius: 'match.excluded.beyondRadius',
  dimensions_too_small: 'match.excluded.dimensionsTooSmall',
  over_budget: 'match.excluded.overBudget',
};

export type DimensionFit = 'any' | 'ok' | 'unknown' | 'too_small';

const positive = (x: number | null | undefined): number => (x != null && x > 0 ? x : 0);

/** Three-valued: null = cannot tell, because the lot does not give that dimension. */
type Maybe = boolean | null;
const atLeast = (x: number | null | undefined, min: number): Maybe =>
  min === 0 ? true : x == null ? null : x >= min;
const and = (a: Maybe, b: Maybe): Maybe =>
  a === false || b === false ? false : a === null || b === null ? null : true;
const or = (a: Maybe, b: Maybe): Maybe =>
  a === true || b === true ? true : a === null || b === null ? null : false;

/**
 * Length and width may be swapped (a piece can be turned); thickness cannot. A dimension the lot
 * does not give never excludes it: the fit is then `unknown`.
 */
export function dimensionFit(
  piece: PieceDimensions | null | undefined,
  min: PieceDimensions | null | undefined,
): DimensionFit {
  const minL = positive(min?.lengthMm);
  const minW = positive(min?.widthMm);
  const minT = positive(min?.thicknessMm);
  if (minL === 0 && minW === 0 && minT === 0) return 'any';
  const l = piece?.lengthMm;
  const w = piece?.widthMm;
  const flat = or(and(atLeast(l, minL), atLeast(w, minW)), and(atLeast(w, minL), atLeast(l, minW)));
  const fit = and(flat, atLeast(piece?.thicknessMm, minT));
  return fit === null ? 'unknown' : fit ? 'ok' : 'too_small';
}

function minDimsParams(min: PieceDimensions | null | undefined): Record<string, number> {
  const params: Record<string, number> = {};
  if (positive(min?.lengthMm) > 0) params.minLengthMm = positive(min?.lengthMm);
  if (positive(min?.widthMm) > 0) params.minWidthMm = positive(min?.widthMm);
  if (positive(min?.thicknessMm) > 0) params.minThicknessMm = positive(min?.thicknessMm);
  return params;
}

/**
 * Scores one lot for one request. Pure: `now` is passed in. Transport emissions use the factors
 * of `factorSet` (default: the embedded first version), so a score and a trade's impact agree.
 */
export function scoreProposal(input: ProposalInput, factorSet: FactorSet = EMBEDDED_FACTOR_SET): ScoreResult {
  const { distanceKm, radiusKm, materialFit, availableQty, requestedMax, unitPriceCents, budgetCents } =
    input;
  if (
    !Number.isFinite(distanceKm) ||
    distanceKm < 0 ||
    !Number.isFinite(radiusKm) ||
    radiusKm < 0 ||
    !Number.isFinite(requestedMax) ||
    requestedMax <= 0 ||
    !Number.isFinite(availableQty) ||
    !Number.isFinite(input.massKg) ||
    input.massKg < 0
  ) {
    throw new DomainError('VALIDATION', 'match.invalidInput', {
      distanceKm,
      radiusKm,
      requestedMax,
      availableQty,
      massKg: input.massKg,
    });
  }

  const explanation: ExplanationPart[] = [];
  const exclusions: ExclusionReason[] = [];

  // Distance: linear from 1 on site to 0 at the edge of the radius.
  if (distanceKm > radiusKm) exclusions.push('beyond_radius');
  const distance = radiusKm > 0 ? Math.max(0, 1 - distanceKm / radiusKm) : 1;
  explanation.push({ key: 'match.distance', params: { km: round1(distanceKm) } });

  const material = MATERIAL_FIT_SCORES[materialFit];
  if (materialFit === 'none') exclusions.push('material_mismatch');
  else explanation.push({ key: materialKey[materialFit] });

  const available = Math.max(0, availableQty);
  if (available === 0) exclusions.push('none_available');
  const served = Math.min(available, requestedMax);
  const share = served / requestedMax;
  const requestedMin = positive(input.requestedMin);
  const belowMinimum = requestedMin > 0 && served < requestedMin;
  const quantity = belowMinimum ? share * BELOW_MINIMUM_FACTOR : share;
  explanation.push({ key: 'match.quantity', params: { percent: Math.round(share * 100) } });
  if (belowMinimum) explanation.push({ key: 'match.quantity.belowMinimum', params: { requestedMin } });

  const fit = dimensionFit(input.pieceDims, input.minDims);
  const dimensions = fit === 'ok' || fit === 'any' ? 1 : fit === 'unknown' ? UNKNOWN_DIMENSIONS_PART : 0;
  if (fit === 'too_small') exclusions.push('dimensions_too_small');
  if (fit === 'ok') explanation.push({ key: 'match.dimensions.ok', params: minDimsParams(input.minDims) });
  if (fit === 'unknown') {
    explanation.push({ key: 'match.dimensions.unknown', params: minDimsParams(input.minDims) });
  }

  // Price: free is best; within budget from 1 (almost free) down to 0.5 (the whole budget).
  let price: number;
  const totalCents = unitPriceCents && unitPriceCents > 0 ? Math.round(unitPriceCents * served) : 0;
  if (totalCents === 0) {
    price = 1;
    explanation.push({ key: 'match.price.free' });
  } else if (budgetCents === null) {
    price = PRICE_WITHOUT_BUDGET_PART;
    explanation.push({ key: 'match.price.amount', params: { totalCents } });
  } else if (totalCents <= budgetCents) {
    price = 1 - (0.5 * totalCents) / budgetCents;
    explanation.push({ key: 'match.price.withinBudget', params: { totalCents, budgetCents } });
  } else {
    price = 0;
    if (input.budgetStrict) exclusions.push('over_budget');
    explanation.push({ key: 'match.price.overBudget', params: { totalCents, budgetCents } });
  }

  const ageDays = Math.max(0, (input.now.getTime() - input.publishedAt.getTime()) / DAY_MS);
  const freshness = 0.5 ** (ageDays / FRESHNESS_HALF_LIFE_DAYS);
  explanation.push({ key: 'match.freshness', params: { days: Math.floor(ageDays) } });

  const movedKg = available > 0 ? input.massKg * (served / available) : 0;
  const co2e = computeTransportEmissions({
    ...input.transport,
    distanceKm,
    massKg: movedKg,
    factorSet,
  }).totalKgCo2e;
  explanation.push({ key: 'match.transport', params: { co2eKg: round1(co2e) } });
  const net =
    input.materialKey === undefined
      ? {}
      : {
          estimatedNetCo2eKg: pairBreakEven(
            { materialKey: input.materialKey, massKg: movedKg, distanceKm },
            factorSet,
          ).netKgCo2e.central,
        };

  const parts: ScoreParts = { distance, material, quantity, dimensions, price, freshness };
  const order: ExclusionReason[] = [
    'none_available',
    'material_mismatch',
    'beyond_radius',
    'dimensions_too_small',
    'over_budget',
  ];
  const excluded = order.find((r) => exclusions.includes(r));
  if (excluded) {
    return {
      score: 0,
      excluded,
      parts,
      transportCo2eKg: co2e,
      ...net,
      explanation: [{ key: exclusionKey[excluded] }, ...explanation],
    };
  }
  let total = 0;
  for (const k of Object.keys(SCORE_WEIGHTS) as (keyof ScoreParts)[]) total += SCORE_WEIGHTS[k] * parts[k];
  return { score: round1(total), parts, transportCo2eKg: co2e, ...net, explanation };
}

export interface LotCandidate {
  id: string;
  distanceKm: number;
  materialFit: MaterialFit;
  availableQty: number;
  pieceDims?: PieceDimensions | null;
  unitPriceCents: number | null;
  publishedAt: Date;
  massKg: number;
  /** The lot's material: the proposal then shows its estimated net CO2e (default travel). */
  materialKey?: string;
}

export interface RequestCriteria {
  radiusKm: number;
  requestedMin?: number | null;
  requestedMax: number;
  minDims?: PieceDimensions | null;
  budgetCents: number | null;
  budgetStrict?: boolean;
  transport?: TransportOptions;
}

export interface RankedProposal extends ScoreResult {
  id: string;
  distanceKm: number;
}

const byIdThen = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The compatible lots for a request, best first: score descending, then nearest, then id so the
 * order is the same on every run. Excluded lots are left out. `factorSet` as in `scoreProposal`.
 */
export function rankProposals(
  candidates: LotCandidate[],
  request: RequestCriteria,
  now: Date,
  factorSet: FactorSet = EMBEDDED_FACTOR_SET,
): RankedProposal[] {
  const ranked: RankedProposal[] = [];
  for (const c of candidates) {
    const r = scoreProposal(
      {
        distanceKm: c.distanceKm,
        radiusKm: request.radiusKm,
        materialFit: c.materialFit,
        availableQty: c.availableQty,
        requestedMin: request.requestedMin ?? null,
        requestedMax: request.requestedMax,
        pieceDims: c.pieceDims ?? null,
        minDims: request.minDims ?? null,
        unitPriceCents: c.unitPriceCents,
        budgetCents: request.budgetCents,
        budgetStrict: request.budgetStrict ?? false,
        publishedAt: c.publishedAt,
        now,
        massKg: c.massKg,
        transport: request.transport,
        ...(c.materialKey === undefined ? {} : { materialKey: c.materialKey }),
      },
      factorSet,
    );
    if (!r.excluded) ranked.push({ id: c.id, distanceKm: c.distanceKm, ...r });
  }
  return ranked.sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm || byIdThen(a.id, b.id));
}
