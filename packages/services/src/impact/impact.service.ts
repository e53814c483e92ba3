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
  type CsvColumn,
  DomainError,
  type FactorSet,
  IMPACT_METHOD_VERSION,
  LEGACY_METHOD_VERSION,
  MEDIUM_DISTANCE_KM,
  monthRange,
  SHORT_DISTANCE_KM,
  sectors,
  TRAVEL_MODE_FACTORS,
  type TravelMode,
  toExcelCsv,
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
import { IMPACT_METHOD_DOC, IMPACT_METHOD_PATH } from './impact.dto.ts';
import { methodSummaryOf } from './impact-method.ts';
import { recordTradeImpact } from './impact-recorder.ts';
import { type UpgradeReport, upgradeImpactRecords } from './impact-upgrade.ts';
import { impactWorkbook, type PreparedSheet, sheet } from './impact-workbook.ts';

/** A dashboard or an export covers at most this many months. */
export const MAX_PERIOD_MONTHS = 60;
/** An export of lines stops here (and says so); a larger one needs a narrower filter. */
export const MAX_EXPORT_LINES = 200_000;
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
    const locale = options.locale ?? 'fr';
    const scope = await this.resolveScope(actor, filters.siteId);
    const filter = this.queryFilter(filters, scope);
    const { versions, sources } = await this.sourcesOf(filter);
    const methodVersions = (await impactRepository.usedMethodVersions(this.deps.db, filter)).sort();
    const methodUrl = `${this.deps.publicUrl ?? ''}${IMPACT_METHOD_PATH}`;
    const meta = {
      title: 'Retaille — impact (kg réemployés, kg CO2e évités nets du transport)',
      period: { from: filters.from, to: filters.to },
      filters,
      scope,
      generatedAt: this.deps.now().toISOString(),
      factorVersions: versions,
      methodVersions,
      methodDocument: { path: IMPACT_METHOD_DOC, url: methodUrl },
      sources,
      method: methodSummaryText(methodVersions, locale),
    };
    const base = `retaille-impact-${options.kind}-${filters.from}_${filters.to}`;
    const csv = (body: string) => ({
      filename: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
    });
    // The workbook: the method, period, filters and sources on a cover sheet, then the tables.
    const xlsx = async (sheets: PreparedSheet[]) => ({
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await impactWorkbook(
        [
          sheet({
            name: locale === 'fr' ? 'Méthode et sources' : 'Method and sources',
            columns: SOURCE_COLUMNS,
            rows: metadataRows(meta, locale),
          }),
          ...sheets,
        ],
        locale,
        this.deps.now(),
      ),
    });
    if (options.kind === 'sources') {
      if (options.format === 'xlsx') return xlsx([]);
      // The provenance lives in its own file: a CSV of data must start with its header row.
      if (options.format === 'json') {
        return {
          filename: `${base}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({ meta }, null, 2),
        };
      }
      return csv(toExcelCsv(SOURCE_COLUMNS, metadataRows(meta, locale), locale));
    }
    if (options.kind === 'lines') {
      const rows = await impactRepository.listImpactRecords(this.deps.db, filter, MAX_EXPORT_LINES + 1);
      const truncated = rows.length > MAX_EXPORT_LINES;
      const lines = rows.slice(0, MAX_EXPORT_LINES).map(lineOf);
      if (options.format === 'json') {
        return {
          filename: `${base}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({ meta: { ...meta, truncated }, lines }, null, 2),
        };
      }
      if (options.format === 'xlsx') {
        const name = locale === 'fr' ? 'Lignes' : 'Lines';
        return xlsx([sheet({ name, columns: LINE_COLUMNS_BY_LOCALE[locale], rows: lines })]);
      }
      return csv(toExcelCsv(LINE_COLUMNS_BY_LOCALE[locale], lines, locale));
    }
    const dashboard = await this.dashboard(actor, filters);
    const flat = (t: ImpactTotalsDto) => ({
      ...t,
      netLowKgCo2e: t.netRangeKgCo2e.low,
      netHighKgCo2e: t.netRangeKgCo2e.high,
    });
    const aggregates = [
      { dimension: 'total', key: '', label: '', ...flat(dashboard.totals) },
      ...(Object.keys(dashboard.breakdowns) as ImpactBreakdownName[]).flatMap((name) =>
        dashboard.breakdowns[name].map((g) => ({
          dimension: name,
          key: g.key,
          label: g.label ?? '',
          ...flat(g.totals),
        })),
      ),
    ];
    if (options.format === 'json') {
      return {
        filename: `${base}.json`,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(
          {
            meta,
            totals: dashboard.totals,
            breakdowns: dashboard.breakdowns,
            topFlows: dashboard.topFlows,
          },
          null,
          2,
        ),
      };
    }
    if (options.format === 'xlsx') {
      // A sheet per breakdown (the total first), each without the breakdown column.
      const columns = AGGREGATE_COLUMNS_BY_LOCALE[locale].slice(1);
      const dimensions = ['total', ...Object.keys(dashboard.breakdowns)];
      return xlsx(
        dimensions.map((d) =>
          sheet({
            name: dimensionLabels[d]?.[locale] ?? d,
            columns,
            rows: aggregates.filter((a) => a.dimension === d),
            percent: ['Share ≤ 30 km', 'Share ≤ 80 km'],
          }),
        ),
      );
    }
    return csv(toExcelCsv(AGGREGATE_COLUMNS_BY_LOCALE[locale], aggregates, locale));
  }
}

