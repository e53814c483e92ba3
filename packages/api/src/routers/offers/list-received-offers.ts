import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { offerSchema } from './offer.types.ts';

/** Offers made to the caller, newest first. */
export const listReceivedOffers = authedProcedure
  .output(syncSchema(z.array(offerSchema)))
  .query(({ ctx }) => ctx.services.offers.listReceived(ctx.actor));
