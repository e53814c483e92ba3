import { syncSchema } from '../../sync-schema.ts';
import { publicProcedure } from '../../trpc.ts';
import { factorSetSchema, factorVersionInput } from './impact.types.ts';

/** One factor version with every value, its source and year. */
export const getFactorSet = publicProcedure
  .input(syncSchema(factorVersionInput))
  .output(syncSchema(factorSetSchema))
  .query(({ ctx, input }) => ctx.services.impact.registry.getVersion(input.version));
