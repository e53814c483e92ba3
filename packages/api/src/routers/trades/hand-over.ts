import { fromDecimalComma } from '@retaille/domain';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { handOverInput, tradeSchema } from './trade.types.ts';

export const handOver = authedProcedure
  .input(syncSchema(handOverInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) =>
    ctx.services.trades.handOver(
      ctx.actor,
      input.id,
      fromDecimalComma(input.measuredKg),
      input.vehicleKey ?? null,
      input.travel ?? null,
    ),
  );
