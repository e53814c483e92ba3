import { pickupTourInputSchema, pickupTourPlanSchema, recordedTourTripSchema } from '@retaille/domain';
import type { z } from 'zod';

/** A buyer's pickup tour: the trades, start and end, day, times and vehicle (issue 17). */
export const pickupTourInput = pickupTourInputSchema;
export const pickupTourPlanOutput = pickupTourPlanSchema;
export const recordedTourTripOutput = recordedTourTripSchema;
export type PickupTourPlanOutput = z.output<typeof pickupTourPlanOutput>;
export type PickupTourInputValue = z.input<typeof pickupTourInput>;
