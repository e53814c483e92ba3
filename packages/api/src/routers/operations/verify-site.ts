import { authedProcedure } from '../../trpc.ts';
import { siteIdOutput, verifySiteInput } from './operations.types.ts';

/** Verifies a site and e-mails the workshop. */
export const verifySite = authedProcedure
  .input(verifySiteInput)
  .output(siteIdOutput)
  .mutation(({ ctx, input }) =>
    ctx.services.operations.verification.verify(ctx.actor, input.siteId, input.note),
  );
