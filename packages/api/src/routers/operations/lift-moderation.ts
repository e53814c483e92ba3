import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { moderationInput } from './operations.types.ts';

/** Admins: lifts a hold, with a note. */
export const liftModeration = authedProcedure
  .input(moderationInput)
  .output(z.object({ lifted: z.literal(true) }))
  .mutation(({ ctx, input }) => ctx.services.operations.moderation.lift(ctx.actor, input));
