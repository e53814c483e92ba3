import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { siteIdSchema, siteSchema } from './site.types.ts';

export const getSite = publicProcedure
  .input(syncSchema(siteIdSchema))
  .output(syncSchema(siteSchema))
  .query(({ ctx, input }) => ctx.services.sites.get(ctx.actor, input.id));
