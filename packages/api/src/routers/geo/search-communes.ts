import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { searchCommunesInput, searchCommunesOutput } from './search-communes.types.ts';

/** Offline geocoding: a commune name or a postal code (prefix) → communes with their centroid. */
export const searchCommunes = publicProcedure
  .input(syncSchema(searchCommunesInput))
  .output(syncSchema(searchCommunesOutput))
  .query(({ ctx, input }) =>
    ctx.services.communes.search(input.q, input.limit).map(({ population: _p, ...c }) => c),
  );
