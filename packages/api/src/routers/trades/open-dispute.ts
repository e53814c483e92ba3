import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { openDisputeInput, tradeSchema } from './trade.types.ts';

export const openDispute = authedProcedure
  .input(syncSchema(openDisputeInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) => ctx.services.trades.openDispute(ctx.actor, input.id, input.reason));
