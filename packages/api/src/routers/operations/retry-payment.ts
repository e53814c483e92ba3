import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { effectIdInput, retryPaymentOutput } from './operations.types.ts';

/** Admins: runs a failed payout or refund again; one already made is refused. */
export const retryPayment = authedProcedure
  .input(syncSchema(effectIdInput))
  .output(syncSchema(retryPaymentOutput))
  .mutation(({ ctx, input }) => ctx.services.operations.moneyOwed.retry(ctx.actor, input.effectId));
