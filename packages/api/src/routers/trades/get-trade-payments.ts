import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput } from './trade.types.ts';
import { tradePaymentsOutput } from './trade-timeline.types.ts';

/** Where the seller's payout and the buyer's refunds of a trade stand: its parties and the operators only. */
export const getTradePayments = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(tradePaymentsOutput))
  .query(({ ctx, input }) => ctx.services.timeline.payments(ctx.actor, input.id));
