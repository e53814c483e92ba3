import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { effectIdInput, settlePaymentInput } from './operations.types.ts';

/** Admins: a payout or refund made by other means (bank transfer…), with a note. */
export const settlePayment = authedProcedure
  .input(syncSchema(settlePaymentInput))
  .output(syncSchema(effectIdInput))
  .mutation(({ ctx, input }) => ctx.services.operations.moneyOwed.settleOffPlatform(ctx.actor, input));
