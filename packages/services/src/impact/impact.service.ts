import {
  type Database,
  type ImpactAggregateRow,
  type ImpactDimensionColumn,
  type ImpactQueryFilter,
  type ImpactRecordRow,
  type ImpactSumsRow,
  impactRepository,
  type Kysely,
  membershipRepository,
  type TradeRow,
  type Transaction,
} from '@retaille/db';
import {
  type CommuneDirectory,
  DomainError,
  type FactorSet,
  IMPACT_METHOD_VERSION,
  monthRange,
  TRAVEL_MODE_FACTORS,
  type TravelMode,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';
import {
  type CircuitsDto,
  type CircuitsFilters,
  circuitsCsv,
  circuitsOf,
  DEFAULT_SHORT_CIRCUIT_KM,
} from './circuits.ts';
import type { FactorRegistry } from './factor-registry.service.ts';
import type {
  ImpactBreakdownName,
  ImpactDashboardDto,
  ImpactExportFile,
  ImpactFilters,
  ImpactFlowDto,
  ImpactGroupDto,
  ImpactMethodDto,
  ImpactScopeDto,
  ImpactTotalsDto,
} from './impact.dto.ts';
import { writeImpactExport } from './impact-export.ts';
import type { ExportOptions } from './impact-export-columns.ts';
import { methodSummaryOf } from './impact-method.ts';
import { recordTradeImpact } from './impact-recorder.ts';
import { type UpgradeReport, upgradeImpactRecords } from './impact-upgrade.ts';

/** A dashboard or an export covers at most this many months. */
export const MAX_PERIOD_MONTHS = 60;
const TOP_FLOWS = 20;

const DIMENSION_OF: Record<ImpactBreakdownName, ImpactDimensionColumn> = {
  materialFamily: 'material_family',
  sector: 'sector',
  site: 'origin_site_id',
  departement: 'origin_departement',
  region: 'origin_region',
  territoryType: 'origin_territory_type',
  month: 'month',
};
const SITE_BREAKDOWNS: ImpactBreakdownName[] = ['materialFamily', 'sector', 'month'];

/** Repository sums → the domain's ImpactTotals (same fields, same derived shares) with the ranges. */
export function totalsOf(row: ImpactSumsRow | undefined): ImpactTotalsDto {
  const trades = row?.trades ?? 0;
  const per = (n: number) => (trades === 0 ? null : n / trades);
  const n = (v: number | undefined) => v ?? 0;
  return {
    trades,
    massKg: n(row?.mass_kg),
    measuredMassKg: n(row?.measured_mass_kg),
    avoidedKgCo2e: n(row?.avoided_kg_co2e),
    transportKgCo2e: n(row?.transport_kg_co2e),
    netKgCo2e: n(row?.net_kg_co2e),
    tonneKm: n(row?.tonne_km),
    distanceKm: n(row?.distance_km),
    tradesWithin30Km: n(row?.trades_within_30km),
    tradesWithin80Km: n(row?.trades_within_80km),
    shareWithin30Km: per(n(row?.trades_within_30km)),
    shareWithin80Km: per(n(row?.trades_within_80km)),
    averageDistanceKm: per(n(row?.distance_km)),
    tradesWithMissingFactor: n(row?.trades_factor_missing),
    factorVersions: [...(row?.factor_versions ?? [])].sort(),
    netRangeKgCo2e: {
      low: n(row?.net_low_kg_co2e),
      central: n(row?.net_kg_co2e),
      high: n(row?.net_high_kg_co2e),
    },
    tradesDefaultTravel: n(row?.trades_default_travel),
    tradesProxy: n(row?.trades_proxy),
    methodVersions: [...(row?.method_versions ?? [])].sort(),
  };
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

function invalid(path: string, key: string): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path, key }] });
}

