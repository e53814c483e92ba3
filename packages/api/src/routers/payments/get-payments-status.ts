import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { paymentsStatusSchema } from './payments.types.ts';

/** `simulation` when the local Stripe emulator stands in for Stripe: the web shows a banner. */
export const getPaymentsStatus = publicProcedure
  .output(syncSchema(paymentsStatusSchema))
  .query(({ ctx }) => ctx.services.payments.status());
