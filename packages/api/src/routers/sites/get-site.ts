import { publicProcedure } from '../../trpc.ts';
import { siteIdSchema, siteSchema } from './site.types.ts';

export const getSite = publicProcedure
  .input(siteIdSchema)
  .output(siteSchema)
  .query(({ ctx, input }) => ctx.services.sites.get(ctx.actor, input.id));
