import { type Database, type ImpactQueryFilter, impactRepository, type Kysely } from '@retaille/db';
import {
  assessTrade,
  computeTripEmissions,
  type FactorSet,
  type MethodSummary,
  type MethodTradeImpact,
  type Range,
  summariseImpacts,
  TRAVEL_MODE_FACTORS,
  type TravelMode,
} from '@retaille/domain';

/**
 * The registry vehicles of records made before trips were recorded, and the travel mode whose
 * range applies to them (the recorded central figure is kept; docs/impact-method.md §4).
 */
const MODE_OF_VEHICLE: Record<string, TravelMode> = {
  van_diesel_avg_defra: 'van_diesel',
  van_bev_avg_defra: 'van_electric',
};

/** The recorded central transport, spread like the mode's factor (low/central, high/central). */
function spread(central: number, mode: TravelMode): Range {
  const f = TRAVEL_MODE_FACTORS[mode].kgCo2e;
  if (f.central === 0) return { low: 0, central, high: central };
  return { low: (central * f.low) / f.central, central, high: (central * f.high) / f.central };
}

/**
 * Method v1 figures of a dashboard filter: central with range, coverage by material, the five
 * most sensitive parameters. Records that travelled in a recorded trip are charged their mass
 * share of the trip; the others keep their recorded transport (the labelled default when
 * nothing was recorded at handover). Each trade is counted once.
 */
export async function methodSummaryOf(
  db: Kysely<Database>,
  filter: ImpactQueryFilter,
  factorSet: FactorSet,
): Promise<MethodSummary> {
  const [groups, travelled] = await Promise.all([
    impactRepository.methodGroups(db, filter),
    impactRepository.travelledRecords(db, filter),
  ]);
  const impacts: MethodTradeImpact[] = groups.map((g) => {
    const mode = MODE_OF_VEHICLE[g.vehicle_key] ?? 'carrier';
    return assessTrade(
      {
        tradeId: `group:${g.material_key}:${g.vehicle_key}:${g.is_default}`,
        materialKey: g.material_key,
        massKg: g.mass_kg,
        transportKgCo2e: spread(g.transport_kg_co2e, mode),
        travelMode: mode,
        travelIsDefault: g.is_default,
        trades: g.trades,
      },
      factorSet,
    );
  });

  const trips = await impactRepository.tripsWithTrades(db, [...new Set(travelled.map((t) => t.trip_id))]);
  const allocation = new Map<string, { mode: TravelMode; kgCo2e: Range }>();
  for (const { trip, trades } of trips) {
    const own = travelled.find((t) => t.trip_id === trip.id);
    const e = computeTripEmissions({
      mode: trip.mode,
      distanceKm: trip.distance_km ?? own?.distance_km ?? 0,
      roundTrip: trip.round_trip,
      stopSiteIds: trip.stops,
      lots: trades.map((t) => ({
        tradeId: t.trade_id,
        massKg: t.mass_kg,
        sellerSiteId: `site:${t.seller_site_id}`,
        buyerSiteId: t.buyer_site_id ? `site:${t.buyer_site_id}` : `user:${t.buyer_user_id}`,
      })),
    });
    for (const lot of e.lots) allocation.set(lot.tradeId, { mode: e.mode, kgCo2e: lot.kgCo2e });
  }
  for (const r of travelled) {
    const a = allocation.get(r.trade_id);
    if (a === undefined) continue;
    impacts.push(
      assessTrade(
        {
          tradeId: r.trade_id,
          materialKey: r.material_key,
          massKg: r.mass_kg,
          transportKgCo2e: a.kgCo2e,
          travelMode: a.mode,
          travelIsDefault: false,
        },
        factorSet,
      ),
    );
  }
  return summariseImpacts(impacts, factorSet);
}
