import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { listNotificationsInput, listNotificationsOutput } from './notifications.types.ts';

export const listNotifications = authedProcedure
  .input(syncSchema(listNotificationsInput))
  .output(syncSchema(listNotificationsOutput))
  .query(({ ctx, input }) =>
    ctx.services.notifications.list(ctx.actor, { cursor: input?.cursor, limit: input?.limit }),
  );
