import { fromDecimalComma } from '@retaille/domain';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { requestTradeInput, tradeSchema } from './trade.types.ts';

export const requestTrade = authedProcedure
  .input(syncSchema(requestTradeInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) =>
    ctx.services.trades.request(ctx.actor, {
      lotId: input.lotId,
      quantity: fromDecimalComma(input.quantity),
      buyerSiteId: input.buyerSiteId ?? null,
      message: input.message,
    }),
  );
