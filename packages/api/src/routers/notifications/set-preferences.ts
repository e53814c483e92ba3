import { authedProcedure } from '../../trpc.ts';
import { preferencesOutput, setPreferencesInput } from './notifications.types.ts';

export const setNotificationPreferences = authedProcedure
  .input(setPreferencesInput)
  .output(preferencesOutput)
  .mutation(({ ctx, input }) => ctx.services.notifications.setPreferences(ctx.actor, input.changes));
