import { authedProcedure } from '../../trpc.ts';
import { impactFiltersInput, impactMethodOutput } from './impact.types.ts';

/** The dashboard's figures under the impact method: ranges, coverage, sensitivity, given/received. */
export const getImpactMethod = authedProcedure
  .input(impactFiltersInput)
  .output(impactMethodOutput)
  .query(({ ctx, input }) => ctx.services.impact.method(ctx.actor, input));
