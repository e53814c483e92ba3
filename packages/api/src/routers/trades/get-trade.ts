import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeSchema } from './trade.types.ts';

export const getTrade = authedProcedure
  .input(tradeIdInput)
  .output(tradeSchema)
  .query(({ ctx, input }) => ctx.services.trades.get(ctx.actor, input.id));
