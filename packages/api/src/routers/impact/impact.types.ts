import { DEPARTEMENT_CODE, materialFamilyKeys, monthSchema, safeText } from '@retaille/domain';
import { z } from 'zod';
import { sectorSchema, territoryTypeSchema } from '../sites/site.types.ts';

/** Dashboard and export filters: whole Paris months, inclusive (see docs/decisions/007). */
export const impactFiltersInput = z
  .object({
    from: monthSchema,
    to: monthSchema,
    departement: safeText().regex(DEPARTEMENT_CODE, { error: 'field.required' }).optional(),
    region: safeText()
      .regex(/^\d{2}$/, { error: 'field.required' })
      .optional(),
    sector: sectorSchema.optional(),
    materialFamily: z.enum(materialFamilyKeys).optional(),
    territoryType: territoryTypeSchema.optional(),
    /** A site's members get that site's own dashboard; coordinators and admins filter on it. */
    siteId: z.uuid({ error: 'field.uuid' }).optional(),
  })
  .refine((f) => f.from <= f.to, { path: ['to'], error: 'impact.periodReversed' });
export type ImpactFiltersInput = z.input<typeof impactFiltersInput>;

const rangeSchema = z.object({ low: z.number(), central: z.number(), high: z.number() });

export const impactTotalsSchema = z.object({
  trades: z.number(),
  massKg: z.number(),
  measuredMassKg: z.number(),
  avoidedKgCo2e: z.number(),
  transportKgCo2e: z.number(),
  netKgCo2e: z.number(),
  tonneKm: z.number(),
  distanceKm: z.number(),
  tradesWithin30Km: z.number(),
  tradesWithin80Km: z.number(),
  shareWithin30Km: z.number().nullable(),
  shareWithin80Km: z.number().nullable(),
  averageDistanceKm: z.number().nullable(),
  tradesWithMissingFactor: z.number(),
  factorVersions: z.array(z.string()),
  /** Central figures with their low/high range (docs/impact-method.md §5). */
  netRangeKgCo2e: rangeSchema,
  tradesDefaultTravel: z.number(),
  tradesProxy: z.number(),
  /** The impact method versions of the figures; the web cites them and links the method. */
  methodVersions: z.array(z.string()),
});
export type ImpactTotalsDto = z.infer<typeof impactTotalsSchema>;

const groupSchema = z.object({ key: z.string(), label: z.string().nullable(), totals: impactTotalsSchema });
const point = z.object({ lat: z.number(), lon: z.number() });

export const impactDashboardOutput = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('network') }),
    z.object({
      kind: z.literal('territory'),
      departements: z.array(z.string()),
      regions: z.array(z.string()),
    }),
    z.object({ kind: z.literal('site'), siteId: z.string() }),
  ]),
  totals: impactTotalsSchema,
  breakdowns: z.object({
    materialFamily: z.array(groupSchema),
    sector: z.array(groupSchema),
    site: z.array(groupSchema),
    departement: z.array(groupSchema),
    region: z.array(groupSchema),
    territoryType: z.array(groupSchema),
    month: z.array(groupSchema),
  }),
  topFlows: z.array(
    z.object({
      originSiteId: z.string(),
      originName: z.string(),
      origin: point,
      destinationKey: z.string(),
      destinationSiteId: z.string().nullable(),
      destinationLabel: z.string(),
      destination: point.nullable(),
      trades: z.number(),
      massKg: z.number(),
      tonneKm: z.number(),
      netKgCo2e: z.number(),
    }),
  ),
  /** A site's dashboard: what it received (bought), apart from `totals` (what it gave). */
  received: impactTotalsSchema.nullable(),
});
export type ImpactDashboard = z.infer<typeof impactDashboardOutput>;

const methodSummarySchema = z.object({
  methodVersion: z.string(),
  trades: z.number(),
  massKg: z.number(),
  avoidedKgCo2e: rangeSchema,
  transportKgCo2e: rangeSchema,
  netKgCo2e: rangeSchema,
  coverage: z.array(
    z.object({
      materialKey: z.string(),
      coverage: z.enum(['factor', 'proxy', 'none']),
      trades: z.number(),
      massKg: z.number(),
    }),
  ),
  sensitivity: z.array(
    z.object({ parameter: z.string(), netAtLow: z.number(), netAtHigh: z.number(), swing: z.number() }),
  ),
  defaultTravelTrades: z.number(),
});

