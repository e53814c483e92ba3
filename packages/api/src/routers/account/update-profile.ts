import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { meSchema, updateProfileInput } from './account.types.ts';

export const updateProfile = authedProcedure
  .input(syncSchema(updateProfileInput))
  .output(syncSchema(meSchema))
  .mutation(({ ctx, input }) => ctx.services.accounts.updateProfile(ctx.actor, input));
