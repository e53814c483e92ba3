import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { sendTradeMessageInput, tradeMessageSchema } from './trade.types.ts';

export const sendTradeMessage = authedProcedure
  .input(syncSchema(sendTradeMessageInput))
  .output(syncSchema(tradeMessageSchema))
  .mutation(({ ctx, input }) => ctx.services.trades.sendMessage(ctx.actor, input.id, input.body));
