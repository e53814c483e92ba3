import { authedProcedure } from '../../trpc.ts';
import { preferencesOutput } from './notifications.types.ts';

export const getNotificationPreferences = authedProcedure
  .output(preferencesOutput)
  .query(({ ctx }) => ctx.services.notifications.preferences(ctx.actor));
