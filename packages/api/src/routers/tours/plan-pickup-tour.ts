import { authedProcedure } from '../../trpc.ts';
import { pickupTourInput, pickupTourPlanOutput } from './tours.types.ts';

/** The order, times, km and CO2e of a tour through the caller's agreed pickups, or why none exists. */
export const planPickupTour = authedProcedure
  .input(pickupTourInput)
  .output(pickupTourPlanOutput)
  .query(({ ctx, input }) => ctx.services.tours.plan(ctx.actor, input));
