import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { paymentAccountStatusSchema, paymentSiteInput } from './payments.types.ts';

export const getAccountStatus = authedProcedure
  .input(syncSchema(paymentSiteInput))
  .output(syncSchema(paymentAccountStatusSchema))
  .query(({ ctx, input }) => ctx.services.payments.accountStatus(ctx.actor, input.siteId));
