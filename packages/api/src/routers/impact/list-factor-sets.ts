import { z } from 'zod';
import { publicProcedure } from '../../trpc.ts';
import { factorSetSummarySchema } from './impact.types.ts';

/** Every factor version, newest first: the method is public. */
export const listFactorSets = publicProcedure
  .output(z.array(factorSetSummarySchema))
  .query(({ ctx }) => ctx.services.impact.registry.list());
