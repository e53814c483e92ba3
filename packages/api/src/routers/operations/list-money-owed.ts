import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { moneyOwedSchema } from './operations.types.ts';

/** Admins: payouts and refunds not made yet (queued or failed). */
export const listMoneyOwed = authedProcedure
  .output(syncSchema(z.array(moneyOwedSchema)))
  .query(({ ctx }) => ctx.services.operations.moneyOwed.list(ctx.actor));
