import { authedProcedure } from '../../trpc.ts';
import { proposePickupInput, tradeSchema } from './trade.types.ts';

export const proposePickup = authedProcedure
  .input(proposePickupInput)
  .output(tradeSchema)
  .mutation(({ ctx, input }) =>
    ctx.services.trades.proposePickup(ctx.actor, input.id, { start: input.start, end: input.end }),
  );
