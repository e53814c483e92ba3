import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { reviewSiteInput, siteIdOutput } from './operations.types.ts';

/** Refuses a site's verification with the reason, e-mailed to the workshop. */
export const refuseSite = authedProcedure
  .input(syncSchema(reviewSiteInput))
  .output(syncSchema(siteIdOutput))
  .mutation(({ ctx, input }) =>
    ctx.services.operations.verification.refuse(ctx.actor, input.siteId, input.note),
  );
