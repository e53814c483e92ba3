/**
 * A proposal (a lot for a request, or a request for a lot) as the API returns it: the matching
 * service's DTO type is its `z.output` (docs/decisions/013).
 */
import { z } from 'zod';
import { lotUnitSchema } from '../lots/lot.schemas.ts';

export const proposalSchema = z.object({
  lotId: z.string(),
  lotTitle: z.string(),
  siteName: z.string(),
  requestId: z.string(),
  requestTitle: z.string(),
  distanceKm: z.number(),
  score: z.number(),
  materialFit: z.string(),
  explanation: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.number()).optional() })),
  transportCo2eKg: z.number(),
  /** Avoided − transport with the default travel (docs/impact-method.md §9). */
  estimatedNetCo2eKg: z.number(),
  available: z.number(),
  unit: lotUnitSchema,
  priceCents: z.number().nullable(),
  lotUnit: lotUnitSchema,
});
/** Price per unit of the lot (`lotUnit`); null for a free lot. `available` is in `unit`, the request's. */
export type ProposalDto = z.output<typeof proposalSchema>;
