import { type Database, type Kysely, siteRepository } from '@retaille/db';
import {
  type BomLine,
  bomLinesFromCsv,
  DEFAULT_VEHICLE_KEY,
  DomainError,
  type FactorSet,
  type LatLon,
  type PlanSourcingInput,
  parseBom,
  parseOrRefuse,
  planSourcingInput,
  planTour,
  SOURCING_MAX_LINES,
  type SourcingPlan,
  type SourcingPlanDto,
  wantedRequestForLine,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { LotService } from '../catalogue/lot.service.ts';
import type { FactorRegistry } from '../impact/factor-registry.service.ts';
import { planSourcing } from './bom-solver.ts';
import { type CandidateLotInfo, loadSourcingLots } from './sourcing-lots.ts';

/** The solver's wall-clock budget: the request answers within it whatever the BOM. */
export const SOURCING_TIME_LIMIT_S = 1.5;
/** The tour through the chosen sellers: planned within this budget (exact up to 10 sellers). */
const TOUR_TIME_LIMIT_MS = 300;
const TOUR_MAX_STOPS = 60;

export interface SourcingDeps {
  db: Kysely<Database>;
  lots: LotService;
  registry: FactorRegistry;
  now: () => Date;
}

function refuse(path: string, key: string, params?: Record<string, string | number>): never {
  throw new DomainError('VALIDATION', key, { fields: [{ path, key, ...(params ? { params } : {}) }] });
}

/**
 * Bill-of-materials sourcing (issue 17): the designer's lines (typed or from CSV) are validated
 * against the taxonomy, the candidate lots read around their point, the integer program solved
 * within a time limit (bom-solver.ts), and the plan returned with the lots, the sellers, the
 * wanted requests to post for what no lot covers, and the tour through the sellers (the tour
 * planner's `planTour`: pickup order, km and CO2e against separate round trips).
 */
export class SourcingService {
  constructor(private readonly deps: SourcingDeps) {}

  async plan(actor: Actor, raw: PlanSourcingInput): Promise<SourcingPlanDto> {
    const user = requireUser(actor);
    const input = parseOrRefuse(planSourcingInput, raw, 'sourcing.invalidBom');
    const rawLines: unknown[] =
      input.csv !== undefined && input.csv.trim() !== '' ? bomLinesFromCsv(input.csv) : (input.lines ?? []);
    if (rawLines.length > SOURCING_MAX_LINES) {
      refuse('lines', 'sourcing.tooManyLines', { max: SOURCING_MAX_LINES });
    }
    const lines = parseBom(rawLines);
    const center = await this.deps.lots.resolvePoint(actor, input.point);
    const { lots, info } = await loadSourcingLots(this.deps.db, user.userId, lines, center, input.radiusKm);
    const costs = { centsPerKm: input.centsPerKm, centsPerSeller: input.centsPerSeller };
    const { plan, model } = await planSourcing({
      lines: rawLines,
      lots,
      costs,
      candidates: { radiusKm: input.radiusKm },
      timeLimitSec: SOURCING_TIME_LIMIT_S,
    });
    const sites = new Map(
      (
        await siteRepository.findSitesByIds(
          this.deps.db,
          plan.sellers.map((s) => s.sellerId),
        )
      ).map((s) => [s.id, s]),
    );
    const factorSet = await this.deps.registry.active();
    const byId = new Map(lines.map((l) => [l.id, l]));
    return {
      status: plan.status,
      lineIds: lines.map((l) => l.id),
      picks: plan.picks.map((p) => {
        const lot = info.get(p.lotId)!;
        return {
          lineId: p.lineId,
          lotId: p.lotId,
          lotTitle: lot.title,
          sellerSiteId: p.sellerId,
          quantity: p.quantity,
          unit: lot.unit,
          unitPriceCents: p.quantity > 0 ? Math.round(p.goodsCents / p.quantity) : 0,
          goodsCents: p.goodsCents,
        };
      }),
      sellers: plan.sellers.map((s) => {
        const site = sites.get(s.sellerId);
        return {
          siteId: s.sellerId,
          name: site?.name ?? '',
          communeName: site?.commune_name ?? '',
          point: site ? { lat: site.lat, lon: site.lon } : center,
          distanceKm: Math.round(s.distanceKm * 10) / 10,
          tripCents: s.tripCents,
        };
      }),
      uncovered: plan.uncovered.map((u) => ({
        ...u,
        request: wantedRequestForLine(byId.get(u.lineId) as BomLine, u.shortfall, {
          point: input.point,
          radiusKm: input.radiusKm,
        }),
      })),
      coveredLines: plan.coveredLines,
      goodsCents: plan.goodsCents,
      tripCents: plan.tripCents,
      totalCents: plan.totalCents,
      gapPct: plan.gapPct === null ? null : Math.round(plan.gapPct * 100) / 100,
      solveMs: Math.round(plan.solveMs),
      timeLimitS: SOURCING_TIME_LIMIT_S,
      candidateLots: model.candidateLots,
      tour: tourOf(plan, info, center, factorSet, parisDay(this.deps.now())),
    };
  }
}

/** The calendar day in Paris (the tour's day: it has no windows, any day plans the same). */
const parisDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);

/** The lot's mass for the quantity taken, pro rata of the lot's (estimated) mass. */
function pickKg(lot: CandidateLotInfo, quantity: number): number {
  if (lot.massKg === null || !(lot.quantity > 0)) return 0;
  return (lot.massKg * quantity) / lot.quantity;
}

/** One tour from the designer's point through every seller of the plan and back (`planTour`). */
function tourOf(
  plan: SourcingPlan,
  info: Map<string, CandidateLotInfo>,
  center: LatLon,
  factorSet: FactorSet,
  day: string,
): SourcingPlanDto['tour'] {
  if (plan.sellers.length === 0 || plan.sellers.length > TOUR_MAX_STOPS) return null;
  const stops = new Map<string, { point: LatLon; kg: number }>();
  for (const p of plan.picks) {
    const lot = info.get(p.lotId)!;
    const stop = stops.get(p.sellerId) ?? { point: lot.point, kg: 0 };
    stop.kg += pickKg(lot, p.quantity);
    stops.set(p.sellerId, stop);
  }
  const totalKg = [...stops.values()].reduce((s, x) => s + x.kg, 0);
  const tour = planTour(
    {
      start: { point: center },
      day,
      vehicle: {
        capacityKg: Math.min(40_000, Math.max(1, Math.ceil(totalKg))),
        vehicleKey: DEFAULT_VEHICLE_KEY,
      },
      stops: [...stops].map(([siteId, s]) => ({
        id: siteId,
        point: s.point,
        loadKg: Math.min(s.kg, 40_000),
      })),
    },
    {
      factorSet,
      budget: { timeLimitMs: TOUR_TIME_LIMIT_MS, clock: () => performance.now(), seed: 17 },
    },
  );
  if (tour.status !== 'ok') return null;
  const route = tour.tours[0]!;
  return {
    start: center,
    stops: route.stops.map((s) => ({ siteId: s.stopId, point: stops.get(s.stopId)!.point, legKm: s.legKm })),
    km: tour.km,
    separateKm: tour.separateKm,
    co2eKg: tour.co2eKg,
    separateCo2eKg: tour.separateCo2eKg,
    optimal: tour.optimal,
  };
}