type Locale = 'fr' | 'en';

interface ExportOptions {
  format: 'csv' | 'json' | 'xlsx';
  kind: 'lines' | 'aggregates' | 'sources';
  locale?: Locale;
}

const travelLabel = (mode: string, locale: Locale) => {
  const f = TRAVEL_MODE_FACTORS[mode as TravelMode];
  return f === undefined ? mode : locale === 'fr' ? f.labelFr : f.labelEn;
};

/** One paragraph per method version the figures use, in the reader's language. */
function methodSummaryText(versions: readonly string[], locale: Locale): string {
  const texts: Record<string, { fr: string; en: string }> = {
    [IMPACT_METHOD_VERSION]: {
      fr:
        `${IMPACT_METHOD_VERSION} : évité = masse × ratio de substitution de la famille × (facteur vierge − facteur réemploi), ` +
        'facteurs approchés signalés ; transport = le trajet déclaré à la remise (mode, aller simple ou aller-retour), réparti ' +
        'par masse entre les lots du trajet, sinon un utilitaire diesel aller-retour (par défaut, signalé) ; chaque chiffre avec ' +
        `sa fourchette basse/haute ; circuits courts ≤ ${SHORT_DISTANCE_KM} km et ≤ ${MEDIUM_DISTANCE_KM} km`,
      en:
        `${IMPACT_METHOD_VERSION}: avoided = mass × the family's substitution ratio × (virgin − reuse factor), proxies flagged; ` +
        'transport = the trip recorded at handover (mode, one way or round trip), allocated by mass across the lots of the trip, ' +
        'else a diesel van there and back (the labelled default); every figure with its low/high range; ' +
        `short circuits ≤ ${SHORT_DISTANCE_KM} km and ≤ ${MEDIUM_DISTANCE_KM} km`,
    },
    [LEGACY_METHOD_VERSION]: {
      fr: `${LEGACY_METHOD_VERSION} : évité = masse × (facteur vierge − facteur réemploi) ; transport = utilitaire du registre aller-retour avec amont carburant ; sans fourchette`,
      en: `${LEGACY_METHOD_VERSION}: avoided = mass × (virgin − reuse factor); transport = a registry vehicle there and back with upstream fuel; no range`,
    },
  };
  const used = versions.length > 0 ? versions : [IMPACT_METHOD_VERSION];
  return used.map((v) => texts[v]?.[locale] ?? v).join(' | ');
}
type Line = ReturnType<typeof lineOf>;
type Aggregate = Record<string, unknown> & { dimension: string; key: string; label: string };

const sectorLabel = (key: string | null, locale: Locale) =>
  sectors.find((s) => s.key === key)?.[locale] ?? key ?? '';
const territoryLabels: Record<string, { fr: string; en: string }> = {
  rural: { fr: 'Rural', en: 'Rural' },
  qpv: { fr: 'Quartier prioritaire (QPV)', en: 'Priority neighbourhood (QPV)' },
  small_medium_town: { fr: 'Petite ou moyenne ville', en: 'Small or medium town' },
  metropolis: { fr: 'Métropole', en: 'Metropolis' },
};
const dimensionLabels: Record<string, { fr: string; en: string }> = {
  total: { fr: 'Total', en: 'Total' },
  month: { fr: 'Mois', en: 'Month' },
  sector: { fr: 'Filière', en: 'Sector' },
  materialFamily: { fr: 'Famille de matière', en: 'Material family' },
  departement: { fr: 'Département', en: 'Département' },
  region: { fr: 'Région', en: 'Region' },
  territoryType: { fr: 'Type de territoire', en: 'Territory type' },
  site: { fr: 'Site', en: 'Site' },
};

/** Reads the cell of column `key`, labelled by `fr`/`en`, with `decimals` for numbers. */
function col<R>(
  key: string,
  fr: string,
  en: string,
  decimals?: number,
  map?: (v: unknown, locale: Locale) => unknown,
) {
  return (locale: Locale): CsvColumn<R> => ({
    header: { fr, en },
    value: (r) => {
      const v = (r as Record<string, unknown>)[key];
      return map ? map(v, locale) : v;
    },
    decimals,
  });
}

