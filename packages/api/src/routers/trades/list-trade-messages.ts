import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { tradeIdInput, tradeMessageSchema } from './trade.types.ts';

export const listTradeMessages = authedProcedure
  .input(tradeIdInput)
  .output(z.array(tradeMessageSchema))
  .query(({ ctx, input }) => ctx.services.trades.listMessages(ctx.actor, input.id));