export interface ImpactServiceDeps {
  db: Kysely<Database>;
  registry: FactorRegistry;
  communes: CommuneDirectory;
  now: () => Date;
  /** Where the web app is served: exports link to its page of the method (`IMPACT_METHOD_PATH`). */
  publicUrl?: string;
  /** The circuits map's short-circuit distance (config SHORT_CIRCUIT_KM). */
  shortCircuitKm?: number;
}

/**
 * Impact of completed trades: recorded in the completing transaction, read by the coordinators'
 * and sites' dashboards from the monthly pre-aggregations (docs/decisions/007), exported with
 * the factor versions and their sources.
 */
export class ImpactService {
  constructor(private readonly deps: ImpactServiceDeps) {}

  get registry(): FactorRegistry {
    return this.deps.registry;
  }

  /** The `record_impact` effect of a completing transition. */
  recordTrade(trx: Transaction<Database>, trade: TradeRow, completedAt: Date): Promise<ImpactRecordRow> {
    return recordTradeImpact(trx, this.deps, trade, completedAt);
  }

  findRecord(tradeId: string): Promise<ImpactRecordRow | undefined> {
    return impactRepository.findImpactRecord(this.deps.db, tradeId);
  }

  /**
   * Recomputes the stored records that an older method version computed (the `impact.upgrade`
   * job queued at startup, after the migrations); their previous figures stay in
   * impact_record_revision. A no-op when none is left.
   */
  hasRecordsToUpgrade(): Promise<boolean> {
    return impactRepository.hasRecordsToRecompute(this.deps.db, IMPACT_METHOD_VERSION);
  }

  upgradeRecords(batch?: number): Promise<UpgradeReport> {
    return upgradeImpactRecords(this.deps, batch);
  }

  /**
   * Who sees what: admins the whole network; a member of the requested site that site's own
   * (smaller) dashboard; coordinators their territory (the whole network when their scope is empty).
   */
  async resolveScope(actor: Actor, siteId: string | undefined): Promise<ImpactScopeDto> {
    if (isAdmin(actor)) return { kind: 'network' };
    const user = requireUser(actor);
    if (siteId !== undefined) {
      const role = await membershipRepository.findRole(this.deps.db, siteId, user.userId);
      if (role !== undefined) return { kind: 'site', siteId };
    }
    if (user.roles.includes('coordinator')) {
      const { departements, regions } = user.coordinatorScope;
      if (departements.length === 0 && regions.length === 0) return { kind: 'network' };
      return { kind: 'territory', departements: [...departements], regions: [...regions] };
    }
    throw new DomainError('FORBIDDEN', 'impact.forbidden');
  }

  private queryFilter(filters: ImpactFilters, scope: ImpactScopeDto): ImpactQueryFilter {
    if (!MONTH_RE.test(filters.from)) throw invalid('from', 'impact.invalidMonth');
    if (!MONTH_RE.test(filters.to)) throw invalid('to', 'impact.invalidMonth');
    if (filters.from > filters.to) throw invalid('to', 'impact.periodReversed');
    if (monthRange(filters.from, filters.to).length > MAX_PERIOD_MONTHS)
      throw invalid('to', 'impact.periodTooLong');
    return {
      fromMonth: `${filters.from}-01`,
      toMonth: `${filters.to}-01`,
      scope: scope.kind === 'territory' ? scope : undefined,
      departement: filters.departement,
      region: filters.region,
      sector: filters.sector,
      materialFamily: filters.materialFamily,
      territoryType: filters.territoryType,
      siteId: scope.kind === 'site' ? scope.siteId : filters.siteId,
    };
  }