/** Labels, not keys, in the reader's language: « Métiers d'art », not `metiers_d_art`. */
const lineColumns = [
  col<Line>('tradeId', 'Échange', 'Trade'),
  col<Line>('completedAt', 'Terminé le', 'Completed at'),
  col<Line>('month', 'Mois', 'Month'),
  col<Line>('originSiteId', 'Site vendeur', 'Seller site'),
  col<Line>('originDepartement', 'Département', 'Département'),
  col<Line>('originRegion', 'Région (code INSEE)', 'Region (INSEE code)'),
  col<Line>('originTerritoryType', 'Type de territoire', 'Territory type', undefined, (v, l) =>
    typeof v === 'string' ? (territoryLabels[v]?.[l] ?? v) : v,
  ),
  col<Line>('sector', 'Filière', 'Sector', undefined, (v, l) => sectorLabel(v as string | null, l)),
  col<Line>('destinationKind', 'Type de destination', 'Destination kind'),
  col<Line>('destinationLabel', 'Destination', 'Destination'),
  col<Line>('materialKey', 'Matière (clé)', 'Material (key)'),
  col<Line>('materialFamily', 'Famille de matière (clé)', 'Material family (key)'),
  col<Line>('massKg', 'Masse (kg)', 'Mass (kg)', 1),
  col<Line>('massSource', 'Origine de la masse', 'Mass source'),
  col<Line>('distanceKm', 'Distance (km)', 'Distance (km)', 1),
  col<Line>('distanceMethod', 'Méthode de distance', 'Distance method'),
  col<Line>('travelMode', 'Mode de transport', 'Travel mode', undefined, (v, l) =>
    typeof v === 'string' ? travelLabel(v, l) : v,
  ),
  col<Line>('travelIsDefault', 'Transport par défaut', 'Default travel'),
  col<Line>('vehicleKey', 'Véhicule', 'Vehicle'),
  col<Line>('avoidedKgCo2e', 'Évité (kg CO2e)', 'Avoided (kg CO2e)', 1),
  col<Line>('transportKgCo2e', 'Transport (kg CO2e)', 'Transport (kg CO2e)', 2),
  col<Line>('netKgCo2e', 'Net (kg CO2e)', 'Net (kg CO2e)', 1),
  col<Line>('netLowKgCo2e', 'Net bas (kg CO2e)', 'Net low (kg CO2e)', 1),
  col<Line>('netHighKgCo2e', 'Net haut (kg CO2e)', 'Net high (kg CO2e)', 1),
  col<Line>('tonneKm', 't·km', 't·km', 3),
  col<Line>('methodVersion', 'Version de la méthode', 'Method version'),
  col<Line>('factorVersion', 'Version des facteurs', 'Factor version'),
  col<Line>('coverage', 'Couverture du facteur', 'Factor coverage'),
  col<Line>('factorKey', 'Facteur', 'Factor'),
  col<Line>('factorMissing', 'Facteur manquant', 'Factor missing'),
  col<Line>('flags', 'Signaux', 'Flags'),
  col<Line>('isDemo', 'Démo', 'Demo'),
];
const LINE_COLUMNS_BY_LOCALE = { fr: lineColumns.map((c) => c('fr')), en: lineColumns.map((c) => c('en')) };

