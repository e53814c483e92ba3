import { publicProcedure } from '../../trpc.ts';
import { factorSetSchema, factorVersionInput } from './impact.types.ts';

/** One factor version with every value, its source and year. */
export const getFactorSet = publicProcedure
  .input(factorVersionInput)
  .output(factorSetSchema)
  .query(({ ctx, input }) => ctx.services.impact.registry.getVersion(input.version));
