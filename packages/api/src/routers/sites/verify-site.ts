import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { siteIdSchema, siteSchema } from './site.types.ts';

/** A coordinator covering the site, or an admin, verifies it. */
export const verifySite = authedProcedure
  .input(syncSchema(siteIdSchema))
  .output(syncSchema(siteSchema))
  .mutation(({ ctx, input }) => ctx.services.sites.verify(ctx.actor, input.id));
