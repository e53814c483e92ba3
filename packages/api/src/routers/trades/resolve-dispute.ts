import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { resolveDisputeInput, tradeSchema } from './trade.types.ts';

/** Operators (admins) only: the service checks the role through the transition table. */
export const resolveDispute = authedProcedure
  .input(syncSchema(resolveDisputeInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) => ctx.services.trades.resolveDispute(ctx.actor, input.id, input.resolution));
