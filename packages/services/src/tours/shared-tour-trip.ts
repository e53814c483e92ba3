import { type Database, impactRepository, type Transaction } from '@retaille/db';
import {
  DomainError,
  IMPACT_METHOD_VERSION,
  parisDayMinutes,
  type TradeState,
  validateTrip,
} from '@retaille/domain';
import { reallocateTrip } from '../impact/trip-recorder.ts';

/**
 * What a buyer's tour and a coordinator's pooled tour share: the Paris day of an agreed slot, the
 * mass a trade carries, and the recording of a driven tour as one `shared_tour` trip of every
 * trade it carried (docs/impact-method.md §4).
 */

/** Once driven, the lots may already be handed over, received or completed when the trip is recorded. */
export const RECORDABLE_STATES: readonly TradeState[] = [
  'pickup_scheduled',
  'handed_over',
  'received',
  'completed',
];

/**
 * The agreed pickup slot as a window of the tour's day: null when the slot is another day.
 * A slot running past midnight keeps the day's end.
 */
export function slotWindowOnDay(
  pickupStart: Date | string | null,
  pickupEnd: Date | string | null,
  day: string,
): { fromMin: number; toMin: number } | null {
  if (pickupStart === null) return null;
  const start = parisDayMinutes(new Date(pickupStart));
  const end = pickupEnd ? parisDayMinutes(new Date(pickupEnd)) : null;
  if (start.day !== day) return null;
  const toMin = end === null ? 24 * 60 : end.day === day ? end.min : 24 * 60;
  return { fromMin: start.min, toMin: Math.max(start.min, toMin) };
}

/** The mass carried: weighed at handover, else the quantity in kg, else the lot's mass pro rata. */
export function massCarriedKg(
  trade: { handover_grams: number | null; quantity: unknown; unit: string },
  lot: { mass_kg: unknown; quantity: unknown },
): number {
  if (trade.handover_grams !== null) return trade.handover_grams / 1000;
  const quantity = Number(trade.quantity);
  if (trade.unit === 'kg') return quantity;
  if (trade.unit === 't') return quantity * 1000;
  const lotQuantity = Number(lot.quantity);
  return lotQuantity > 0 ? (Number(lot.mass_kg ?? 0) * quantity) / lotQuantity : 0;
}

export interface TourTripLot {
  tradeId: string;
  massKg: number;
  sellerSiteId: string;
  buyerSiteId: string | null;
  buyerUserId: string;
}

/**
 * Inserts one `shared_tour` trip over `km` joined by every lot with its mass, and recomputes
 * the impact records already written for these trades. The caller has locked the trades and
 * checked none is on a trip already.
 */
export async function insertTourTrip(
  trx: Transaction<Database>,
  trip: { km: number; recordedBy: string; now: Date; lots: readonly TourTripLot[] },
): Promise<string> {
  const lots = trip.lots.map((l) => ({
    tradeId: l.tradeId,
    massKg: l.massKg,
    sellerSiteId: `site:${l.sellerSiteId}`,
    buyerSiteId: l.buyerSiteId ? `site:${l.buyerSiteId}` : `user:${l.buyerUserId}`,
  }));
  const stops = [...new Set(lots.flatMap((l) => [l.sellerSiteId, l.buyerSiteId]))];
  validateTrip({ mode: 'shared_tour', distanceKm: trip.km, roundTrip: false, stopSiteIds: stops, lots });
  const row = await impactRepository.insertTrip(trx, {
    mode: 'shared_tour',
    distance_km: trip.km,
    round_trip: false,
    stops,
    recorded_by_user_id: trip.recordedBy,
    method_version: IMPACT_METHOD_VERSION,
    created_at: trip.now,
  });
  for (const l of lots) {
    await impactRepository.addTripTrade(trx, {
      trip_id: row.id,
      trade_id: l.tradeId,
      mass_kg: l.massKg,
      added_at: trip.now,
    });
  }
  await reallocateTrip(trx, row.id, trip.now);
  return row.id;
}

/** Refuses a trade already travelled in a recorded trip (a lot travels once). */
export async function refuseIfOnTrip(
  trx: Transaction<Database>,
  tradeId: string,
  path: string,
): Promise<void> {
  if ((await impactRepository.findTripOfTrade(trx, tradeId)) !== undefined) {
    throw new DomainError('CONFLICT', 'tour.tradeAlreadyOnTrip', {
      fields: [{ path, key: 'tour.tradeAlreadyOnTrip' }],
    });
  }
}
