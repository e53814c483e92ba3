import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { moderationInput, moderationSchema } from './operations.types.ts';

/** Admins: hides a lot, or suspends a site or an account, with a reason. */
export const moderate = authedProcedure
  .input(syncSchema(moderationInput))
  .output(syncSchema(moderationSchema))
  .mutation(({ ctx, input }) => ctx.services.operations.moderation.hold(ctx.actor, input));
