import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { planSourcingInput, sourcingPlanSchema } from './sourcing.types.ts';

/**
 * « Nomenclature »: the sourcing plan of a bill of materials over the lots around the designer
 * (lots per line, sellers, price, km, CO2e, the tour, the wanted requests to post). A mutation
 * because a 50-line BOM or a CSV does not fit in a URL; it writes nothing.
 */
export const planSourcing = authedProcedure
  .input(syncSchema(planSourcingInput))
  .output(syncSchema(sourcingPlanSchema))
  .mutation(({ ctx, input }) => ctx.services.sourcing.plan(ctx.actor, input));
