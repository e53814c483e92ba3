import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeSchema } from './trade.types.ts';

export const declineTrade = authedProcedure
  .input(tradeIdInput)
  .output(tradeSchema)
  .mutation(({ ctx, input }) => ctx.services.trades.decline(ctx.actor, input.id));
