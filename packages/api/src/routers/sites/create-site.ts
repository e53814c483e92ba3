import { authedProcedure } from '../../trpc.ts';
import { siteInputSchema, siteSchema } from './site.types.ts';

export const createSite = authedProcedure
  .input(siteInputSchema)
  .output(siteSchema)
  .mutation(({ ctx, input }) => ctx.services.sites.create(ctx.actor, input));
