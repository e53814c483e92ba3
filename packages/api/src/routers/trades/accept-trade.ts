import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeSchema } from './trade.types.ts';

export const acceptTrade = authedProcedure
  .input(tradeIdInput)
  .output(tradeSchema)
  .mutation(({ ctx, input }) => ctx.services.trades.accept(ctx.actor, input.id));
