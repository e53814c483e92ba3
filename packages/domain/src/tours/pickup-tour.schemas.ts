import { z } from 'zod';
import { calendarDateSchema } from '../shared/input-schemas.ts';

/**
 * A buyer's request for one tour through their agreed pickups (issue 17): which trades, where the
 * tour starts and ends (one of the buyer's sites or a point, e.g. home), the day, the departure
 * and latest return, and the vehicle. The stops, loads and windows are read from the trades.
 */
const MINUTES_PER_DAY = 24 * 60;
export const PICKUP_TOUR_MAX_TRADES = 60;

/** Departure and latest return, minutes from midnight (08:00 and 19:00 by default); shared with pooled tours. */
export const tourTimesShape = {
  departMin: z
    .number()
    .int()
    .min(0)
    .max(MINUTES_PER_DAY)
    .default(8 * 60),
  returnByMin: z
    .number()
    .int()
    .min(0)
    .max(MINUTES_PER_DAY)
    .default(19 * 60),
};

export const tourPlaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site'), siteId: z.uuid({ error: 'tour.invalidInput' }) }),
  z.object({
    kind: z.literal('point'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  }),
]);
export type TourPlace = z.infer<typeof tourPlaceSchema>;

export const pickupTourInputSchema = z
  .object({
    tradeIds: z
      .array(z.uuid({ error: 'tour.invalidInput' }))
      .min(1)
      .max(PICKUP_TOUR_MAX_TRADES, { error: 'tour.tooManyStops' }),
    start: tourPlaceSchema,
    end: tourPlaceSchema.optional(),
    day: calendarDateSchema,
    ...tourTimesShape,
    vehicle: z.object({
      vehicleKey: z.string().min(1).max(100),
      capacityKg: z.number().positive({ error: 'tour.capacityPositive' }).max(40_000),
      capacityM3: z.number().positive().max(200).optional(),
    }),
    /** Minutes spent loading at each stop. */
    serviceMin: z.number().int().min(0).max(480).default(10),
  })
  .superRefine((v, ctx) => {
    if (v.returnByMin < v.departMin) {
      ctx.addIssue({ code: 'custom', path: ['returnByMin'], message: 'tour.windowReversed' });
    }
    const seen = new Set<string>();
    v.tradeIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['tradeIds', i], message: 'tour.duplicateId' });
      seen.add(id);
    });
  });
export type PickupTourInput = z.input<typeof pickupTourInputSchema>;
export type PickupTourRequest = z.output<typeof pickupTourInputSchema>;

const pointSchema = z.object({ lat: z.number(), lon: z.number() });
const windowOutputSchema = z.object({ fromMin: z.number(), toMin: z.number() });

export const pickupTourStopSchema = z.object({
  tradeId: z.uuid(),
  siteId: z.uuid(),
  siteName: z.string(),
  communeName: z.string(),
  lotTitle: z.string(),
  point: pointSchema,
  loadKg: z.number(),
  arrivalMin: z.number(),
  serviceStartMin: z.number(),
  departureMin: z.number(),
  waitMin: z.number(),
  legKm: z.number(),
});

export const pickupTourPlanSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    day: z.string(),
    method: z.enum(['exact', 'heuristic']),
    optimal: z.boolean(),
    vehicleKey: z.string(),
    start: pointSchema,
    end: pointSchema,
    startMin: z.number(),
    endMin: z.number(),
    /** The last leg, from the last stop to the end. */
    lastLegKm: z.number(),
    km: z.number(),
    separateKm: z.number(),
    co2eKg: z.number(),
    separateCo2eKg: z.number(),
    loadKg: z.number(),
    stops: z.array(pickupTourStopSchema),
  }),
  z.object({
    status: z.literal('infeasible'),
    day: z.string(),
    reasons: z.array(
      z.object({
        tradeId: z.uuid(),
        reason: z.string(),
        /** For a window reason: the agreed pickup slot and the site's opening that day. */
        slot: windowOutputSchema.optional(),
        openingHours: windowOutputSchema.optional(),
      }),
    ),
  }),
]);
export type PickupTourPlan = z.infer<typeof pickupTourPlanSchema>;

export const recordedTourTripSchema = z.object({
  tripId: z.uuid(),
  km: z.number(),
  tradeIds: z.array(z.uuid()),
});
export type RecordedTourTrip = z.infer<typeof recordedTourTripSchema>;
