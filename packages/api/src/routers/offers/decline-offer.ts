import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { offerIdInput, offerSchema } from './offer.types.ts';

/** The designer declines an offer made to them. */
export const declineOffer = authedProcedure
  .input(syncSchema(offerIdInput))
  .output(syncSchema(offerSchema))
  .mutation(({ ctx, input }) => ctx.services.offers.decline(ctx.actor, input.id));
