import { pickupTourInputSchema, pickupTourPlanSchema, recordedTourTripSchema } from '@retaille/domain';

/** A buyer's pickup tour: the trades, start and end, day, times and vehicle (issue 17). */
export const pickupTourInput = pickupTourInputSchema;
export const pickupTourPlanOutput = pickupTourPlanSchema;
export const recordedTourTripOutput = recordedTourTripSchema;
