import { fromDecimalComma } from '@retaille/domain';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { confirmReceiptInput, tradeSchema } from './trade.types.ts';

export const confirmReceipt = authedProcedure
  .input(syncSchema(confirmReceiptInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) =>
    ctx.services.trades.confirmReceipt(
      ctx.actor,
      input.id,
      input.receivedKg === undefined || input.receivedKg === null ? null : fromDecimalComma(input.receivedKg),
    ),
  );
