import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeMessageSchema } from './trade.types.ts';

export const listTradeMessages = authedProcedure
  .input(syncSchema(tradeIdInput))
  .output(syncSchema(z.array(tradeMessageSchema)))
  .query(({ ctx, input }) => ctx.services.trades.listMessages(ctx.actor, input.id));
