import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { siteInputSchema, siteSchema } from './site.types.ts';

export const createSite = authedProcedure
  .input(syncSchema(siteInputSchema))
  .output(syncSchema(siteSchema))
  .mutation(({ ctx, input }) => ctx.services.sites.create(ctx.actor, input));
