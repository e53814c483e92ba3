import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { listBasketsOutput } from './sourcing.types.ts';

/** The caller's baskets, newest first. */
export const listBaskets = authedProcedure
  .output(syncSchema(listBasketsOutput))
  .query(({ ctx }) => ctx.services.baskets.listMine(ctx.actor));
