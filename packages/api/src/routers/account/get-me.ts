import { publicProcedure } from '../../trpc.ts';
import { meSchema } from './account.types.ts';

/** The signed-in user, or null for an anonymous visitor. */
export const getMe = publicProcedure.output(meSchema).query(({ ctx }) => ctx.services.accounts.me(ctx.actor));
