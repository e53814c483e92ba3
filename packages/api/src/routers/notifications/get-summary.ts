import { authedProcedure } from '../../trpc.ts';
import { notificationsSummaryOutput } from './notifications.types.ts';

export const getNotificationsSummary = authedProcedure
  .output(notificationsSummaryOutput)
  .query(({ ctx }) => ctx.services.notifications.summary(ctx.actor));
