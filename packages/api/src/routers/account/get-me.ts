import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { meSchema } from './account.types.ts';

/** The signed-in user, or null for an anonymous visitor. */
export const getMe = publicProcedure
  .output(syncSchema(meSchema))
  .query(({ ctx }) => ctx.services.accounts.me(ctx.actor));
