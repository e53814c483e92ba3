import { authedProcedure } from '../../trpc.ts';
import { pooledTourInput, pooledTourOutput } from './pooled-tours.types.ts';

/** Stores the shared tours and asks each stop's buyer and seller to accept or decline. */
export const proposePooledTours = authedProcedure
  .input(pooledTourInput)
  .output(pooledTourOutput)
  .mutation(({ ctx, input }) => ctx.services.pooledTours.propose(ctx.actor, input));
