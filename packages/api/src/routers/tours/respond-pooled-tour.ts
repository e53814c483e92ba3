import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourOutput, pooledTourRespondInput } from './pooled-tours.types.ts';

/** A stop's buyer or seller accepts or declines the pooled tour's passage. */
export const respondPooledTour = authedProcedure
  .input(syncSchema(pooledTourRespondInput))
  .output(syncSchema(pooledTourOutput))
  .mutation(({ ctx, input }) => ctx.services.pooledTours.respond(ctx.actor, input));
