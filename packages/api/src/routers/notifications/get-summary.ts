import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { notificationsSummaryOutput } from './notifications.types.ts';

export const getNotificationsSummary = authedProcedure
  .output(syncSchema(notificationsSummaryOutput))
  .query(({ ctx }) => ctx.services.notifications.summary(ctx.actor));
