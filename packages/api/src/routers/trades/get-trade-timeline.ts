import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput } from './trade.types.ts';
import { tradeTimelineOutput } from './trade-timeline.types.ts';

/** The trade's history from `trade_event`: its parties and the operators only. */
export const getTradeTimeline = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(tradeTimelineOutput))
  .query(({ ctx, input }) => ctx.services.timeline.timeline(ctx.actor, input.id));
