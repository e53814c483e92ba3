import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourIdInput, pooledTourOutput } from './pooled-tours.types.ts';

/** A proposed or recorded pooled tour, for its coordinator and the parties of its stops. */
export const getPooledTour = authedProcedure
  .input(syncSchema(pooledTourIdInput))
  .output(syncSchema(pooledTourOutput))
  .query(({ ctx, input }) => ctx.services.pooledTours.get(ctx.actor, input.tourId));
