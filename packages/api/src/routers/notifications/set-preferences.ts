import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { preferencesOutput, setPreferencesInput } from './notifications.types.ts';

export const setNotificationPreferences = authedProcedure
  .input(syncSchema(setPreferencesInput))
  .output(syncSchema(preferencesOutput))
  .mutation(({ ctx, input }) => ctx.services.notifications.setPreferences(ctx.actor, input.changes));
