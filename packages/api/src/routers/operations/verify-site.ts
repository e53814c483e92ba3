import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { siteIdOutput, verifySiteInput } from './operations.types.ts';

/** Verifies a site and e-mails the workshop. */
export const verifySite = authedProcedure
  .input(syncSchema(verifySiteInput))
  .output(syncSchema(siteIdOutput))
  .mutation(({ ctx, input }) =>
    ctx.services.operations.verification.verify(ctx.actor, input.siteId, input.note),
  );
