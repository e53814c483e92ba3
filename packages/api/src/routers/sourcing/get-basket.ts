import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { basketSchema, getBasketInput } from './sourcing.types.ts';

/** The caller's basket: the state of each trade, the total, the lots and sellers. */
export const getBasket = authedProcedure
  .input(syncSchema(getBasketInput))
  .output(syncSchema(basketSchema))
  .query(({ ctx, input }) => ctx.services.baskets.get(ctx.actor, input.id));
