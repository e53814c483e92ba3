import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { type SavedSearchOutput, savedSearchSchema } from './saved-search.types.ts';

/** The caller's saved searches, newest first. */
export const listSavedSearches = authedProcedure.output(syncSchema(z.array(savedSearchSchema))).query(
  // The stored filters were validated by the same schema; the output schema checks them again.
  async ({ ctx }) => (await ctx.services.savedSearches.list(ctx.actor)) as SavedSearchOutput[],
);
