import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { moderationSchema } from './operations.types.ts';

/** Admins: hidden lots, suspended sites and accounts. */
export const listModeration = authedProcedure
  .output(syncSchema(z.array(moderationSchema)))
  .query(({ ctx }) => ctx.services.operations.moderation.list(ctx.actor));
