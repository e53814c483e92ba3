import { z } from 'zod';
import type { FactorSet } from '../impact/factor-registry.ts';
import { DEFAULT_VEHICLE_KEY } from '../impact/vehicles.ts';
import type { SolveBudget } from './vrp-heuristic.ts';

/** The request, configuration and answer of the tour planners (plan-tours.ts). */
export const MINUTES_PER_DAY = 24 * 60;

const pointSchema = z.object({ lat: z.number(), lon: z.number() });
const windowSchema = z
  .object({
    fromMin: z.number().int().min(0).max(MINUTES_PER_DAY),
    toMin: z.number().int().min(0).max(MINUTES_PER_DAY),
  })
  .refine((w) => w.fromMin <= w.toMin, { error: 'tour.windowReversed' });
export type TimeWindow = z.infer<typeof windowSchema>;

export const tourStopSchema = z.object({
  id: z.string().min(1).max(100),
  /** The buyer (or trade) the pickup belongs to, for pooled tours. */
  ownerId: z.string().min(1).max(100).optional(),
  point: pointSchema,
  loadKg: z.number().nonnegative().max(100_000),
  loadM3: z.number().nonnegative().max(1_000).default(0),
  /** Minutes spent loading. */
  serviceMin: z.number().nonnegative().max(480).default(10),
  /** When the pickup is agreed (minutes from midnight of the day). */
  availability: windowSchema.optional(),
  /** The seller's site opening hours that day. */
  openingHours: windowSchema.optional(),
  /** The seller's site is closed that day (its hours name other weekdays). */
  closed: z.boolean().default(false),
});
export type TourStopInput = z.input<typeof tourStopSchema>;

const placeSchema = z.object({ point: pointSchema, window: windowSchema.optional() });

export const tourRequestSchema = z.object({
  /** Start (a site or home); leaves at its window's start (default 08:00). */
  start: placeSchema,
  /** End; defaults to the start. Must be reached by its window's end (default 19:00). */
  end: placeSchema.optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  vehicle: z.object({
    capacityKg: z.number().positive().max(40_000),
    capacityM3: z.number().positive().max(200).optional(),
    vehicleKey: z.string().min(1).default(DEFAULT_VEHICLE_KEY),
    /** Pooled tours only: at most this many tours. */
    count: z.number().int().positive().max(1_000).optional(),
  }),
  stops: z.array(tourStopSchema).min(1),
});
export type TourRequest = z.input<typeof tourRequestSchema>;

/** A distance (and optionally duration) table over [start, ...stops, end], e.g. from OSRM `/table`. */
export interface DistanceMatrix {
  km: readonly (readonly number[])[];
  minutes?: readonly (readonly number[])[];
}

export interface TourConfig {
  /** Most stops in one request (single tour), or pickups (pooled). */
  maxStops: number;
  /** Road km ≈ haversine km × this, when no matrix is given. */
  detourFactor: number;
  /** Average speed turning km into minutes when the matrix gives no durations. */
  speedKmh: number;
  /** Exact dynamic programming up to this many stops, heuristic above. */
  exactMaxStops: number;
}

export const DEFAULT_TOUR_CONFIG: TourConfig = {
  maxStops: 60,
  detourFactor: 1.3,
  speedKmh: 45,
  exactMaxStops: 10,
};
export const DEFAULT_POOLED_MAX_STOPS = 500;
export const DEFAULT_START_MIN = 8 * 60;
export const DEFAULT_END_MIN = 19 * 60;

export type TourInfeasibility =
  | 'tour.windowEmpty'
  | 'tour.siteClosed'
  | 'tour.outsideOpeningHours'
  | 'tour.windowUnreachable'
  | 'tour.capacityBelowLot'
  | 'tour.capacityExceeded'
  | 'tour.windowsConflict'
  | 'tour.noFeasiblePlace';

export interface UnservedStop {
  stopId: string;
  reason: TourInfeasibility;
  /** For a window reason: the stop's agreed slot and its site's hours that day, as given. */
  availability?: TimeWindow | undefined;
  openingHours?: TimeWindow | undefined;
}

export interface PlannedStop {
  stopId: string;
  ownerId: string | null;
  arrivalMin: number;
  serviceStartMin: number;
  departureMin: number;
  waitMin: number;
  legKm: number;
}

export interface PlannedTour {
  stops: PlannedStop[];
  startMin: number;
  endMin: number;
  km: number;
  loadKg: number;
  loadM3: number;
  co2eKg: number;
}

export interface TourPlanOk {
  status: 'ok';
  tours: PlannedTour[];
  km: number;
  /** Each pickup as its own trip start → stop → end. */
  separateKm: number;
  co2eKg: number;
  separateCo2eKg: number;
  method: 'exact' | 'heuristic';
  /** True when the tours are proven shortest (exact method). */
  optimal: boolean;
  iterations: number;
  unserved: UnservedStop[];
}

export interface TourPlanInfeasible {
  status: 'infeasible';
  reasons: UnservedStop[];
}

export type TourPlan = TourPlanOk | TourPlanInfeasible;

export interface TourContext {
  factorSet: FactorSet;
  config?: Partial<TourConfig>;
  matrix?: DistanceMatrix;
  budget?: SolveBudget;
}
