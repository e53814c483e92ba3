import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { circuitsInput, circuitsOutput } from './circuits.types.ts';

/** The circuits map (coordinators: their territory; admins: the network): flows traded in a period. */
export const getCircuits = authedProcedure
  .input(syncSchema(circuitsInput))
  .output(syncSchema(circuitsOutput))
  .query(({ ctx, input }) => ctx.services.impact.circuits(ctx.actor, input));
