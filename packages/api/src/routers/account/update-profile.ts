import { authedProcedure } from '../../trpc.ts';
import { meSchema, updateProfileInput } from './account.types.ts';

export const updateProfile = authedProcedure
  .input(updateProfileInput)
  .output(meSchema)
  .mutation(({ ctx, input }) => ctx.services.accounts.updateProfile(ctx.actor, input));
