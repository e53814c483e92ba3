import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { offerIdInput, offerSchema } from './offer.types.ts';

/** The designer accepts an offer made to them: the trade starts accepted on the seller side. */
export const acceptOffer = authedProcedure
  .input(syncSchema(offerIdInput))
  .output(syncSchema(z.object({ offer: offerSchema, tradeId: z.string() })))
  .mutation(({ ctx, input }) => ctx.services.offers.accept(ctx.actor, input.id));
