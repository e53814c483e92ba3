import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { impactFiltersInput, impactMethodOutput } from './impact.types.ts';

/** The dashboard's figures under the impact method: ranges, coverage, sensitivity, given/received. */
export const getImpactMethod = authedProcedure
  .input(syncSchema(impactFiltersInput))
  .output(syncSchema(impactMethodOutput))
  .query(({ ctx, input }) => ctx.services.impact.method(ctx.actor, input));
