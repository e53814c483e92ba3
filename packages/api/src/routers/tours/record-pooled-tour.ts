import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourIdInput, recordedPooledTourOutput } from './pooled-tours.types.ts';

/** Once driven: each vehicle's accepted stops become its trip (the coordinator). */
export const recordPooledTour = authedProcedure
  .input(syncSchema(pooledTourIdInput))
  .output(syncSchema(recordedPooledTourOutput))
  .mutation(({ ctx, input }) => ctx.services.pooledTours.record(ctx.actor, input));
