import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { checkoutUrlSchema, tradeIdInput } from './trade.types.ts';

/** The buyer of a trade awaiting payment gets the Stripe Checkout page (created once per trade). */
export const getCheckoutUrl = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(checkoutUrlSchema))
  .mutation(({ ctx, input }) => ctx.services.trades.checkoutUrl(ctx.actor, input.id));
