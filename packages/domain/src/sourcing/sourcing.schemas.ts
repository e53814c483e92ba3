/**
 * The sourcing procedures' contract, declared once (docs/decisions/013): a bill of materials to
 * plan (`planSourcingInput` → `sourcingPlanSchema`), the basket « Tout demander » creates
 * (`createBasketInput` → `basketSchema`), and the basket list.
 */
import { z } from 'zod';
import { lotUnitSchema, positiveMeasure, searchPointSchema } from '../lots/lot.schemas.ts';
import { requestInputSchema } from '../lots/request.schemas.ts';
import { safeText } from '../shared/input-schemas.ts';

/** Lines of one bill of materials the API plans at most (typed or imported). */
export const SOURCING_MAX_LINES = 50;
/** Characters of an imported CSV at most (50 lines with every column fit in a few kB). */
export const SOURCING_MAX_CSV_CHARS = 20_000;
/** Lots one basket requests at most (a few lots per line). */
export const BASKET_MAX_PICKS = 200;
export const SOURCING_MAX_RADIUS_KM = 200;

const lineIdSchema = safeText()
  .trim()
  .min(1, { error: 'field.required' })
  .max(100, { error: 'field.tooLong' });

/** A BOM line as the form sends it; the material is checked against the taxonomy by `parseBom`. */
export const bomLineApiSchema = z.object({
  id: lineIdSchema,
  material: safeText().trim().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' }),
  substitutes: z.array(safeText().trim().min(1).max(100)).max(10).default([]),
  quantity: positiveMeasure(1_000_000),
  unit: lotUnitSchema,
  minLengthMm: positiveMeasure(20_000, 0.1).optional(),
  minWidthMm: positiveMeasure(10_000, 0.1).optional(),
  minThicknessMm: positiveMeasure(1_000, 0.01).optional(),
});

export const planSourcingInput = z
  .object({
    lines: z.array(bomLineApiSchema).max(SOURCING_MAX_LINES, { error: 'sourcing.tooManyLines' }).optional(),
    /** A CSV export instead of lines (see `bomLinesFromCsv`). */
    csv: safeText({ multiline: true }).max(SOURCING_MAX_CSV_CHARS, { error: 'field.tooLong' }).optional(),
    /** Where the designer collects from (home or one of their sites). */
    point: searchPointSchema,
    radiusKm: z
      .number({ error: 'search.radiusRange' })
      .min(1, { error: 'search.radiusRange' })
      .max(SOURCING_MAX_RADIUS_KM, { error: 'search.radiusRange' })
      .default(50),
    /** What a km driven costs the designer, cents (fuel, wear, time). */
    centsPerKm: z.number().int().min(0).max(1_000).default(35),
    /** What stopping at one more seller costs, cents. */
    centsPerSeller: z.number().int().min(0).max(100_000).default(1_500),
  })
  .superRefine((v, ctx) => {
    const given = (v.lines?.length ?? 0) > 0 ? 1 : 0;
    const csv = v.csv !== undefined && v.csv.trim() !== '' ? 1 : 0;
    if (given + csv !== 1) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'sourcing.emptyBom' });
  });
export type PlanSourcingInput = z.input<typeof planSourcingInput>;
export type PlanSourcingRequest = z.output<typeof planSourcingInput>;

const pointSchema = z.object({ lat: z.number(), lon: z.number() });

export const sourcingPickSchema = z.object({
  lineId: z.string(),
  lotId: z.uuid(),
  lotTitle: z.string(),
  sellerSiteId: z.uuid(),
  quantity: z.number(),
  unit: lotUnitSchema,
  unitPriceCents: z.number().int(),
  goodsCents: z.number().int(),
});

export const sourcingSellerSchema = z.object({
  siteId: z.uuid(),
  name: z.string(),
  communeName: z.string(),
  point: pointSchema,
  distanceKm: z.number(),
  tripCents: z.number().int(),
});

export const sourcingUncoveredSchema = z.object({
  lineId: z.string(),
  reason: z.enum(['sourcing.noCandidate', 'sourcing.notEnoughQuantity']),
  shortfall: z.number(),
  /** The wanted request to post for the shortfall (« publier une demande »), as `requests.create` takes it. */
  request: requestInputSchema,
});

export const sourcingTourSchema = z.object({
  start: pointSchema,
  /** The sellers in pickup order, with the km of the leg that reaches each. */
  stops: z.array(z.object({ siteId: z.uuid(), point: pointSchema, legKm: z.number() })),
  km: z.number(),
  separateKm: z.number(),
  co2eKg: z.number(),
  separateCo2eKg: z.number(),
  optimal: z.boolean(),
});

export const sourcingPlanSchema = z.object({
  status: z.enum(['optimal', 'feasible', 'no_solution']),
  lineIds: z.array(z.string()),
  picks: z.array(sourcingPickSchema),
  sellers: z.array(sourcingSellerSchema),
  uncovered: z.array(sourcingUncoveredSchema),
  coveredLines: z.number().int(),
  goodsCents: z.number().int(),
  tripCents: z.number().int(),
  totalCents: z.number().int(),
  /** Percent; 0 when proven optimal, null without a bound. */
  gapPct: z.number().nullable(),
  solveMs: z.number(),
  timeLimitS: z.number(),
  candidateLots: z.number().int(),
  tour: sourcingTourSchema.nullable(),
});
export type SourcingPlanDto = z.output<typeof sourcingPlanSchema>;

export const createBasketInput = z.object({
  /** The client's idempotency key: the same key twice is one basket. */
  key: z.uuid({ error: 'field.uuid' }),
  title: safeText().trim().min(1, { error: 'field.required' }).max(120, { error: 'field.tooLong' }),
  buyerSiteId: z.uuid({ error: 'field.uuid' }).nullable().optional(),
  picks: z
    .array(
      z.object({
        lineId: lineIdSchema,
        lotId: z.uuid({ error: 'field.uuid' }),
        quantity: positiveMeasure(1_000_000),
      }),
    )
    .min(1, { error: 'basket.empty' })
    .max(BASKET_MAX_PICKS, { error: 'basket.tooManyPicks' }),
});
export type CreateBasketInput = z.input<typeof createBasketInput>;

export const basketTradeSchema = z.object({
  tradeId: z.uuid(),
  /** The BOM lines the lot serves (comma separated when one lot serves several). */
  lineId: z.string(),
  state: z.string(),
  quantity: z.number(),
  unit: z.string(),
  totalCents: z.number().int(),
  lotId: z.uuid(),
  lotTitle: z.string(),
  sellerSiteId: z.uuid(),
  sellerName: z.string(),
  sellerCommune: z.string(),
});

export const basketSchema = z.object({
  id: z.uuid(),
  key: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  totalCents: z.number().int(),
  trades: z.array(basketTradeSchema),
});
export type BasketDto = z.output<typeof basketSchema>;

export const basketSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  tradeCount: z.number().int(),
  totalCents: z.number().int(),
});
export type BasketSummaryDto = z.output<typeof basketSummarySchema>;

export const getBasketInput = z.object({ id: z.uuid({ error: 'field.uuid' }) });
export const listBasketsOutput = z.array(basketSummarySchema);
