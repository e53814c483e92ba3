import { type Database, impactRepository, type Kysely, type TradeRow, type Transaction } from '@retaille/db';
import {
  DomainError,
  type FieldProblem,
  IMPACT_METHOD_VERSION,
  methodRecordInputSchema,
  type TravelMode,
  type TripInput,
  validateTrip,
} from '@retaille/domain';
import { FactorRegistry } from './factor-registry.service.ts';
import { methodFigures } from './impact-recorder.ts';

/**
 * How a lot travelled, as the parties record it at handover (docs/impact-method.md §4). Either a
 * new trip (mode, one way or round trip, the distance when it is not the sites' distance, the
 * other sites a tour stops at), or `tripId`: the lot joined a trip another handover recorded.
 */
export interface HandoverTravel {
  mode: TravelMode;
  roundTrip: boolean;
  /** Null: the distance between the trade's two sites. Required for a shared tour (its loop). */
  distanceKm?: number | null;
  /** Other sites a shared trip stops at (a tour collecting several lots). */
  alsoStopsAtSiteIds?: readonly string[];
  /** Join an existing trip: its mode, distance and stops apply. */
  tripId?: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

const partiesOf = (t: Pick<TradeRow, 'seller_site_id' | 'buyer_site_id' | 'buyer_user_id'>) => ({
  sellerSiteId: `site:${t.seller_site_id}`,
  buyerSiteId: t.buyer_site_id ? `site:${t.buyer_site_id}` : `user:${t.buyer_user_id}`,
});

/** Renames the domain's trip fields to the handover input's (`travel.*`). */
function refuse(fields: FieldProblem[]): never {
  throw new DomainError('VALIDATION', 'impact.invalidTrip', {
    fields: fields.map((f) => ({
      ...f,
      path: f.path.startsWith('lots') ? 'travel.tripId' : `travel.${f.path}`,
    })),
  });
}

function check(input: TripInput): void {
  try {
    validateTrip(input);
  } catch (e) {
    if (e instanceof DomainError && e.key === 'impact.invalidTrip') refuse(e.details.fields ?? []);
    throw e;
  }
}

/**
 * `checkHandoverTravel` checks a handover's travel without writing (called before the transition, so an impossible trip
 * is refused before the lot is marked handed over), or records it inside `trx` when given.
 * Refused with the field named: `travel.tripId` (the trade already travelled in a recorded trip),
 * `travel.distanceKm` (negative, or missing for a shared tour),
 * `travel.mode` (no factor), `travel.tripId` (unknown trip, or this trade's parties are not stops
 * of the trip).
 */
export async function checkHandoverTravel(db: Db, args: HandoverTravelArgs): Promise<void> {
  await handoverTravel(db, args, false);
}

/** Records the travel in the handover's transaction (the trip is locked while a trade joins it). */
export async function recordHandoverTravel(
  trx: Transaction<Database>,
  args: HandoverTravelArgs,
): Promise<void> {
  await handoverTravel(trx, args, true);
}

export interface HandoverTravelArgs {
  trade: TradeRow;
  massKg: number;
  travel: HandoverTravel;
  userId: string;
  now: Date;
}

async function handoverTravel(db: Db, args: HandoverTravelArgs, record: boolean): Promise<void> {
  const { trade, massKg, travel, now } = args;
  const self = { tradeId: trade.id, massKg, ...partiesOf(trade) };
  // A lot travels once: a tour recorded as its trip (services/tours) already says how it travelled.
  if ((await impactRepository.findTripOfTrade(db, trade.id)) !== undefined) {
    refuse([{ path: 'tripId', key: 'impact.tripAlreadyRecorded' }]);
  }

  if (travel.tripId) {
    const found = record
      ? await impactRepository.lockTrip(db as Transaction<Database>, travel.tripId)
      : await impactRepository.findTrip(db, travel.tripId);
    if (found === undefined) refuse([{ path: 'tripId', key: 'impact.tripNotFound' }]);
    const others = await impactRepository.listTripTrades(db, found.id);
    check({
      mode: found.mode,
      distanceKm: found.distance_km ?? 0,
      roundTrip: found.round_trip,
      stopSiteIds: found.stops,
      lots: [
        ...others
          .filter((o) => o.trade_id !== trade.id)
          .map((o) => ({ tradeId: o.trade_id, massKg: o.mass_kg, ...partiesOf(o) })),
        self,
      ],
    });
    if (record) {
      await impactRepository.addTripTrade(db, {
        trip_id: found.id,
        trade_id: trade.id,
        mass_kg: massKg,
        added_at: now,
      });
      await reallocateTrip(db as Transaction<Database>, found.id, now);
    }
    return;
  }

  if (travel.mode === 'shared_tour' && (travel.distanceKm === undefined || travel.distanceKm === null)) {
    refuse([{ path: 'distanceKm', key: 'impact.tripDistanceRequired' }]);
  }
  const stops = [
    self.sellerSiteId,
    self.buyerSiteId,
    ...(travel.alsoStopsAtSiteIds ?? []).map((id) => `site:${id}`),
  ];
  check({
    mode: travel.mode,
    distanceKm: travel.distanceKm ?? 0,
    roundTrip: travel.roundTrip,
    stopSiteIds: stops,
    lots: [self],
  });
  if (!record) return;
  const trip = await impactRepository.insertTrip(db, {
    mode: travel.mode,
    distance_km: travel.distanceKm ?? null,
    round_trip: travel.roundTrip,
    stops: [...new Set(stops)],
    recorded_by_user_id: args.userId,
    method_version: IMPACT_METHOD_VERSION,
    created_at: now,
  });
  await impactRepository.addTripTrade(db, {
    trip_id: trip.id,
    trade_id: trade.id,
    mass_kg: massKg,
    added_at: now,
  });
}

/**
 * A trade joined a trip: every lot's mass share changed, so the impact records already written
 * for the trip's other trades are recomputed with the new shares (their previous figures kept in
 * impact_record_revision, the rollups moved in the same transaction). Records of an older method
 * version are left to the method upgrade, which reads the trip as it is then.
 */
export async function reallocateTrip(trx: Transaction<Database>, tripId: string, now: Date): Promise<number> {
  const lots = (await impactRepository.listTripTrades(trx, tripId)).map((t) => ({
    tradeId: t.trade_id,
    massKg: t.mass_kg,
  }));
  const records = await impactRepository.findImpactRecords(
    trx,
    lots.map((l) => l.tradeId),
  );
  const registry = new FactorRegistry({ db: trx, now: () => now });
  const updates: impactRepository.ImpactFiguresUpdate[] = [];
  for (const r of records) {
    if (r.method_version !== IMPACT_METHOD_VERSION) continue;
    const parsed = methodRecordInputSchema.safeParse(r.input);
    const factorSet = await registry.get(r.factor_version, trx);
    if (!parsed.success || factorSet === undefined) continue;
    const input = { ...parsed.data, travel: { ...parsed.data.travel, tripId, lots } };
    updates.push({ trade_id: r.trade_id, ...methodFigures(input, factorSet, r.flags) });
  }
  return impactRepository.replaceImpactFigures(trx, updates, 'trip_changed', now);
}
