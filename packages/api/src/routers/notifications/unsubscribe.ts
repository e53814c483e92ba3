import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { unsubscribeInput, unsubscribeOutput } from './notifications.types.ts';

/** The link in every notice e-mail: works signed out, for the user the signed token names only. */
export const unsubscribe = publicProcedure
  .input(syncSchema(unsubscribeInput))
  .output(syncSchema(unsubscribeOutput))
  .mutation(({ ctx, input }) => ctx.services.notifications.unsubscribe(input.token));
