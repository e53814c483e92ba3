import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeSchema } from './trade.types.ts';

export const acceptTrade = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) => ctx.services.trades.accept(ctx.actor, input.id));
