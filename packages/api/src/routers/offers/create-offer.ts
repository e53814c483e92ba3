import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { createOfferInput, offerSchema } from './offer.types.ts';

/** A member of the lot's site offers it to the designer of a fitting open request. */
export const createOffer = authedProcedure
  .input(syncSchema(createOfferInput))
  .output(syncSchema(offerSchema))
  .mutation(({ ctx, input }) => ctx.services.offers.create(ctx.actor, input));
