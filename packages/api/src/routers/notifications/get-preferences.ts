import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { preferencesOutput } from './notifications.types.ts';

export const getNotificationPreferences = authedProcedure
  .output(syncSchema(preferencesOutput))
  .query(({ ctx }) => ctx.services.notifications.preferences(ctx.actor));
