import { publicProcedure } from '../../trpc.ts';
import { listSitesInput, listSitesOutput } from './list-sites.types.ts';

/** The sites directory, filtered by sector, département and territory type, by name. */
export const listSites = publicProcedure
  .input(listSitesInput)
  .output(listSitesOutput)
  .query(({ ctx, input }) => ctx.services.sites.list(ctx.actor, input));
