/**
 * pnpm bench:impact — the impact dashboard at scale, on PostgreSQL and PGlite:
 * - generates N impact records (deterministic: sites on real communes, mostly short circuits,
 *   the programme's usual materials) through the app's row builder and `insertImpactRecords`,
 *   which maintains the monthly pre-aggregations batch by batch as live completions do (the same
 *   statement as `insertImpactRecords`, 10 000 rows a batch, IMPACT_BENCH_BATCH);
 * - times the dashboard a user opens, `ImpactService.dashboard` (scope resolution, totals and the
 *   breakdowns in one GROUPING SETS scan, top flows, then the site points of the flows), over a
 *   year for many random filter combinations, p50/p95/max: as a coordinator (the whole network,
 *   a département or a region) and as a member of a site (that site's own dashboard); the two
 *   repository queries alone are a third row;
 * - checks the service's figures and the fast path against a plain recomputation from
 *   impact_record (same queries on the records) and, on a sample, against the domain's
 *   impactTotals/groupBy/topFlows; any difference makes the run exit with status 1.
 * Sizes: IMPACT_BENCH_RECORDS (default 1 000 000), IMPACT_BENCH_PGLITE_RECORDS (default 200 000).
 */
import { randomUUID } from 'node:crypto';
import {
  analyze,
  type ImpactAggregateRow,
  type ImpactDimensionColumn,
  type ImpactQueryFilter,
  type ImpactRecordRow,
  impactRepository,
  membershipRepository,
  type NewImpactRecordRow,
  siteRepository,
} from '@retaille/db';
import { availableEngines, loadCommunes, mulberry32, percentile, round } from '@retaille/db/bench';
import {
  EMBEDDED_FACTOR_SET,
  EMBEDDED_FACTOR_WARNINGS,
  getMaterial,
  groupBy,
  type ImpactDimension,
  type ImpactLine,
  impactTotals,
  type SectorKey,
  type TerritoryType,
  topFlows,
} from '@retaille/domain';
import { type UserActor, userActor } from '../src/auth/actor.ts';
import { loadCommuneDirectory } from '../src/geo/commune-directory.loader.ts';
import { FactorRegistry } from '../src/impact/factor-registry.service.ts';
import type { ImpactBreakdownName, ImpactDashboardDto, ImpactFilters } from '../src/impact/impact.dto.ts';
import { ImpactService, totalsOf } from '../src/impact/impact.service.ts';
import { buildImpactRecord } from '../src/impact/impact-recorder.ts';

const RECORDS = Number(process.env.IMPACT_BENCH_RECORDS ?? 1_000_000);
const PGLITE_RECORDS = Number(process.env.IMPACT_BENCH_PGLITE_RECORDS ?? 200_000);
const QUERIES = Number(process.env.IMPACT_BENCH_QUERIES ?? 200);
const CHECKS = Number(process.env.IMPACT_BENCH_CHECKS ?? 12);
const SITES = 300;
const BATCH = Number(process.env.IMPACT_BENCH_BATCH ?? 10_000);
const YEAR = 2025;

const MATERIALS = [
  'oak',
  'beech',
  'pine',
  'plywood',
  'mdf',
  'osb',
  'wood_other',
  'cotton',
  'linen',
  'wool',
  'polyester',
  'denim',
  'steel',
  'aluminium',
  'pmma',
  'cardboard_corrugated',
].filter((m) => getMaterial(m) !== undefined);
const SECTORS: SectorKey[] = [
  'bois',
  'textile',
  'metal',
  'fabrication_numerique',
  'metiers_d_art',
  'multi_filieres',
];
const TERRITORIES: TerritoryType[] = ['rural', 'qpv', 'small_medium_town', 'metropolis'];
const DIMENSIONS: ImpactDimensionColumn[] = [
  'material_family',
  'sector',
  'origin_site_id',
  'origin_departement',
  'origin_region',
  'origin_territory_type',
  'month',
];
const DOMAIN_DIMENSION: Record<ImpactDimensionColumn, ImpactDimension> = {
  material_family: 'materialFamily',
  sector: 'sector',
  origin_site_id: 'site',
  origin_departement: 'departement',
  origin_region: 'region',
  origin_territory_type: 'territoryType',
  month: 'month',
};

interface BenchSite {
  id: string;
  departement: string;
  region: string;
  territoryType: TerritoryType;
  sectors: SectorKey[];
  lat: number;
  lon: number;
  materials: string[];
  neighbours: BenchSite[];
  homes: { key: string; lat: number; lon: number }[];
}

