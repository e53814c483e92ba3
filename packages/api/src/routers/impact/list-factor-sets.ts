import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { factorSetSummarySchema } from './impact.types.ts';

/** Every factor version, newest first: the method is public. */
export const listFactorSets = publicProcedure
  .output(syncSchema(z.array(factorSetSummarySchema)))
  .query(({ ctx }) => ctx.services.impact.registry.list());
