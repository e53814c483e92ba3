import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourInput, pooledTourOutput } from './pooled-tours.types.ts';

/** The shared tours over a territory's agreed pickups of a day (coordinators), nothing stored. */
export const planPooledTours = authedProcedure
  .input(syncSchema(pooledTourInput))
  .output(syncSchema(pooledTourOutput))
  .query(({ ctx, input }) => ctx.services.pooledTours.plan(ctx.actor, input));