const uuidOf = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

async function createSites(db: Parameters<typeof siteRepository.insertSite>[0]): Promise<BenchSite[]> {
  const rand = mulberry32(7);
  const directory = await loadCommuneDirectory();
  const communes = loadCommunes();
  const sites: BenchSite[] = [];
  while (sites.length < SITES) {
    const c = communes[Math.floor(rand() * communes.length)]!;
    const commune = directory.get(c.insee);
    if (!commune) continue;
    const sectors = [SECTORS[Math.floor(rand() * SECTORS.length)]!];
    if (rand() < 0.3) sectors.push(SECTORS[Math.floor(rand() * SECTORS.length)]!);
    const territoryType = TERRITORIES[Math.floor(rand() * TERRITORIES.length)]!;
    const row = await siteRepository.insertSite(db, {
      name: `Bench ${sites.length}`,
      address: 'bench',
      postal_code: commune.postalCodes[0] ?? '00000',
      commune_insee: commune.insee,
      commune_name: commune.name,
      departement_code: commune.departementCode,
      region_code: commune.regionCode,
      lat: commune.lat,
      lon: commune.lon,
      sectors: [...new Set(sectors)],
      territory_type: territoryType,
    });
    const materials = Array.from({ length: 4 }, () => MATERIALS[Math.floor(rand() * MATERIALS.length)]!);
    const homes = Array.from({ length: 8 }, (_, k) => {
      const km = 2 + rand() * 25;
      const b = rand() * 2 * Math.PI;
      return {
        key: `commune:bench-${sites.length}-${k}`,
        lat: commune.lat + (km * Math.cos(b)) / 111.32,
        lon: commune.lon + (km * Math.sin(b)) / (111.32 * Math.cos((commune.lat * Math.PI) / 180)),
      };
    });
    sites.push({
      id: row.id,
      departement: commune.departementCode,
      region: commune.regionCode,
      territoryType,
      sectors: row.sectors as SectorKey[],
      lat: commune.lat,
      lon: commune.lon,
      materials,
      neighbours: [],
      homes,
    });
  }
  for (const s of sites) {
    s.neighbours = [...sites]
      .filter((o) => o !== s)
      .sort(
        (a, b) => (a.lat - s.lat) ** 2 + (a.lon - s.lon) ** 2 - ((b.lat - s.lat) ** 2 + (b.lon - s.lon) ** 2),
      )
      .slice(0, 6);
  }
  return sites;
}

function* generate(sites: BenchSite[], n: number): Generator<NewImpactRecordRow> {
  const rand = mulberry32(42);
  const start = Date.UTC(YEAR, 0, 1) - 3_600_000; // Paris midnight, 1 January
  const span = Date.UTC(YEAR + 1, 0, 1) - 3_600_000 - start;
  for (let i = 0; i < n; i++) {
    const origin = sites[Math.floor(rand() ** 1.5 * sites.length)]!;
    const materialKey = origin.materials[Math.floor(rand() * origin.materials.length)]!;
    const toSite =
      rand() < 0.35 ? origin.neighbours[Math.floor(rand() * origin.neighbours.length)]! : undefined;
    const home = origin.homes[Math.floor(rand() * origin.homes.length)]!;
    const point = toSite ? { lat: toSite.lat, lon: toSite.lon } : { lat: home.lat, lon: home.lon };
    yield buildImpactRecord(
      {
        tradeId: uuidOf(i + 1),
        completedAt: new Date(start + Math.floor(rand() * span)),
        isDemo: false,
        origin: { siteId: origin.id, ...origin },
        destination: {
          kind: toSite ? 'site' : 'person',
          siteId: toSite?.id ?? null,
          userId: null,
          key: toSite?.id ?? home.key,
          label: toSite ? 'site' : 'particulier',
          departement: toSite?.departement ?? null,
          shownAt: point,
          distanceFrom: point,
        },
        lotId: null,
        materialKey,
        materialFamily: getMaterial(materialKey)!.familyKey,
        massKg: Math.round((1 + 150 * rand() ** 3) * 1000) / 1000,
        massMeasured: rand() < 0.8,
      },
      EMBEDDED_FACTOR_SET,
    );
  }
}

