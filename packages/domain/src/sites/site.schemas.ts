/**
 * The site's contract, declared once: what the site form sends (`siteInputSchema`), what the API
 * returns (`siteSchema`, the service's DTO type) and the directory's query (docs/decisions/013).
 */
import { z } from 'zod';
import { DEPARTEMENT_CODE, INSEE_CODE } from '../geo/codes.ts';
import {
  degreesSchema,
  hasForbiddenCharacters,
  safeText,
  TEXT_CONTROL_KEY,
} from '../shared/input-schemas.ts';
import { openingHoursSchema } from './opening-hours.ts';
import { sectorKeys } from './sectors.ts';
import { territoryTypes } from './territory.ts';

const text = (max: number, requiredKey = 'field.required') =>
  safeText({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(max, { error: 'field.tooLong' });

/** An optional contact field: '' and null mean none; control characters are refused first. */
const optionalText = <T extends z.ZodType<string, string>>(schema: T) =>
  safeText()
    .nullable()
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v))
    .pipe(schema.nullable());

export const sectorSchema = z.enum(sectorKeys, { error: 'site.sectors.unknown' });
export const territoryTypeSchema = z.enum(territoryTypes, { error: 'site.territoryType.invalid' });

/** What a user fills in to create or edit a site (same schema in the form and the API). */
export const siteInputSchema = z
  .object({
    name: text(120, 'site.name.required'),
    description: safeText({ multiline: true }).trim().max(2000, { error: 'field.tooLong' }).default(''),
    address: text(200, 'site.address.required'),
    postalCode: safeText({ error: 'site.postalCode.format' })
      .trim()
      .regex(/^\d{5}$/, { error: 'site.postalCode.format' }),
    communeInsee: safeText().regex(INSEE_CODE, { error: 'field.required' }).optional(),
    lat: degreesSchema(-90, 90, 'site.lat.range').optional(),
    lon: degreesSchema(-180, 180, 'site.lon.range').optional(),
    sectors: z.array(sectorSchema).min(1, { error: 'site.sectors.min' }).max(18),
    territoryType: territoryTypeSchema,
    contactEmail: optionalText(
      z
        .email({ error: 'field.email' })
        .max(200, { error: 'field.tooLong' })
        .refine((v) => !hasForbiddenCharacters(v), { error: TEXT_CONTROL_KEY }),
    ),
    contactPhone: optionalText(
      safeText()
        .trim()
        .regex(/^\+?[0-9 .()-]{6,20}$/, { error: 'field.phone' }),
    ),
    // URL parsing percent-encodes a NUL in the path but zod returns the input as typed: check it.
    website: optionalText(
      safeText()
        .max(300, { error: 'field.tooLong' })
        .pipe(z.url({ protocol: /^https?$/, error: 'field.url' })),
    ),
    /** Associations are often not VAT-registered: null. French rates: 2000, 1000, 550, 210 bp. */
    vatRateBps: z
      .union([z.literal(2000), z.literal(1000), z.literal(550), z.literal(210), z.null()], {
        error: 'site.vatRate',
      })
      .optional(),
    /** Weekly opening hours; left out, the stored hours are kept; [] clears them. */
    openingHours: openingHoursSchema.optional(),
  })
  .refine((s) => (s.lat === undefined) === (s.lon === undefined), {
    path: ['lon'],
    error: 'site.lon.range',
  });
export type SiteFormValues = z.input<typeof siteInputSchema>;

export const siteSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  postalCode: z.string(),
  communeInsee: z.string(),
  communeName: z.string(),
  departementCode: z.string(),
  departementName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  lat: z.number(),
  lon: z.number(),
  locationRounded: z.boolean(),
  locationApproximate: z.boolean(),
  sectors: z.array(sectorSchema),
  territoryType: territoryTypeSchema,
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  vatRateBps: z.number().nullable(),
  openingHours: openingHoursSchema,
  isDemo: z.boolean(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  myRole: z.enum(['owner', 'member']).nullable(),
  canEdit: z.boolean(),
  canVerify: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A site as the API shows it (the site service's DTO). */
export type SiteDto = z.output<typeof siteSchema>;

export const siteIdSchema = z.object({ id: z.uuid({ error: 'field.uuid' }) });

export const listSitesInput = z.object({
  sector: sectorSchema.optional(),
  departementCode: safeText().regex(DEPARTEMENT_CODE, { error: 'field.required' }).optional(),
  territoryType: territoryTypeSchema.optional(),
  q: safeText().trim().max(100, { error: 'field.tooLong' }).optional(),
  /** The coordinators' verification queue. */
  pendingVerification: z.boolean().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListSitesInput = z.input<typeof listSitesInput>;
/** The validated query, as the site service takes it. */
export type SiteListQuery = z.output<typeof listSitesInput>;

export const listSitesOutput = z.object({
  items: z.array(siteSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
/** One page of sites, as `sites.list` returns it. */
export type SitePage = z.output<typeof listSitesOutput>;
