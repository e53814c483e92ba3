import { DEPARTEMENT_CODE, safeText } from '@retaille/domain';
import { z } from 'zod';
import { sectorSchema, siteSchema, territoryTypeSchema } from './site.types.ts';

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

export const listSitesOutput = z.object({
  items: z.array(siteSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
