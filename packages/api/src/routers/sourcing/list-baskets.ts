import { authedProcedure } from '../../trpc.ts';
import { listBasketsOutput } from './sourcing.types.ts';

/** The caller's baskets, newest first. */
export const listBaskets = authedProcedure
  .output(listBasketsOutput)
  .query(({ ctx }) => ctx.services.baskets.listMine(ctx.actor));
