import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { proposePickupInput, tradeSchema } from './trade.types.ts';

export const proposePickup = authedProcedure
  .input(syncSchema(proposePickupInput))
  .output(syncSchema(tradeSchema))
  .mutation(({ ctx, input }) =>
    ctx.services.trades.proposePickup(ctx.actor, input.id, { start: input.start, end: input.end }),
  );
