import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { createSavedSearchInput, type SavedSearchOutput, savedSearchSchema } from './saved-search.types.ts';

/** Keeps a lot search under a name; new matching lots will be announced to the caller. */
export const createSavedSearch = authedProcedure
  .input(syncSchema(createSavedSearchInput))
  .output(syncSchema(savedSearchSchema))
  .mutation(async ({ ctx, input }) => {
    const { point, radiusKm, ...filters } = input.search;
    const saved = await ctx.services.savedSearches.create(ctx.actor, {
      name: input.name,
      point,
      radiusKm,
      filters,
    });
    return saved as SavedSearchOutput;
  });