  async dashboard(actor: Actor, filters: ImpactFilters): Promise<ImpactDashboardDto> {
    const scope = await this.resolveScope(actor, filters.siteId);
    const filter = this.queryFilter(filters, scope);
    const names = scope.kind === 'site' ? SITE_BREAKDOWNS : [...Object.keys(DIMENSION_OF)];
    // Two independent reads: concurrent on PostgreSQL's pool (queued on PGlite's one connection).
    const [rows, flows] = await Promise.all([
      impactRepository.aggregateImpact(
        this.deps.db,
        filter,
        'rollup',
        names.map((n) => DIMENSION_OF[n as ImpactBreakdownName]),
      ),
      impactRepository.topImpactFlows(this.deps.db, filter, TOP_FLOWS),
    ]);
    const received =
      scope.kind === 'site'
        ? totalsOf(
            await impactRepository.receivedTotals(
              this.deps.db,
              scope.siteId,
              filter.fromMonth,
              filter.toMonth,
            ),
          )
        : null;
    return { ...(await this.assemble(filters, scope, rows, flows)), received };
  }

  /**
   * Impact method figures of the same filters (docs/impact-method.md): central with range,
   * coverage by material (proxies, nothing), the five most sensitive parameters; for a site, what
   * it gave and what it received apart. Read from the records, so it is a separate call from the
   * dashboard's pre-aggregated one.
   */
  async method(actor: Actor, filters: ImpactFilters): Promise<ImpactMethodDto> {
    const scope = await this.resolveScope(actor, filters.siteId);
    const filter = this.queryFilter(filters, scope);
    const factorSet = await this.deps.registry.active();
    const setOf = (v: string) => this.deps.registry.get(v);
    const given = await methodSummaryOf(this.deps.db, filter, setOf, factorSet);
    const received =
      scope.kind === 'site'
        ? await methodSummaryOf(
            this.deps.db,
            { ...filter, siteId: undefined, destinationSiteId: scope.siteId },
            setOf,
            factorSet,
          )
        : null;
    return { methodVersion: IMPACT_METHOD_VERSION, factorVersion: factorSet.version, scope, given, received };
  }

  /**
   * The circuits map (issue 17): the flows traded in the period over the dashboard's scope, for
   * coordinators and admins (a site's members have their own dashboard instead).
   */
  async circuits(actor: Actor, filters: CircuitsFilters): Promise<CircuitsDto> {
    const scope = await this.resolveScope(actor, undefined);
    return circuitsOf(this.deps.db, scope, filters, this.deps.shortCircuitKm ?? DEFAULT_SHORT_CIRCUIT_KM);
  }

  /** The circuits' edges as a CSV (same period, same scope). */
  async circuitsExport(
    actor: Actor,
    filters: CircuitsFilters,
    locale: 'fr' | 'en',
  ): Promise<ImpactExportFile> {
    return circuitsCsv(await this.circuits(actor, filters), locale);
  }

