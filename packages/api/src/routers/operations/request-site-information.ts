import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { reviewSiteInput, siteIdOutput } from './operations.types.ts';

/** Asks the workshop for more information before verifying (e-mailed). */
export const requestSiteInformation = authedProcedure
  .input(syncSchema(reviewSiteInput))
  .output(syncSchema(siteIdOutput))
  .mutation(({ ctx, input }) =>
    ctx.services.operations.verification.requestInformation(ctx.actor, input.siteId, input.note),
  );
