import { z } from 'zod';
import { DEPARTEMENT_CODE } from '../geo/codes.ts';
import { calendarDateSchema, safeText } from '../shared/input-schemas.ts';
import { tourTimesShape } from './pickup-tour.schemas.ts';

/**
 * A coordinator's pooled pickup tours (issue 17): over the agreed pickups of every buyer whose
 * seller site lies in a territory of their scope (a département or a région) on a day, shared
 * tours from a depot site with vehicles of a capacity; proposed to the parties, who accept or
 * decline each stop; the accepted stops recorded as the trips driven.
 */
/** The hard ceiling of the schema; the configured maximum (POOLED_TOUR_MAX_STOPS) is at most this. */
export const POOLED_TOUR_HARD_MAX_STOPS = 500;

export const POOLED_TOUR_STATUSES = ['proposed', 'recorded'] as const;
export type PooledTourStatus = (typeof POOLED_TOUR_STATUSES)[number];
export const POOLED_TOUR_RESPONSES = ['pending', 'accepted', 'declined'] as const;
export type PooledTourResponse = (typeof POOLED_TOUR_RESPONSES)[number];
export const TERRITORY_SCOPE_KINDS = ['departement', 'region'] as const;
export type TerritoryScopeKind = (typeof TERRITORY_SCOPE_KINDS)[number];

export const territoryScopeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('departement'),
    code: safeText().regex(DEPARTEMENT_CODE, { error: 'tour.unknownTerritory' }),
  }),
  z.object({
    kind: z.literal('region'),
    code: safeText().regex(/^\d{2}$/, { error: 'tour.unknownTerritory' }),
  }),
]);
export type TerritoryScope = z.infer<typeof territoryScopeSchema>;

/** The territory as stored (a kind and a code) back to its tagged form. */
export function territoryScope(kind: TerritoryScopeKind, code: string): TerritoryScope {
  return kind === 'region' ? { kind: 'region', code } : { kind: 'departement', code };
}

export const pooledTourInputSchema = z
  .object({
    territory: territoryScopeSchema,
    day: calendarDateSchema,
    depotSiteId: z.uuid({ error: 'tour.invalidInput' }),
    ...tourTimesShape,
    vehicle: z.object({
      vehicleKey: safeText().min(1).max(100),
      capacityKg: z.number().positive({ error: 'tour.capacityPositive' }).max(40_000),
      capacityM3: z.number().positive().max(200).optional(),
      count: z.number().int().min(1).max(50).default(5),
    }),
    serviceMin: z.number().int().min(0).max(480).default(10),
  })
  .refine((v) => v.returnByMin >= v.departMin, { path: ['returnByMin'], error: 'tour.windowReversed' });
export type PooledTourInput = z.input<typeof pooledTourInputSchema>;
export type PooledTourRequest = z.output<typeof pooledTourInputSchema>;

const pointSchema = z.object({ lat: z.number(), lon: z.number() });
const responseSchema = z.enum(POOLED_TOUR_RESPONSES);

export const pooledTourStopSchema = z.object({
  tradeId: z.uuid(),
  siteName: z.string(),
  communeName: z.string(),
  lotTitle: z.string(),
  point: pointSchema,
  loadKg: z.number(),
  arrivalMin: z.number(),
  serviceStartMin: z.number(),
  legKm: z.number(),
  buyerResponse: responseSchema,
  sellerResponse: responseSchema,
  /** The caller's part in this stop, if any: what they may answer. */
  myRole: z.enum(['buyer', 'seller']).nullable(),
});

export const pooledTourVehicleSchema = z.object({
  km: z.number(),
  loadKg: z.number(),
  stops: z.array(pooledTourStopSchema),
});

/** A planned (not yet stored) or a proposed pooled tour. */
export const pooledTourPlanSchema = z.object({
  id: z.uuid().nullable(),
  status: z.enum(['planned', ...POOLED_TOUR_STATUSES]),
  territory: territoryScopeSchema,
  day: z.string(),
  depot: z.object({ siteId: z.uuid(), name: z.string(), point: pointSchema }),
  vehicleKey: z.string(),
  km: z.number(),
  separateKm: z.number(),
  co2eKg: z.number(),
  separateCo2eKg: z.number(),
  vehicles: z.array(pooledTourVehicleSchema),
  unserved: z.array(
    z.object({
      tradeId: z.uuid(),
      reason: z.string(),
      slot: z.object({ fromMin: z.number(), toMin: z.number() }).optional(),
      openingHours: z.object({ fromMin: z.number(), toMin: z.number() }).optional(),
    }),
  ),
  /** The coordinator may record it (every stop answered or not, the accepted ones travel). */
  canRecord: z.boolean(),
});
export type PooledTourPlan = z.infer<typeof pooledTourPlanSchema>;

export const pooledTourIdSchema = z.object({ tourId: z.uuid({ error: 'tour.notFound' }) });
export const pooledTourRespondSchema = z.object({
  tourId: z.uuid({ error: 'tour.notFound' }),
  tradeId: z.uuid({ error: 'trade.notFound' }),
  accept: z.boolean(),
});
export type PooledTourRespondInput = z.input<typeof pooledTourRespondSchema>;

export const recordedPooledTourSchema = z.object({
  tourId: z.uuid(),
  trips: z.array(z.object({ tripId: z.uuid(), km: z.number(), tradeIds: z.array(z.uuid()) })),
});
export type RecordedPooledTour = z.infer<typeof recordedPooledTourSchema>;

/** A stop stays in the tour unless one party declined; it travels once both accepted. */
export function stopStanding(buyer: PooledTourResponse, seller: PooledTourResponse): PooledTourResponse {
  if (buyer === 'declined' || seller === 'declined') return 'declined';
  return buyer === 'accepted' && seller === 'accepted' ? 'accepted' : 'pending';
}
