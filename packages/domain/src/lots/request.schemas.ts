/**
 * The wanted request's contract, declared once: what the form sends (`requestInputSchema`), what
 * the API returns (`requestSchema`, the service's DTO type) (docs/decisions/013).
 */
import { z } from 'zod';
import { calendarDateSchema, safeText } from '../shared/input-schemas.ts';
import { lotMaterialKeySchema, lotUnitSchema, positiveMeasure, searchPointSchema } from './lot.schemas.ts';
import { MAX_RADIUS_KM, requestStatuses } from './lot-rules.ts';

export const requestInputSchema = z
  .object({
    title: safeText().trim().min(3, { error: 'lot.title.required' }).max(120, { error: 'field.tooLong' }),
    description: safeText({ multiline: true }).trim().max(4000, { error: 'field.tooLong' }).default(''),
    materialKeys: z.array(lotMaterialKeySchema).min(1, { error: 'request.materials.min' }).max(20),
    acceptSubstitutes: z.boolean().default(true),
    unit: lotUnitSchema,
    quantityMin: positiveMeasure(1_000_000),
    quantityMax: positiveMeasure(1_000_000),
    minLengthMm: positiveMeasure(20_000, 0.1).nullable().optional(),
    minWidthMm: positiveMeasure(10_000, 0.1).nullable().optional(),
    minThicknessMm: positiveMeasure(1_000, 0.01).nullable().optional(),
    maxDistanceKm: z
      .number({ error: 'search.radiusRange' })
      .min(0.1, { error: 'search.radiusRange' })
      .max(MAX_RADIUS_KM, { error: 'search.radiusRange' }),
    point: searchPointSchema,
    siteId: z.uuid().nullable().optional(),
    neededBy: calendarDateSchema.nullable().optional(),
    budgetCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
  })
  .refine((v) => v.quantityMax >= v.quantityMin, { path: ['quantityMax'], message: 'request.rangeReversed' });
/**
 * A wanted request as the service takes it: the validated input, except that the service checks
 * the material keys against the taxonomy itself (seeds and jobs call it without the API).
 */
export type WantedRequestInput = Omit<z.output<typeof requestInputSchema>, 'materialKeys'> & {
  materialKeys: string[];
};

export const requestSchema = z.object({
  id: z.string(),
  requesterName: z.string().nullable(),
  siteId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  materialKeys: z.array(z.string()),
  acceptSubstitutes: z.boolean(),
  unit: lotUnitSchema,
  quantityMin: z.number(),
  quantityMax: z.number(),
  minLengthMm: z.number().nullable(),
  minWidthMm: z.number().nullable(),
  minThicknessMm: z.number().nullable(),
  maxDistanceKm: z.number(),
  lat: z.number(),
  lon: z.number(),
  neededBy: z.string().nullable(),
  budgetCents: z.number().nullable(),
  status: z.enum(requestStatuses),
  distanceKm: z.number().nullable(),
  isMine: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});

/** A wanted request as the API returns it. */
export type WantedRequestDto = z.output<typeof requestSchema>;

export const listOpenRequestsInput = z.object({
  point: searchPointSchema.optional(),
  radiusKm: z
    .number()
    .min(0.1, { error: 'search.radiusRange' })
    .max(MAX_RADIUS_KM, { error: 'search.radiusRange' })
    .optional(),
  /** The previous page's `nextCursor` (opaque base64url; its content is checked by the service). */
  cursor: safeText()
    .max(200, { error: 'search.badCursor' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'search.badCursor' })
    .optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const closeRequestInput = z.object({
  id: z.uuid(),
  status: z.enum(['closed', 'fulfilled']).default('closed'),
});