/** Impact method figures (docs/impact-method.md): ranges, coverage, sensitivity, given/received. */
export const impactMethodOutput = z.object({
  methodVersion: z.string(),
  factorVersion: z.string(),
  scope: impactDashboardOutput.shape.scope,
  given: methodSummarySchema,
  received: methodSummarySchema.nullable(),
});
export type ImpactMethod = z.infer<typeof impactMethodOutput>;

export const factorSetSummarySchema = z.object({
  version: z.string(),
  status: z.enum(['active', 'superseded']),
  createdAt: z.string(),
  activatedAt: z.string(),
  importedBy: z.string().nullable(),
  materialFactors: z.number(),
  transportFactors: z.number(),
});
export type FactorSetSummaryDto = z.infer<typeof factorSetSummarySchema>;

const factorCommon = {
  key: z.string(),
  labelFr: z.string(),
  labelEn: z.string(),
  source: z.string(),
  year: z.number(),
  yearApproximate: z.boolean(),
  note: z.string(),
};
const materialFactorSchema = z.object({
  ...factorCommon,
  virginKgCo2ePerKg: z.number(),
  reuseKgCo2ePerKg: z.number().nullable(),
});
const transportFactorSchema = z.object({
  ...factorCommon,
  kgCo2ePerVehicleKm: z.number().nullable(),
  kgCo2ePerTonneKm: z.number().nullable(),
  wttPerVehicleKm: z.number().nullable(),
  wttPerTonneKm: z.number().nullable(),
});
export const factorSetSchema = z.object({
  version: z.string(),
  status: z.enum(['active', 'superseded']),
  createdAt: z.string(),
  materialFactors: z.array(materialFactorSchema),
  transportFactors: z.array(transportFactorSchema),
});
export type FactorSetDto = z.infer<typeof factorSetSchema>;

export const factorVersionInput = z.object({
  version: safeText().min(1, { error: 'field.required' }).max(64, { error: 'field.tooLong' }),
});

const CSV_MAX = 512 * 1024;
export const factorImportInput = z
  .object({
    version: safeText().regex(/^[a-z0-9][a-z0-9.-]{2,63}$/, { error: 'field.required' }),
    materialsCsv: safeText({ multiline: true }).max(CSV_MAX, { error: 'field.tooLong' }).optional(),
    transportCsv: safeText({ multiline: true }).max(CSV_MAX, { error: 'field.tooLong' }).optional(),
  })
  .refine((i) => i.materialsCsv !== undefined || i.transportCsv !== undefined, {
    path: ['materialsCsv'],
    error: 'field.required',
  });
export const confirmFactorImportInput = z.object({
  version: safeText().regex(/^[a-z0-9][a-z0-9.-]{2,63}$/, { error: 'field.required' }),
  materialsCsv: safeText({ multiline: true }).max(CSV_MAX, { error: 'field.tooLong' }).optional(),
  transportCsv: safeText({ multiline: true }).max(CSV_MAX, { error: 'field.tooLong' }).optional(),
  reviewToken: safeText().regex(/^[0-9a-f]{64}$/, { error: 'field.required' }),
});

const issueSchema = z.object({
  file: z.enum(['materials', 'transport']).nullable(),
  line: z.number().nullable(),
  key: z.string().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
const keyedDiff = <T extends z.ZodType>(item: T) =>
  z.object({
    added: z.array(item),
    removed: z.array(item),
    changed: z.array(
      z.object({
        key: z.string(),
        changes: z.array(
          z.object({
            field: z.string(),
            from: z.union([z.string(), z.number(), z.boolean(), z.null()]),
            to: z.union([z.string(), z.number(), z.boolean(), z.null()]),
          }),
        ),
      }),
    ),
  });
export const factorImportPreviewOutput = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    version: z.string(),
    previousVersion: z.string(),
    diff: z
      .object({
        fromVersion: z.string(),
        toVersion: z.string(),
        materials: keyedDiff(materialFactorSchema),
        transport: keyedDiff(transportFactorSchema),
      })
      .nullable(),
    warnings: z.array(issueSchema),
    reviewToken: z.string(),
  }),
  z.object({ ok: z.literal(false), problems: z.array(issueSchema), warnings: z.array(issueSchema) }),
]);
export type FactorImportPreviewDto = z.infer<typeof factorImportPreviewOutput>;
