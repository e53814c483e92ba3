import { authedProcedure } from '../../trpc.ts';
import { basketSchema, getBasketInput } from './sourcing.types.ts';

/** The caller's basket: the state of each trade, the total, the lots and sellers. */
export const getBasket = authedProcedure
  .input(getBasketInput)
  .output(basketSchema)
  .query(({ ctx, input }) => ctx.services.baskets.get(ctx.actor, input.id));
