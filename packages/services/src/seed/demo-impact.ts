import {
  type DatabaseHandle,
  impactRepository,
  type LotRow,
  lotRepository,
  type SiteRow,
  siteRepository,
  tradeRepository,
} from '@retaille/db';
import { haversineKm, IMPACT_METHOD_VERSION, mulberry32 as prng, type TravelMode } from '@retaille/domain';
import type { UserActor } from '../auth/actor.ts';
import type { ImpactService } from '../impact/impact.service.ts';

const DAY = 86_400_000;
/** About 30 trades a month across the demo network. */
export const DEMO_IMPACT_TRADES = 360;

/**
 * How demo lots travel (docs/impact-method.md §4), a plausible mix rather than survey data: a
 * local designer mostly comes by bike, on foot or by public transport for small lots, by car
 * otherwise; a workshop further away sends a van or a carrier. About one trade in ten records
 * nothing and is charged the labelled default (diesel van, round trip).
 */
export function demoTravel(
  r: number,
  args: { toSite: boolean; kg: number },
): { mode: TravelMode; roundTrip: boolean } | null {
  if (r < 0.1) return null;
  const x = (r - 0.1) / 0.9;
  if (!args.toSite) {
    if (args.kg <= 5 && x < 0.15) return { mode: 'on_foot', roundTrip: true };
    if (args.kg <= 25 && x < 0.45) return { mode: 'bike', roundTrip: true };
    if (args.kg <= 15 && x < 0.6) return { mode: 'public_transport', roundTrip: true };
    if (x < 0.8) return { mode: 'car_errands', roundTrip: true };
    return { mode: 'car_dedicated', roundTrip: true };
  }
  if (x < 0.35) return { mode: 'van_diesel', roundTrip: true };
  if (x < 0.5) return { mode: 'van_electric', roundTrip: true };
  if (x < 0.75) return { mode: 'carrier', roundTrip: false };
  if (x < 0.9) return { mode: 'car_dedicated', roundTrip: true };
  return { mode: 'van_diesel', roundTrip: false };
}

/**
 * Twelve months of completed trades across the demo network, so the impact dashboard shows
 * meaningful figures on first start. Each trade sells part of a demo lot (whole pieces for counted
 * units, weighed at handover) either to a maker living a few km from the workshop (most of them:
 * short circuits), to one of the designers of the nearest towns, or to another manufacture within 120 km with a different owner (a
 * workshop never buys from itself); the trade row is written completed in the past and its impact
 * is recorded by the same code as a live completion (`ImpactService.recordTrade`), so the
 * aggregates are real. The lots' quantities account for it: what the history sold is added to the
 * lot's initial quantity and to its sold quantity, so the quantity still offered is the seeded one.
 * Idempotent: does nothing once demo impact records exist.
 */