function randomFilter(rand: () => number, sites: BenchSite[]): ImpactQueryFilter {
  const site = sites[Math.floor(rand() * sites.length)]!;
  const f: ImpactQueryFilter = { fromMonth: `${YEAR}-01-01`, toMonth: `${YEAR}-12-01` };
  if (rand() < 0.25) f.departement = site.departement;
  else if (rand() < 0.2) f.region = site.region;
  else if (rand() < 0.15) f.scope = { departements: [site.departement], regions: [sites[0]!.region] };
  if (rand() < 0.25) f.sector = site.sectors[0];
  if (rand() < 0.25) f.materialFamily = getMaterial(site.materials[0]!)!.familyKey;
  if (rand() < 0.2) f.territoryType = site.territoryType;
  if (rand() < 0.1) f.siteId = site.id;
  return f;
}

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof availableEngines>>[number]['open']>>;

/** As ImpactService.dashboard: both queries at once (two pooled connections on PostgreSQL). */
async function dashboard(db: Handle['db'], f: ImpactQueryFilter, source: 'rollup' | 'records') {
  const [rows, flows] = await Promise.all([
    impactRepository.aggregateImpact(db, f, source, DIMENSIONS),
    impactRepository.topImpactFlows(db, f, 20, source),
  ]);
  return { rows, flows };
}

const rowKey = (r: ImpactAggregateRow) => `${r.dimension ?? 'total'}:${r.key ?? ''}`;
function sameRows(a: ImpactAggregateRow[], b: ImpactAggregateRow[]): boolean {
  if (a.length !== b.length) return false;
  const byKey = new Map(b.map((r) => [rowKey(r), r]));
  return a.every((r) => {
    const o = byKey.get(rowKey(r));
    if (!o) return false;
    const x = totalsOf(r);
    const y = totalsOf(o);
    return (
      x.trades === y.trades &&
      x.tradesWithin30Km === y.tradesWithin30Km &&
      x.tradesWithin80Km === y.tradesWithin80Km &&
      x.tradesWithMissingFactor === y.tradesWithMissingFactor &&
      JSON.stringify(x.factorVersions) === JSON.stringify(y.factorVersions) &&
      (
        [
          'massKg',
          'measuredMassKg',
          'avoidedKgCo2e',
          'transportKgCo2e',
          'netKgCo2e',
          'tonneKm',
          'distanceKm',
        ] as const
      ).every((k) => close(x[k], y[k]))
    );
  });
}

function lineOf(r: ImpactRecordRow): ImpactLine {
  return {
    tradeId: r.trade_id,
    completedAt: new Date(r.completed_at).toISOString(),
    originSiteId: r.origin_site_id,
    destinationSiteId: r.destination_key,
    materialFamily: r.material_family,
    sector: r.sector as SectorKey,
    departement: r.origin_departement,
    region: r.origin_region,
    territoryType: r.origin_territory_type as TerritoryType,
    massKg: r.mass_kg,
    massMeasured: r.mass_source === 'measured',
    distanceKm: r.distance_km,
    tonneKm: r.tonne_km,
    avoidedKgCo2e: r.avoided_kg_co2e,
    transportKgCo2e: r.transport_kg_co2e,
    netKgCo2e: r.net_kg_co2e,
    factorMissing: r.factor_missing,
    factorVersion: r.factor_version,
  };
}

/** The domain's pure aggregation of the same lines must give the fast path's figures. */
function domainAgrees(
  lines: ImpactLine[],
  fast: {
    rows: ImpactAggregateRow[];
    flows: { origin_site_id: string; destination_key: string; mass_kg: number; trades: number }[];
  },
) {
  const t = impactTotals(lines);
  const total = totalsOf(fast.rows.find((r) => r.dimension === null));
  if (t.trades !== total.trades || !close(t.netKgCo2e, total.netKgCo2e) || !close(t.massKg, total.massKg))
    return false;
  for (const dim of DIMENSIONS) {
    const groups = groupBy(lines, DOMAIN_DIMENSION[dim]);
    const rows = fast.rows.filter((r) => r.dimension === dim);
    if (groups.length !== rows.length) return false;
    for (const g of groups) {
      const r = rows.find((x) => x.key === g.key);
      if (!r || Number(r.trades) !== g.totals.trades || !close(r.net_kg_co2e, g.totals.netKgCo2e))
        return false;
    }
  }
  const flows = topFlows(lines, 20);
  return flows.every(
    (f, i) =>
      fast.flows[i]?.origin_site_id === f.originSiteId &&
      fast.flows[i]?.destination_key === f.destinationSiteId &&
      close(fast.flows[i]!.mass_kg, f.massKg),
  );
}

