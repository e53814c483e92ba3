import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourInput, pooledTourOutput } from './pooled-tours.types.ts';

/** Stores the shared tours and asks each stop's buyer and seller to accept or decline. */
export const proposePooledTours = authedProcedure
  .input(syncSchema(pooledTourInput))
  .output(syncSchema(pooledTourOutput))
  .mutation(({ ctx, input }) => ctx.services.pooledTours.propose(ctx.actor, input));
