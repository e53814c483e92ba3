import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { tradeSchema } from './trade.types.ts';

export const listMyTrades = authedProcedure
  .output(z.array(tradeSchema))
  .query(({ ctx }) => ctx.services.trades.listMine(ctx.actor));
