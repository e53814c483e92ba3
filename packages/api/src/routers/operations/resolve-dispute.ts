import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeSchema } from '../trades/trade.types.ts';
import { resolveDisputeWithNoteInput } from './operations.types.ts';

/** Admins: refund to the buyer (the rest to the seller), with a note for the audit log. */
export const resolveDispute = authedProcedure
  .input(syncSchema(resolveDisputeWithNoteInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) => ctx.services.operations.disputes.resolve(ctx.actor, input));
