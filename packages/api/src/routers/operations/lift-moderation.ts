import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { moderationInput } from './operations.types.ts';

/** Admins: lifts a hold, with a note. */
export const liftModeration = authedProcedure
  .input(syncSchema(moderationInput))
  .output(syncSchema(z.object({ lifted: z.literal(true) })))
  .mutation(({ ctx, input }) => ctx.services.operations.moderation.lift(ctx.actor, input));