const DIMENSION_OF: Record<ImpactBreakdownName, ImpactDimensionColumn> = {
  materialFamily: 'material_family',
  sector: 'sector',
  site: 'origin_site_id',
  departement: 'origin_departement',
  region: 'origin_region',
  territoryType: 'origin_territory_type',
  month: 'month',
};
const ALL_BREAKDOWNS = Object.keys(DIMENSION_OF) as ImpactBreakdownName[];
const SITE_BREAKDOWNS: ImpactBreakdownName[] = ['materialFamily', 'sector', 'month'];

/** One dashboard as a user opens it, with the filter the service must end up querying. */
interface DashboardCase {
  actor: UserActor;
  filters: ImpactFilters;
  query: ImpactQueryFilter;
  breakdowns: ImpactBreakdownName[];
}

const period = { from: `${YEAR}-01`, to: `${YEAR}-12` };
const periodQuery = { fromMonth: `${YEAR}-01-01`, toMonth: `${YEAR}-12-01` };

/** A coordinator of the whole network, of a département or of a region, with random filters. */
function coordinatorCase(rand: () => number, sites: BenchSite[], userId: string): DashboardCase {
  const site = sites[Math.floor(rand() * sites.length)]!;
  const x = rand();
  const scope =
    x < 0.4
      ? { departements: [], regions: [] }
      : x < 0.8
        ? { departements: [site.departement], regions: [] }
        : { departements: [], regions: [site.region] };
  const actor = userActor({
    userId,
    email: 'coordinator@bench.test',
    name: 'coordinator',
    roles: ['coordinator'],
    coordinatorScope: scope,
  });
  const filters: ImpactFilters = { ...period };
  if (scope.departements.length === 0 && scope.regions.length === 0 && rand() < 0.25)
    filters.region = site.region;
  if (rand() < 0.25) filters.sector = site.sectors[0];
  if (rand() < 0.25) filters.materialFamily = getMaterial(site.materials[0]!)!.familyKey;
  if (rand() < 0.2) filters.territoryType = site.territoryType;
  const inScope = scope.departements.length > 0 || scope.regions.length > 0;
  return {
    actor,
    filters,
    query: {
      ...periodQuery,
      scope: inScope ? scope : undefined,
      region: filters.region,
      sector: filters.sector,
      materialFamily: filters.materialFamily,
      territoryType: filters.territoryType,
    },
    breakdowns: ALL_BREAKDOWNS,
  };
}

/** A member of a site opening that site's own dashboard, sometimes narrowed to a material family. */
function siteCase(rand: () => number, sites: BenchSite[], member: UserActor): DashboardCase {
  const site = sites[Math.floor(rand() ** 1.5 * sites.length)]!;
  const filters: ImpactFilters = { ...period, siteId: site.id };
  if (rand() < 0.25) filters.materialFamily = getMaterial(site.materials[0]!)!.familyKey;
  return {
    actor: member,
    filters,
    query: { ...periodQuery, siteId: site.id, materialFamily: filters.materialFamily },
    breakdowns: SITE_BREAKDOWNS,
  };
}

/** The service's dashboard against the same queries run on impact_record. */
function serviceDisagreements(
  dto: ImpactDashboardDto,
  plain: Awaited<ReturnType<typeof dashboard>>,
  c: DashboardCase,
): string[] {
  const problems: string[] = [];
  const expectedScope = c.breakdowns === SITE_BREAKDOWNS ? 'site' : c.query.scope ? 'territory' : 'network';
  if (dto.scope.kind !== expectedScope) problems.push(`scope ${dto.scope.kind}, expected ${expectedScope}`);
  const total = totalsOf(plain.rows.find((r) => r.dimension === null));
  for (const k of ['trades', 'massKg', 'netKgCo2e', 'tonneKm', 'tradesWithin30Km'] as const) {
    if (!close(dto.totals[k], total[k])) problems.push(`totals.${k} ${dto.totals[k]}, expected ${total[k]}`);
  }
  for (const name of ALL_BREAKDOWNS) {
    const groups = dto.breakdowns[name].filter((g) => g.totals.trades > 0);
    const rows = c.breakdowns.includes(name)
      ? plain.rows.filter((r) => r.dimension === DIMENSION_OF[name] && r.key !== null)
      : [];
    if (groups.length !== rows.length) {
      problems.push(`${name}: ${groups.length} groups, expected ${rows.length}`);
      continue;
    }
    for (const g of groups) {
      const r = rows.find((x) => x.key === g.key);
      const t = totalsOf(r);
      if (!r || t.trades !== g.totals.trades || !close(t.netKgCo2e, g.totals.netKgCo2e))
        problems.push(`${name} ${g.key}: ${g.totals.trades} trades, expected ${t.trades}`);
    }
  }
  if (dto.topFlows.length !== plain.flows.length)
    problems.push(`${dto.topFlows.length} top flows, expected ${plain.flows.length}`);
  for (const [i, f] of dto.topFlows.entries()) {
    const o = plain.flows[i];
    if (
      !o ||
      f.originSiteId !== o.origin_site_id ||
      f.destinationKey !== o.destination_key ||
      !close(f.massKg, o.mass_kg)
    )
      problems.push(`top flow #${i + 1}: ${f.originSiteId} → ${f.destinationKey} differs`);
  }
  return problems;
}

