/**
 * The lot's contract, declared once: what a lot form sends (`lotInputSchema`, also the service's
 * input type), what the API returns (`lotSchema`, the service's DTO type) and the search. The web
 * form, the tRPC procedures and the service all use these (docs/decisions/013).
 */
import { z } from 'zod';
import { INSEE_CODE } from '../geo/codes.ts';
import { FRANCE_BOUNDS } from '../geo/distance.ts';
import { materialFamilyKeys, materialKeys } from '../materials/taxonomy.ts';
import { unitKeys } from '../materials/units.ts';
import { calendarDateSchema, degreesSchema, safeText } from '../shared/input-schemas.ts';
import { sectorKeys } from '../sites/sectors.ts';
import { lotConditions, lotStatuses, MAX_RADIUS_KM, recurringPeriods } from './lot-rules.ts';

/**
 * A positive measure between `min` and `max`. `min` is the column's precision (numeric(14, 3) for
 * quantities and kg, 0.1 mm for lengths…): a smaller positive value would be stored as 0 and
 * break the table's `> 0` check (a 500), so it is refused here.
 */
export const positiveMeasure = (max: number, min = 0.001) =>
  z
    .number({ error: 'measure.notANumber' })
    .positive({ error: 'measure.zero' })
    .min(min, { error: 'measure.tooSmall' })
    .max(max, { error: 'measure.tooLarge' });

export const lotMaterialKeySchema = z.enum(materialKeys, { error: 'lot.materialUnknown' });
export const lotUnitSchema = z.enum(unitKeys, { error: 'lot.unitUnknown' });
export const lotConditionSchema = z.enum(lotConditions, { error: 'lot.conditionUnknown' });

export const lotDimensionsInput = z.object({
  lengthMm: positiveMeasure(20_000, 0.1).nullable().optional(),
  widthMm: positiveMeasure(10_000, 0.1).nullable().optional(),
  thicknessMm: positiveMeasure(1_000, 0.01).nullable().optional(),
  rollLengthM: positiveMeasure(10_000, 0.01).nullable().optional(),
});

export const lotInputSchema = z
  .object({
    siteId: z.uuid({ error: 'field.uuid' }),
    title: safeText().trim().min(3, { error: 'lot.title.required' }).max(120, { error: 'field.tooLong' }),
    description: safeText({ multiline: true }).trim().max(4000, { error: 'field.tooLong' }).default(''),
    materialKey: lotMaterialKeySchema,
    composition: z
      .array(z.object({ fibre: lotMaterialKeySchema, percent: z.number().min(0).max(100) }))
      .max(10)
      .nullable()
      .optional(),
    condition: lotConditionSchema,
    unit: lotUnitSchema,
    quantity: positiveMeasure(1_000_000),
    dimensions: lotDimensionsInput.default({}),
    measuredKg: positiveMeasure(1_000_000_000).nullable().optional(),
    free: z.boolean(),
    /** Price per unit in cents of EUR; must be absent for a free lot. */
    priceCents: z
      .number()
      .int({ error: 'lot.price.cents' })
      .positive({ error: 'lot.price.positive' })
      .max(100_000_000)
      .nullable()
      .optional(),
    availableFrom: calendarDateSchema.nullable().optional(),
    availableUntil: calendarDateSchema.nullable().optional(),
    recurring: z
      .object({ quantity: positiveMeasure(1_000_000), period: z.enum(recurringPeriods) })
      .nullable()
      .optional(),
    ewcCode: safeText().trim().max(20, { error: 'field.tooLong' }).nullable().optional(),
    photoIds: z.array(z.uuid()).max(8, { error: 'lot.photos.tooMany' }).default([]),
    publish: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.free && v.priceCents != null)
      ctx.addIssue({ code: 'custom', path: ['priceCents'], message: 'lot.price.onFreeLot' });
    if (!v.free && v.priceCents == null)
      ctx.addIssue({ code: 'custom', path: ['priceCents'], message: 'lot.price.required' });
  })
  .transform(({ free, priceCents, ...rest }) => ({
    ...rest,
    priceCents: free ? null : (priceCents ?? null),
  }));
/** What the lot form holds (before defaults and the free/price transform). */
export type LotFormValues = z.input<typeof lotInputSchema>;
/** A validated lot as the service takes it. */
export type LotInput = z.output<typeof lotInputSchema>;

export const photoSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
});

