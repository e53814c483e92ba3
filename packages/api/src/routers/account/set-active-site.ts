import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { meSchema, setActiveSiteInput } from './account.types.ts';

export const setActiveSite = authedProcedure
  .input(syncSchema(setActiveSiteInput))
  .output(syncSchema(meSchema))
  .mutation(({ ctx, input }) => ctx.services.accounts.setActiveSite(ctx.actor, input.siteId));
