import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pooledTourListOutput } from './pooled-tours.types.ts';

/** The pooled tours the caller coordinates or has a stop in, newest day first. */
export const listPooledTours = authedProcedure
  .output(syncSchema(pooledTourListOutput))
  .query(({ ctx }) => ctx.services.pooledTours.list(ctx.actor));
