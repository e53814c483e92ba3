import { authedProcedure } from '../../trpc.ts';
import { effectIdInput, settlePaymentInput } from './operations.types.ts';

/** Admins: a payout or refund made by other means (bank transfer…), with a note. */
export const settlePayment = authedProcedure
  .input(settlePaymentInput)
  .output(effectIdInput)
  .mutation(({ ctx, input }) => ctx.services.operations.moneyOwed.settleOffPlatform(ctx.actor, input));
