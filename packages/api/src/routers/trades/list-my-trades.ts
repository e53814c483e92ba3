import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { cursorSchema, pageLimitSchema, pageOf } from '../pagination.types.ts';
import { tradeListInput, tradeSchema } from './trade.types.ts';

/** « Mes échanges », newest first, a page at a time; role and status filters are applied by the server. */
export const listMyTrades = authedProcedure
  .input(
    syncSchema(
      tradeListInput
        .extend({ cursor: cursorSchema.optional(), limit: pageLimitSchema })
        .default({ role: 'all', status: 'all', limit: 50 }),
    ),
  )
  .output(syncSchema(pageOf(tradeSchema)))
  .query(({ ctx, input }) => ctx.services.tradeList.listMine(ctx.actor, input));