  private async assemble(
    filters: ImpactFilters,
    scope: ImpactScopeDto,
    rows: ImpactAggregateRow[],
    flows: Awaited<ReturnType<typeof impactRepository.topImpactFlows>>,
  ): Promise<Omit<ImpactDashboardDto, 'received'>> {
    const siteIds = new Set<string>(flows.map((f) => f.origin_site_id));
    for (const r of rows) if (r.dimension === 'origin_site_id' && r.key) siteIds.add(r.key);
    const sites = new Map(
      (await impactRepository.sitePoints(this.deps.db, [...siteIds])).map((s) => [s.id, s] as const),
    );
    const breakdowns = Object.fromEntries(
      (Object.keys(DIMENSION_OF) as ImpactBreakdownName[]).map((name) => {
        const dim = DIMENSION_OF[name];
        const groups: ImpactGroupDto[] = rows
          .filter((r) => r.dimension === dim && r.key !== null)
          .map((r) => ({
            key: r.key!,
            label: name === 'site' ? (sites.get(r.key!)?.name ?? null) : null,
            totals: totalsOf(r),
          }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        return [name, groups];
      }),
    ) as Record<ImpactBreakdownName, ImpactGroupDto[]>;
    // The trend shows every month of the period, empty ones included.
    const byMonth = new Map(breakdowns.month.map((g) => [g.key, g]));
    breakdowns.month = monthRange(filters.from, filters.to).map(
      (m) => byMonth.get(m) ?? { key: m, label: null, totals: totalsOf(undefined) },
    );
    const topFlows: ImpactFlowDto[] = flows.map((f) => {
      const origin = sites.get(f.origin_site_id);
      return {
        originSiteId: f.origin_site_id,
        originName: origin?.name ?? '',
        origin: { lat: origin?.lat ?? 0, lon: origin?.lon ?? 0 },
        destinationKey: f.destination_key,
        destinationSiteId: f.destination_site_id,
        destinationLabel: f.destination_label,
        destination:
          f.destination_lat === null || f.destination_lon === null
            ? null
            : { lat: f.destination_lat, lon: f.destination_lon },
        trades: f.trades,
        massKg: f.mass_kg,
        tonneKm: f.tonne_km,
        netKgCo2e: f.net_kg_co2e,
      };
    });
    return {
      period: { from: filters.from, to: filters.to },
      scope,
      totals: totalsOf(rows.find((r) => r.dimension === null)),
      breakdowns,
      topFlows,
    };
  }

  // ── Exports ───────────────────────────────────────────────────────────────────────────────

  /**
   * The factor lines (`version · key: source (year)`) behind the figures of a filter: material
   * factors of the registry, travel factors of the method (method 1) or registry vehicles (method 0).
   */
  private async sourcesOf(filter: ImpactQueryFilter): Promise<{ versions: string[]; sources: string[] }> {
    const used = await impactRepository.usedFactors(this.deps.db, filter);
    const versions = [...new Set(used.map((u) => u.factor_version))].sort();
    const sets = new Map<string, FactorSet>();
    for (const v of versions) {
      const set = await this.deps.registry.get(v);
      if (set) sets.set(v, set);
    }
    const lines = new Set<string>();
    for (const u of used) {
      const set = sets.get(u.factor_version);
      if (!set) continue;
      const m = u.factor_key ? set.materialFactors.find((f) => f.key === u.factor_key) : undefined;
      const t = set.transportFactors.find((f) => f.key === u.vehicle_key);
      for (const f of [m, t]) {
        if (f)
          lines.add(`${u.factor_version} · ${f.key}: ${f.source} (${f.yearApproximate ? '~' : ''}${f.year})`);
      }
      const mode = TRAVEL_MODE_FACTORS[u.vehicle_key as TravelMode];
      if (mode) lines.add(`${IMPACT_METHOD_VERSION} · travel:${mode.mode}: ${mode.source}`);
    }
    return { versions, sources: [...lines].sort() };
  }

  /**
   * CSV or JSON of the impact lines, or of every aggregate of the dashboard, for the same
   * filters and the same scope; each file names the factor versions and their sources.
   */
  async export(
    actor: Actor,
    filters: ImpactFilters,
    options: ExportOptions & { format: 'csv' | 'json' },
  ): Promise<ImpactExportFile>;
  async export(
    actor: Actor,
    filters: ImpactFilters,
    options: ExportOptions & { format: 'xlsx' },
  ): Promise<ImpactExportFile<Buffer>>;
  async export(
    actor: Actor,
    filters: ImpactFilters,
    options: ExportOptions,
  ): Promise<ImpactExportFile<string | Buffer>>;
  async export(
    actor: Actor,
    filters: ImpactFilters,
    options: ExportOptions,
  ): Promise<ImpactExportFile<string | Buffer>> {
    const scope = await this.resolveScope(actor, filters.siteId);
    const filter = this.queryFilter(filters, scope);
    const { versions, sources } = await this.sourcesOf(filter);
    return writeImpactExport(
      {
        db: this.deps.db,
        now: () => this.deps.now(),
        publicUrl: this.deps.publicUrl,
        filters,
        scope,
        filter,
        versions,
        sources,
        dashboard: () => this.dashboard(actor, filters),
      },
      options,
    );
  }
}