const result: {
  engine: string;
  records: number;
  call: string;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  equal_to_recomputation: boolean;
}[] = [];
const failures: string[] = [];
for (const engine of await availableEngines(process.env.DATABASE_URL)) {
  const n = engine.name === 'pglite' ? Math.min(RECORDS, PGLITE_RECORDS) : RECORDS;
  console.log(
    `\n== ${engine.name}: ${n} impact records${n < RECORDS ? ` (reduced from ${RECORDS} on PGlite)` : ''}`,
  );
  const handle = await engine.open();
  try {
    const db = handle.db;
    await impactRepository.seedFactorSet(db, {
      version: EMBEDDED_FACTOR_SET.version,
      created_at: EMBEDDED_FACTOR_SET.createdAt,
      material_factors: JSON.stringify(EMBEDDED_FACTOR_SET.materialFactors),
      transport_factors: JSON.stringify(EMBEDDED_FACTOR_SET.transportFactors),
      warnings: JSON.stringify(EMBEDDED_FACTOR_WARNINGS),
      imported_by: null,
    });
    const sites = await createSites(db);
    let t0 = performance.now();
    let batch: NewImpactRecordRow[] = [];
    let loaded = 0;
    const flush = async () => {
      const rows = batch;
      batch = [];
      // The statement live completions run (records + the three rollups from the inserted rows),
      // only with 10 000 rows a batch and without reading the rows back.
      await db.transaction().execute((trx) => impactRepository.loadImpactRecords(trx, rows));
      loaded += rows.length;
      if (loaded % 100_000 === 0)
        console.log(`  loaded ${loaded} (${round((performance.now() - t0) / 1000, 1)} s)`);
    };
    for (const row of generate(sites, n)) {
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await analyze(handle);
    const counts = await Promise.all(
      ['impact_record', 'impact_monthly', 'impact_flow_monthly', 'impact_site_flow_monthly'].map(
        async (t) => {
          const r = await db
            .selectFrom(t as 'impact_record')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return `${t} ${r.n}`;
        },
      ),
    );
    console.log(`  load ${round((performance.now() - t0) / 1000, 1)} s: ${counts.join(', ')}`);

    // The service as the server builds it, a coordinator and a member of every site.
    const now = () => new Date();
    const impact = new ImpactService({
      db,
      registry: new FactorRegistry({ db, now }),
      communes: await loadCommuneDirectory(),
      now,
    });
    const [coordinatorId, memberId] = [randomUUID(), randomUUID()];
    await db
      .insertInto('auth_user')
      .values(
        [coordinatorId, memberId].map((id) => ({
          id,
          name: 'bench',
          email: `${id}@bench.test`,
          emailVerified: true,
        })),
      )
      .execute();
    for (const site of sites) await membershipRepository.addMember(db, site.id, memberId, 'member');
    const member = userActor({ userId: memberId, email: `${memberId}@bench.test`, name: 'member' });

    const time = async (label: string, calls: (() => Promise<unknown>)[]) => {
      for (const call of calls.slice(0, 5)) await call(); // warm up
      const times: number[] = [];
      for (const call of calls) {
        const s = performance.now();
        await call();
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const r = {
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        max: round(times.at(-1)!),
      };
      console.log(
        `  ${label}, ${calls.length} dashboards: p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms`,
      );
      return r;
    };

    // Dashboard timings over a year, through the service as users open them.
    const rand = mulberry32(99);
    const coordinatorCases = [
      {
        // The whole network, no filter: the coordinators' landing page.
        actor: userActor({ userId: coordinatorId, email: 'c@bench.test', name: 'c', roles: ['coordinator'] }),
        filters: { ...period },
        query: { ...periodQuery },
        breakdowns: ALL_BREAKDOWNS,
      },
      ...Array.from({ length: QUERIES }, () => coordinatorCase(rand, sites, coordinatorId)),
    ];
    const siteCases = Array.from({ length: QUERIES }, () => siteCase(rand, sites, member));
    const rowsOf: { call: string; cases: DashboardCase[]; timing: Awaited<ReturnType<typeof time>> }[] = [];
    for (const [call, cases] of [
      ['ImpactService.dashboard coordinator', coordinatorCases],
      ['ImpactService.dashboard site', siteCases],
    ] as const) {
      const timing = await time(
        call,
        cases.map((c) => () => impact.dashboard(c.actor, c.filters)),
      );
      rowsOf.push({ call, cases, timing });
    }
    // The two repository queries alone, for the coordinators' filters.
    const repository = await time(
      'impactRepository (aggregate + top flows)',
      coordinatorCases.map((c) => () => dashboard(db, c.query, 'rollup')),
    );

    // The service's figures against a plain recomputation from impact_record.
    const serviceEqual = new Map<string, boolean>();
    for (const { call, cases } of rowsOf) {
      let equal = true;
      for (const c of cases.slice(0, CHECKS)) {
        const dto = await impact.dashboard(c.actor, c.filters);
        const plain = await dashboard(db, c.query, 'records');
        const problems = serviceDisagreements(dto, plain, c);
        if (problems.length > 0) {
          equal = false;
          failures.push(
            `${engine.name} ${call} ${JSON.stringify(c.filters)}:\n    ${problems.join('\n    ')}`,
          );
        }
      }
      serviceEqual.set(call, equal);
      console.log(
        `  ${call} against the recomputation from impact_record, ${CHECKS} filters: equal: ${equal}`,
      );
    }

    // The fast path against a plain recomputation from impact_record, on random filters.
    let equal = true;
    const recompute: number[] = [];
    const filters = Array.from({ length: CHECKS }, () => randomFilter(rand, sites));
    for (const f of filters) {
      const fast = await dashboard(db, f, 'rollup');
      t0 = performance.now();
      const plain = await dashboard(db, f, 'records');
      recompute.push(performance.now() - t0);
      const flowsEqual =
        fast.flows.length === plain.flows.length &&
        fast.flows.every(
          (x, i) =>
            x.origin_site_id === plain.flows[i]!.origin_site_id &&
            x.destination_key === plain.flows[i]!.destination_key &&
            x.destination_label === plain.flows[i]!.destination_label &&
            x.destination_site_id === plain.flows[i]!.destination_site_id &&
            Number(x.trades) === Number(plain.flows[i]!.trades) &&
            close(x.mass_kg, plain.flows[i]!.mass_kg),
        );
      if (!sameRows(fast.rows, plain.rows) || !flowsEqual) {
        equal = false;
        failures.push(`${engine.name} repository rollup ≠ records for ${JSON.stringify(f)}`);
      }
    }
    console.log(
      `  recomputation from impact_record: ${CHECKS} filters, mean ${round(recompute.reduce((a, b) => a + b, 0) / recompute.length)} ms — equal: ${equal}`,
    );

    // And against the domain's pure aggregation, on one site's year.
    const sampleFilter = { ...periodQuery, siteId: sites[0]!.id };
    const sample = await impactRepository.listImpactRecords(db, sampleFilter, 1_000_000);
    const domainEqual = domainAgrees(sample.map(lineOf), await dashboard(db, sampleFilter, 'rollup'));
    if (!domainEqual) failures.push(`${engine.name} domain aggregation ≠ rollup for one site`);
    console.log(
      `  domain impactTotals/groupBy/topFlows on ${sample.length} lines of one site: equal: ${domainEqual}`,
    );
    for (const { call, timing } of rowsOf) {
      result.push({
        engine: engine.name,
        records: n,
        call,
        p50_ms: timing.p50,
        p95_ms: timing.p95,
        max_ms: timing.max,
        equal_to_recomputation: serviceEqual.get(call)! && equal && domainEqual,
      });
    }
    result.push({
      engine: engine.name,
      records: n,
      call: 'impactRepository (aggregate + top flows)',
      p50_ms: repository.p50,
      p95_ms: repository.p95,
      max_ms: repository.max,
      equal_to_recomputation: equal && domainEqual,
    });
  } finally {
    await handle.drop();
  }
}
console.log(`RESULT ${JSON.stringify({ rows: result })}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed:`);
  for (const f of failures.slice(0, 10)) console.error(`  ${f}`);
  process.exitCode = 1;
}