const aggregateColumns = [
  col<Aggregate>('dimension', 'Ventilation', 'Breakdown', undefined, (v, l) =>
    typeof v === 'string' ? (dimensionLabels[v]?.[l] ?? v) : v,
  ),
  col<Aggregate>('key', 'Code', 'Code'),
  col<Aggregate>('label', 'Libellé', 'Label'),
  col<Aggregate>('trades', 'Échanges', 'Trades', 0),
  col<Aggregate>('massKg', 'Masse (kg)', 'Mass (kg)', 1),
  col<Aggregate>('measuredMassKg', 'Masse pesée (kg)', 'Measured mass (kg)', 1),
  col<Aggregate>('avoidedKgCo2e', 'Évité (kg CO2e)', 'Avoided (kg CO2e)', 1),
  col<Aggregate>('transportKgCo2e', 'Transport (kg CO2e)', 'Transport (kg CO2e)', 1),
  col<Aggregate>('netKgCo2e', 'Net (kg CO2e)', 'Net (kg CO2e)', 1),
  col<Aggregate>('netLowKgCo2e', 'Net bas (kg CO2e)', 'Net low (kg CO2e)', 1),
  col<Aggregate>('netHighKgCo2e', 'Net haut (kg CO2e)', 'Net high (kg CO2e)', 1),
  col<Aggregate>('tonneKm', 't·km', 't·km', 1),
  col<Aggregate>('distanceKm', 'Distance totale (km)', 'Total distance (km)', 0),
  col<Aggregate>('averageDistanceKm', 'Distance moyenne (km)', 'Average distance (km)', 1),
  col<Aggregate>('tradesWithin30Km', 'Échanges ≤ 30 km', 'Trades ≤ 30 km', 0),
  col<Aggregate>('tradesWithin80Km', 'Échanges ≤ 80 km', 'Trades ≤ 80 km', 0),
  col<Aggregate>('shareWithin30Km', 'Part ≤ 30 km', 'Share ≤ 30 km', 3),
  col<Aggregate>('shareWithin80Km', 'Part ≤ 80 km', 'Share ≤ 80 km', 3),
  col<Aggregate>('tradesWithMissingFactor', 'Échanges sans facteur', 'Trades without factor', 0),
  col<Aggregate>('tradesProxy', 'Échanges sur un facteur approché', 'Trades on a proxy factor', 0),
  col<Aggregate>(
    'tradesDefaultTravel',
    'Échanges au transport par défaut',
    'Trades on the default travel',
    0,
  ),
  col<Aggregate>('methodVersions', 'Version de la méthode', 'Method version'),
  col<Aggregate>('factorVersions', 'Versions des facteurs', 'Factor versions'),
];
const AGGREGATE_COLUMNS_BY_LOCALE = {
  fr: aggregateColumns.map((c) => c('fr')),
  en: aggregateColumns.map((c) => c('en')),
};

interface MetadataRow {
  item: string;
  value: string;
}
const SOURCE_COLUMNS: CsvColumn<MetadataRow>[] = [
  { header: { fr: 'Rubrique', en: 'Item' }, value: (r) => r.item },
  { header: { fr: 'Valeur', en: 'Value' }, value: (r) => r.value },
];

/** The provenance of an export (period, filters, factor versions, method, one row per source). */
function metadataRows(
  meta: Record<string, unknown> & {
    factorVersions: string[];
    methodVersions: string[];
    methodDocument: { path: string; url: string };
    sources: string[];
    method: string;
    title: string;
  },
  locale: Locale,
): MetadataRow[] {
  const t = (fr: string, en: string) => (locale === 'fr' ? fr : en);
  const rows: MetadataRow[] = [
    { item: t('Titre', 'Title'), value: meta.title },
    { item: t('Période', 'Period'), value: JSON.stringify(meta.period) },
    { item: t('Filtres', 'Filters'), value: JSON.stringify(meta.filters) },
    { item: t('Périmètre', 'Scope'), value: JSON.stringify(meta.scope) },
    { item: t('Généré le', 'Generated at'), value: String(meta.generatedAt) },
    { item: t('Version de la méthode', 'Method version'), value: meta.methodVersions.join(', ') },
    {
      item: t('Document de méthode', 'Method document'),
      value: `${meta.methodDocument.path} — ${meta.methodDocument.url}`,
    },
    { item: t('Versions des facteurs', 'Factor versions'), value: meta.factorVersions.join(', ') },
    { item: t('Méthode', 'Method'), value: meta.method },
  ];
  for (const s of meta.sources) rows.push({ item: t('Source', 'Source'), value: s.replaceAll('\n', ' ') });
  return rows;
}

function lineOf(r: ImpactRecordRow) {
  return {
    tradeId: r.trade_id,
    completedAt: r.completed_at.toISOString(),
    // `YYYY-MM` of the month's first day.
    month: r.month.slice(0, 7),
    originSiteId: r.origin_site_id,
    originDepartement: r.origin_departement,
    originRegion: r.origin_region,
    originTerritoryType: r.origin_territory_type,
    sector: r.sector,
    destinationKind: r.destination_kind,
    destinationKey: r.destination_key,
    destinationLabel: r.destination_label,
    materialKey: r.material_key,
    materialFamily: r.material_family,
    massKg: r.mass_kg,
    massSource: r.mass_source,
    distanceKm: r.distance_km,
    distanceMethod: r.distance_method,
    travelMode: r.travel_mode,
    travelIsDefault: r.travel_is_default,
    vehicleKey: r.vehicle_key,
    avoidedKgCo2e: r.avoided_kg_co2e,
    transportKgCo2e: r.transport_kg_co2e,
    netKgCo2e: r.net_kg_co2e,
    netLowKgCo2e: r.net_low_kg_co2e,
    netHighKgCo2e: r.net_high_kg_co2e,
    tonneKm: r.tonne_km,
    methodVersion: r.method_version,
    factorVersion: r.factor_version,
    coverage: r.coverage,
    factorKey: r.factor_key,
    factorMissing: r.factor_missing,
    flags: r.flags,
    isDemo: r.is_demo,
  };
}