export const lotSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  siteCommuneName: z.string(),
  siteDepartementCode: z.string(),
  siteSectors: z.array(z.string()),
  title: z.string(),
  description: z.string(),
  materialKey: z.string(),
  familyKey: z.string(),
  composition: z.array(z.object({ fibre: z.string(), percent: z.number() })).nullable(),
  condition: lotConditionSchema,
  unit: lotUnitSchema,
  quantity: z.number(),
  available: z.number(),
  reserved: z.number(),
  dimensions: z.object({
    lengthMm: z.number().nullable(),
    widthMm: z.number().nullable(),
    thicknessMm: z.number().nullable(),
    rollLengthM: z.number().nullable(),
  }),
  massKg: z.number().nullable(),
  massEstimated: z.boolean(),
  massMethod: z.string(),
  priceCents: z.number().nullable(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  recurring: z.object({ quantity: z.number(), period: z.enum(recurringPeriods) }).nullable(),
  ewcCode: z.string().nullable(),
  status: z.enum(lotStatuses),
  lat: z.number(),
  lon: z.number(),
  locationRounded: z.boolean(),
  distanceKm: z.number().nullable(),
  photos: z.array(photoSchema),
  isDemo: z.boolean(),
  canEdit: z.boolean(),
  /** Priced, but its site cannot receive payments yet: « paiement en attente d'activation », not requestable. */
  paymentPending: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A lot as the API returns it (`lots.get`, searches, a site's lots). */
export type LotDto = z.output<typeof lotSchema>;
export type PhotoDto = z.output<typeof photoSchema>;

/** A list card's photo: the cover's thumbnail. */
export const coverPhotoSchema = z.object({ thumbUrl: z.string(), width: z.number(), height: z.number() });

/**
 * A lot in a list of results (`lots.search`): what its card and map pin show, nothing more. The
 * description, composition, mass, dates, recurrence and full-size photos are on the lot's page
 * (`lots.get`); a page of twenty cards weighs about half as much on a phone.
 */
export const lotListItemSchema = lotSchema
  .pick({
    id: true,
    siteId: true,
    siteName: true,
    siteCommuneName: true,
    title: true,
    materialKey: true,
    familyKey: true,
    condition: true,
    unit: true,
    available: true,
    dimensions: true,
    priceCents: true,
    paymentPending: true,
    lat: true,
    lon: true,
    locationRounded: true,
    distanceKm: true,
    isDemo: true,
  })
  .extend({ cover: coverPhotoSchema.nullable() });
export type LotListItemDto = z.output<typeof lotListItemSchema>;

export const searchPointSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('point'),
    lat: degreesSchema(FRANCE_BOUNDS.minLat, FRANCE_BOUNDS.maxLat, 'search.pointOutside'),
    lon: degreesSchema(FRANCE_BOUNDS.minLon, FRANCE_BOUNDS.maxLon, 'search.pointOutside'),
  }),
  z.object({ kind: z.literal('site'), siteId: z.uuid({ error: 'field.uuid' }) }),
  z.object({ kind: z.literal('home') }),
  z.object({
    kind: z.literal('commune'),
    insee: safeText().regex(INSEE_CODE, { error: 'profile.communeUnknown' }),
  }),
]);

export const searchLotsInput = z.object({
  point: searchPointSchema.optional(),
  radiusKm: z
    .number()
    .min(0.1, { error: 'search.radiusRange' })
    .max(MAX_RADIUS_KM, { error: 'search.radiusRange' })
    .optional(),
  q: safeText().trim().max(200, { error: 'field.tooLong' }).optional(),
  familyKey: z.enum(materialFamilyKeys).optional(),
  materialKey: lotMaterialKeySchema.optional(),
  withSubstitutes: z.boolean().optional(),
  sector: z.enum(sectorKeys).optional(),
  condition: lotConditionSchema.optional(),
  freeOnly: z.boolean().optional(),
  maxPriceCents: z.number().int().min(0).max(100_000_000).optional(),
  minLengthMm: z.number().min(0).max(20_000).optional(),
  minWidthMm: z.number().min(0).max(10_000).optional(),
  minThicknessMm: z.number().min(0).max(1_000).optional(),
  minQuantity: z.number().min(0).max(1_000_000).optional(),
  siteId: z.uuid().optional(),
  sort: z.enum(['distance', 'newest']).default('distance'),
  /** Opaque keyset cursor from `nextCursor` (base64url); its content is checked by the service. */
  cursor: safeText()
    .max(200, { error: 'search.badCursor' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'search.badCursor' })
    .optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type SearchLotsInput = z.input<typeof searchLotsInput>;
export type LotSearchInput = z.output<typeof searchLotsInput>;

export const searchLotsOutput = z.object({
  items: z.array(lotListItemSchema),
  nextCursor: z.string().nullable(),
  center: z.object({ lat: z.number(), lon: z.number() }).nullable(),
});

export type SearchPoint = z.output<typeof searchPointSchema>;
export type LotSearchResult = z.output<typeof searchLotsOutput>;

export const lotIdInput = z.object({ id: z.uuid({ error: 'field.uuid' }) });
