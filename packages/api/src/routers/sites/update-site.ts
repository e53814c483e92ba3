import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { siteSchema } from './site.types.ts';
import { updateSiteInput } from './update-site.types.ts';

export const updateSite = authedProcedure
  .input(syncSchema(updateSiteInput))
  .output(syncSchema(siteSchema))
  .mutation(({ ctx, input }) => ctx.services.sites.update(ctx.actor, input.id, input.site));
