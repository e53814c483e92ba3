import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { pickupTourInput, pickupTourPlanOutput } from './tours.types.ts';

/** The order, times, km and CO2e of a tour through the caller's agreed pickups, or why none exists. */
export const planPickupTour = authedProcedure
  .input(syncSchema(pickupTourInput))
  .output(syncSchema(pickupTourPlanOutput))
  .query(({ ctx, input }) => ctx.services.tours.plan(ctx.actor, input));
