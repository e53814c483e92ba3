import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { listSitesInput, listSitesOutput } from './list-sites.types.ts';

/** The sites directory, filtered by sector, département and territory type, by name. */
export const listSites = publicProcedure
  .input(syncSchema(listSitesInput))
  .output(syncSchema(listSitesOutput))
  .query(({ ctx, input }) => ctx.services.sites.list(ctx.actor, input));
