import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { offerSchema } from './offer.types.ts';

/** Offers made of a lot (members of its site). */
export const listLotOffers = authedProcedure
  .input(syncSchema(z.object({ lotId: z.uuid({ error: 'field.uuid' }) })))
  .output(syncSchema(z.array(offerSchema)))
  .query(({ ctx, input }) => ctx.services.offers.listForLot(ctx.actor, input.lotId));
