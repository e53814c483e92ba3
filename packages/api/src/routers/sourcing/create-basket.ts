import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { basketSchema, createBasketInput } from './sourcing.types.ts';

/** « Tout demander »: every lot of the plan requested in one basket (the same key twice: one basket). */
export const createBasket = authedProcedure
  .input(syncSchema(createBasketInput))
  .output(syncSchema(basketSchema))
  .mutation(({ ctx, input }) => ctx.services.baskets.create(ctx.actor, input));
