import { authedProcedure } from '../../trpc.ts';
import { notificationsOutput } from '../matching/matching.types.ts';

export const listNotifications = authedProcedure
  .output(notificationsOutput)
  .query(({ ctx }) => ctx.services.matching.notifications(ctx.actor));
