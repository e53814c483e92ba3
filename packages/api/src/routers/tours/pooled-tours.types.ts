import {
  pooledTourIdSchema,
  pooledTourInputSchema,
  pooledTourPlanSchema,
  pooledTourRespondSchema,
  recordedPooledTourSchema,
  territoryScopeSchema,
} from '@retaille/domain';
import { z } from 'zod';

/** A coordinator's pooled pickup tours (issue 17): territory, day, depot and vehicles. */
export const pooledTourInput = pooledTourInputSchema;
export const pooledTourOutput = pooledTourPlanSchema;
export const pooledTourIdInput = pooledTourIdSchema;
export const pooledTourRespondInput = pooledTourRespondSchema;
export const recordedPooledTourOutput = recordedPooledTourSchema;
export const pooledTourListOutput = z.array(
  z.object({
    id: z.uuid(),
    day: z.string(),
    status: z.enum(['proposed', 'recorded']),
    territory: territoryScopeSchema,
    km: z.number(),
  }),
);
export type PooledTourOutput = z.output<typeof pooledTourOutput>;
export type PooledTourInputValue = z.input<typeof pooledTourInput>;
export type PooledTourListOutput = z.output<typeof pooledTourListOutput>;
