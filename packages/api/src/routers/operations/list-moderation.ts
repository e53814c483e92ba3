import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { moderationSchema } from './operations.types.ts';

/** Admins: hidden lots, suspended sites and accounts. */
export const listModeration = authedProcedure
  .output(z.array(moderationSchema))
  .query(({ ctx }) => ctx.services.operations.moderation.list(ctx.actor));
