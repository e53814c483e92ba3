import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';

/** Deletes one of the caller's saved searches (another user's is NOT_FOUND). */
export const deleteSavedSearch = authedProcedure
  .input(syncSchema(z.object({ id: z.uuid({ error: 'field.uuid' }) })))
  .output(syncSchema(z.object({ ok: z.literal(true) })))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.savedSearches.delete(ctx.actor, input.id);
    return { ok: true as const };
  });
