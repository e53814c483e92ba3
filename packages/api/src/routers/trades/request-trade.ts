import { authedProcedure } from '../../trpc.ts';
import { requestTradeInput, tradeSchema } from './trade.types.ts';
import { decimalInput } from './trade-input.ts';

export const requestTrade = authedProcedure
  .input(requestTradeInput)
  .output(tradeSchema)
  .mutation(({ ctx, input }) =>
    ctx.services.trades.request(ctx.actor, {
      lotId: input.lotId,
      quantity: decimalInput(input.quantity),
      buyerSiteId: input.buyerSiteId ?? null,
      message: input.message,
    }),
  );