export async function seedDemoImpact(deps: {
  db: DatabaseHandle['db'];
  impact: ImpactService;
  buyers: { actor: UserActor; lat: number; lon: number }[];
  /** A maker living near each site, who makes most of its short circuits. */
  localBuyers?: Map<string, UserActor>;
  owners: Map<string, UserActor>;
  now: () => Date;
}): Promise<{ trades: number }> {
  const { db } = deps;
  if (await impactRepository.hasDemoImpact(db)) return { trades: 0 };
  const { rows: allSites } = await siteRepository.listSites(db, {
    visibility: { allUnverified: true },
    limit: 500,
    offset: 0,
  });
  const sites = allSites.filter((s) => s.is_demo && s.verified_at !== null && deps.owners.has(s.id));
  const lots = (
    await lotRepository.listLotsOfSites(
      db,
      sites.map((s) => s.id),
      1000,
    )
  ).filter((l) => l.is_demo);
  if (lots.length === 0 || deps.buyers.length === 0) return { trades: 0 };
  const siteById = new Map(sites.map((s) => [s.id, s] as const));
  const rand = prng(20261126);
  // A second stream for the travel modes, so the trades themselves stay as they were.
  const travelRand = prng(20261204);
  const ownerOf = (siteId: string) => deps.owners.get(siteId)!.userId;
  const nearestBuyers = new Map<string, UserActor[]>();
  for (const site of sites) {
    const sorted = [...deps.buyers].sort((a, b) => haversineKm(site, a) - haversineKm(site, b));
    nearestBuyers.set(
      site.id,
      sorted.slice(0, 3).map((b) => b.actor),
    );
  }
  const neighbours = (origin: SiteRow) =>
    sites.filter(
      (s) => s.id !== origin.id && ownerOf(s.id) !== ownerOf(origin.id) && haversineKm(origin, s) <= 120,
    );
  const sold = new Map<string, number>();
  const end = deps.now().getTime() - DAY;
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < DEMO_IMPACT_TRADES; i++) {
      const lot: LotRow = lots[Math.floor(rand() * lots.length)]!;
      const origin = siteById.get(lot.site_id)!;
      const near = neighbours(origin);
      const toSite = near.length > 0 && rand() < 0.25 ? near[Math.floor(rand() * near.length)]! : undefined;
      const neighbour = deps.localBuyers?.get(origin.id);
      const city = nearestBuyers.get(origin.id)!;
      const local = neighbour && rand() < 0.92 ? neighbour : city[Math.floor(rand() * city.length)]!;
      const buyerId = toSite ? ownerOf(toSite.id) : local.userId;
      const completedAt = new Date(end - Math.floor(rand() * 364 * DAY));
      // Mostly small lots: 2 to 80 kg, skewed towards 10-20 kg.
      let kg = Math.round((2 + 78 * rand() ** 2.2) * 10) / 10;
      const lotQuantity = Number(lot.quantity);
      const lotKg = lot.mass_kg === null ? null : Number(lot.mass_kg);
      let quantity = kg;
      if (lot.unit !== 'kg') {
        // Whole pieces, sheets or rolls; the mass follows from the lot's mass per unit.
        const perUnit = lotKg ? lotKg / lotQuantity : 1;
        quantity = Math.max(1, Math.round(kg / perUnit));
        kg = Math.round(quantity * perUnit * 10) / 10;
      }
      sold.set(lot.id, (sold.get(lot.id) ?? 0) + quantity);
      const trade = await tradeRepository.insertTrade(trx, {
        lot_id: lot.id,
        seller_site_id: origin.id,
        buyer_user_id: buyerId,
        buyer_site_id: toSite?.id ?? null,
        quantity: quantity.toFixed(3),
        unit: lot.unit,
        unit_price_cents: 0,
        subtotal_cents: 0,
        vat_cents: 0,
        total_cents: 0,
        platform_fee_bps: 0,
        platform_fee_cents: 0,
        seller_payout_cents: 0,
        final_total_cents: 0,
        final_platform_fee_cents: 0,
        final_seller_payout_cents: 0,
        is_paid: false,
        state: 'completed',
        state_entered_at: completedAt,
        handover_grams: Math.round(kg * 1000),
        handed_over_at: new Date(completedAt.getTime() - DAY),
        received_at: completedAt,
        created_at: new Date(completedAt.getTime() - 6 * DAY),
        updated_at: completedAt,
      });
      const travel = demoTravel(travelRand(), { toSite: toSite !== undefined, kg });
      if (travel !== null) {
        const trip = await impactRepository.insertTrip(trx, {
          mode: travel.mode,
          distance_km: null,
          round_trip: travel.roundTrip,
          stops: [`site:${origin.id}`, toSite ? `site:${toSite.id}` : `user:${trade.buyer_user_id}`],
          recorded_by_user_id: null,
          method_version: IMPACT_METHOD_VERSION,
          created_at: completedAt,
        });
        await impactRepository.addTripTrade(trx, {
          trip_id: trip.id,
          trade_id: trade.id,
          mass_kg: kg,
          added_at: completedAt,
        });
      }
      await deps.impact.recordTrade(trx, trade, completedAt);
      count++;
    }
    for (const lot of lots) {
      const extra = sold.get(lot.id);
      if (!extra) continue;
      const initial = Number(lot.quantity) + extra;
      const scale = initial / Number(lot.quantity);
      await lotRepository.updateLot(trx, lot.id, {
        quantity: String(initial),
        quantity_sold: String(Number(lot.quantity_sold) + extra),
        ...(lot.mass_kg === null
          ? {}
          : { mass_kg: String(Math.round(Number(lot.mass_kg) * scale * 1000) / 1000) }),
      });
    }
  });
  return { trades: count };
}
