import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { markReadInput } from '../matching/matching.types.ts';

export const markNotificationsRead = authedProcedure
  .input(syncSchema(markReadInput))
  .output(syncSchema(z.object({ ok: z.literal(true) })))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.notifications.markRead(ctx.actor, input.ids);
    return { ok: true as const };
  });
