import { type DatabaseHandle, siteRepository } from '@retaille/db';
import type { UserActor } from '../auth/actor.ts';
import type { PooledTourService } from '../tours/pooled-tour.service.ts';
import type { TradeService } from '../trades/trade.service.ts';
import type { LoadedNetwork } from './demo-network-loader.ts';
import { sharedDemoSlot } from './demo-slots.ts';
import { type DemoTradeScript, demoHandoverKg, playDemoTrades, type TradableLot } from './demo-trades.ts';

/**
 * The coordinator's pooled tours in the demo, through the services a coordinator's page calls:
 * in a few départements where several manufactures have free lots, buyers agree pickups on the
 * same day inside the sites' opening hours (the trade commands), then the demo coordinator plans
 * and proposes a shared tour (`PooledTourService.propose`), the parties answer (`respond`).
 * The first tour is accepted by everyone, recorded as the trip driven (`record`) and its lots
 * handed over and received, so shared-tour trips count in the impact and the circuits map shows
 * the km they avoided; the second is partly answered (one stop declined); the third waits for
 * the demo designer's answer. The bells fill as in the app: each stop's parties are told of the
 * proposal, the coordinator of each answer.
 */

/** How many tours, and how many stops (sites) each takes at most. */
const TOURS = 3;
const STOPS_PER_TOUR = 3;

export interface DemoToursReport {
  tours: number;
  recorded: number;
  trades: number;
}

export interface DemoTourDeps {
  db: DatabaseHandle['db'];
  trades: TradeService;
  pooledTours: PooledTourService;
  operator: UserActor;
  now: () => Date;
}

interface TourGroup {
  departement: string;
  lots: TradableLot[];
}

/**
 * Départements with free lots at two or more manufactures, most sites first; the designer's tour
 * (the last) is taken in Île-de-France, where the demo designer lives, when one qualifies.
 */
export function pickTourGroups(network: LoadedNetwork, free: readonly TradableLot[]): TourGroup[] {
  const siteOf = new Map(network.sites.map((s) => [s.row.id, s.row]));
  const byDep = new Map<string, Map<string, TradableLot>>();
  for (const lot of free) {
    const site = siteOf.get(lot.siteId);
    if (!site) continue;
    const sites = byDep.get(site.departement_code) ?? new Map<string, TradableLot>();
    if (!sites.has(lot.siteId)) sites.set(lot.siteId, lot);
    byDep.set(site.departement_code, sites);
  }
  const groups = [...byDep.entries()]
    .filter(([, sites]) => sites.size >= 2)
    .map(([departement, sites]) => ({ departement, lots: [...sites.values()].slice(0, STOPS_PER_TOUR) }))
    .sort((a, b) => b.lots.length - a.lots.length || a.departement.localeCompare(b.departement));
  const idf = groups.find((g) => siteOf.get(g.lots[0]!.siteId)?.region_code === '11');
  const others = groups.filter((g) => g !== idf).slice(0, idf ? TOURS - 1 : TOURS);
  return idf ? [...others, idf] : others;
}

export async function seedDemoPooledTours(
  deps: DemoTourDeps,
  network: LoadedNetwork,
  roles: { coordinator: UserActor; designer: UserActor },
  groups: readonly TourGroup[],
): Promise<DemoToursReport> {
  const report = { tours: 0, recorded: 0, trades: 0 };
  for (const [index, group] of groups.entries()) {
    const designerTour = index === groups.length - 1 && index > 0;
    const siteIds = group.lots.map((l) => l.siteId);
    const hours = await siteRepository.openingHoursOf(deps.db, siteIds);
    // One day every site of the tour is open, a slot inside the hours they share.
    const slot = sharedDemoSlot(
      siteIds.map((id) => hours.get(id) ?? []),
      deps.now(),
      1 + index,
      4 * 60,
    );
    // Each stop's buyer is the maker living near another site of the tour (a neighbour of the
    // département); the designer takes the first stop of their tour.
    const scripts: DemoTradeScript[] = group.lots.map((lot, i) => {
      const neighbour = network.localBuyers.get(siteIds[(i + 1) % siteIds.length]!);
      const buyer = designerTour && i === 0 ? roles.designer : (neighbour ?? roles.designer);
      return { target: 'pickup_scheduled', lot, buyer, slot: { start: slot.start, end: slot.end } };
    });
    // The stops whose pickup was agreed, with their trade.
    const agreed: { script: DemoTradeScript; tradeId: string }[] = [];
    for (const script of scripts) {
      const [played] = await playDemoTrades({
        db: deps.db,
        trades: deps.trades,
        emulator: undefined,
        operator: deps.operator,
        scripts: [script],
        now: deps.now,
      });
      if (played?.state === 'pickup_scheduled') agreed.push({ script, tradeId: played.tradeId });
    }
    report.trades += agreed.length;
    if (agreed.length < 2) continue;
    try {
      const tour = await deps.pooledTours.propose(roles.coordinator, {
        territory: { kind: 'departement', code: group.departement },
        day: slot.day,
        depotSiteId: siteIds[0]!,
        departMin: 7 * 60,
        returnByMin: 20 * 60,
        vehicle: { vehicleKey: 'van_diesel_avg_defra', capacityKg: 800, count: 1 },
        serviceMin: 10,
      });
      report.tours++;
      const tourId = tour.id!;
      const stops = tour.vehicles.flatMap((v) => v.stops);
      const byTrade = new Map(agreed.map((a) => [a.tradeId, a.script]));
      for (const [i, stop] of stops.entries()) {
        const script = byTrade.get(stop.tradeId);
        if (!script) continue;
        const answer = (who: UserActor, accept: boolean) =>
          deps.pooledTours.respond(who, { tourId, tradeId: stop.tradeId, accept });
        if (index === 0) {
          await answer(script.buyer, true);
          await answer(script.lot.seller, true);
        } else if (!designerTour) {
          // Partly answered: the first stop agreed by both, the last declined by its seller (the
          // coordinator plans again without it), any between accepted by its buyer only.
          if (i === 0) {
            await answer(script.buyer, true);
            await answer(script.lot.seller, true);
          } else if (i === stops.length - 1) await answer(script.lot.seller, false);
          else await answer(script.buyer, true);
        } else if (script.buyer.userId !== roles.designer.userId) {
          // The designer's answer is left to them; the other stops are accepted by their buyer.
          await answer(script.buyer, true);
        }
      }
      if (index === 0) {
        await deps.pooledTours.record(roles.coordinator, { tourId });
        report.recorded++;
        // Driven: each lot handed over at its site and received by its buyer.
        for (const { script, tradeId } of agreed) {
          await deps.trades.handOver(script.lot.seller, tradeId, demoHandoverKg(script.lot), null, null);
          await deps.trades.confirmReceipt(script.buyer, tradeId);
        }
      }
    } catch (e) {
      // Like a demo trade, a tour that cannot be planned must not stop the server's start.
      console.warn(`demo pooled tour skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return report;
}
