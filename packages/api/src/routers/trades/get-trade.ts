import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeSchema } from './trade.types.ts';

export const getTrade = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(tradeSchema))
  .query(({ ctx, input }) => ctx.services.trades.get(ctx.actor, input.id));
