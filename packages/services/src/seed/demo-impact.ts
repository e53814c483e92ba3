import {
  type DatabaseHandle,
  impactRepository,
  type LotRow,
  lotRepository,
  type SiteRow,
  siteRepository,
  tradeRepository,
  userRepository,
} from '@retaille/db';
import { haversineKm, IMPACT_METHOD_VERSION, type TravelMode } from '@retaille/domain';
import type { Auth } from '../auth/auth.ts';
import type { ImpactService } from '../impact/impact.service.ts';

/** Deterministic PRNG (mulberry32): the same demo history on every fresh start. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const KM_PER_DEG_LAT = 111.32;
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
 * meaningful figures on first start. Each trade sells one of the demo lots (weighed at handover)
 * either to a local designer living a few km from the workshop (most of them: short circuits) or
 * to another demo site within 120 km; the trade row is written completed in the past and its
 * impact is recorded by the same code as a live completion (`ImpactService.recordTrade`), so the
 * aggregates are real. Idempotent: does nothing once demo impact records exist.
 */
export async function seedDemoImpact(deps: {
  db: DatabaseHandle['db'];
  impact: ImpactService;
  auth: Auth;
  workshopUserId: string;
  now: () => Date;
}): Promise<{ trades: number }> {
  const { db } = deps;
  if (await impactRepository.hasDemoImpact(db)) return { trades: 0 };
  const { rows: allSites } = await siteRepository.listSites(db, {
    visibility: { allUnverified: true },
    limit: 500,
    offset: 0,
  });
  const sites = allSites.filter((s) => s.is_demo && s.verified_at !== null);
  const lots = (
    await lotRepository.listLotsOfSites(
      db,
      sites.map((s) => s.id),
      500,
    )
  ).filter((l) => l.is_demo);
  if (lots.length === 0) return { trades: 0 };
  const siteById = new Map(sites.map((s) => [s.id, s] as const));
  const rand = prng(20261126);
  // A second stream for the travel modes, so the trades themselves stay as they were.
  const travelRand = prng(20261204);

  // One local buyer per workshop with lots, living 3 to 18 km away (no password: not an account to use).
  const ctx = await deps.auth.$context;
  const localBuyer = new Map<string, string>();
  for (const siteId of new Set(lots.map((l) => l.site_id))) {
    const site = siteById.get(siteId)!;
    const user = await ctx.internalAdapter.createUser(
      {
        email: `voisinage-${site.id.slice(0, 8)}@demo.retaille.fr`,
        name: `Créateur·rice du voisinage — ${site.commune_name} (démo)`,
        emailVerified: true,
      },
      { method: 'email-password' },
    );
    const km = 3 + rand() * 15;
    const bearing = rand() * 2 * Math.PI;
    await userRepository.updateProfile(db, user.id, {
      roles: ['designer'],
      is_demo: true,
      home_lat: site.lat + (km * Math.cos(bearing)) / KM_PER_DEG_LAT,
      home_lon: site.lon + (km * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos((site.lat * Math.PI) / 180)),
    });
    localBuyer.set(siteId, user.id);
  }
  const neighbours = (origin: SiteRow) =>
    sites.filter((s) => s.id !== origin.id && haversineKm(origin, s) <= 120);

  const end = deps.now().getTime() - DAY;
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < DEMO_IMPACT_TRADES; i++) {
      const lot: LotRow = lots[Math.floor(rand() * lots.length)]!;
      const origin = siteById.get(lot.site_id)!;
      const near = neighbours(origin);
      const toSite = near.length > 0 && rand() < 0.3 ? near[Math.floor(rand() * near.length)]! : undefined;
      const completedAt = new Date(end - Math.floor(rand() * 364 * DAY));
      // Mostly small lots: 2 to 80 kg, skewed towards 10-20 kg.
      const kg = Math.round((2 + 78 * rand() ** 2.2) * 10) / 10;
      const lotKg = lot.mass_kg;
      const quantity =
        lot.unit === 'kg'
          ? kg
          : Math.max(0.001, Math.min(lot.quantity, lotKg ? (lot.quantity * kg) / lotKg : 1));
      const trade = await tradeRepository.insertTrade(trx, {
        lot_id: lot.id,
        seller_site_id: origin.id,
        buyer_user_id: toSite ? deps.workshopUserId : localBuyer.get(origin.id)!,
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
  });
  return { trades: count };
}
