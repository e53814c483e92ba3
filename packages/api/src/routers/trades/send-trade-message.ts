import { authedProcedure } from '../../trpc.ts';
import { sendTradeMessageInput, tradeMessageSchema } from './trade.types.ts';

export const sendTradeMessage = authedProcedure
  .input(sendTradeMessageInput)
  .output(tradeMessageSchema)
  .mutation(({ ctx, input }) => ctx.services.trades.sendMessage(ctx.actor, input.id, input.body));
