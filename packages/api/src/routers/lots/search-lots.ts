import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { searchLotsInput, searchLotsOutput } from './lot.types.ts';

/** Published lots by filters, text and distance from a point, nearest or newest first. */
export const searchLots = publicProcedure
  .input(syncSchema(searchLotsInput))
  .output(syncSchema(searchLotsOutput))
  .query(({ ctx, input }) => ctx.services.lots.search(ctx.actor, input));
