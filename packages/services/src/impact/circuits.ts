import { circuitsRepository, type Database, type Kysely } from '@retaille/db';
import { type CsvColumn, DomainError, toExcelCsv } from '@retaille/domain';
import type { ImpactScopeDto } from './impact.dto.ts';

/** The circuits map covers at most three years (from + 3 years, inclusive). */
export const MAX_CIRCUITS_YEARS = 3;
/** Flows beyond this many (heaviest first) are left out, and the answer says so. */
export const MAX_CIRCUIT_EDGES = 2000;
/** The default of config SHORT_CIRCUIT_KM. */
export const DEFAULT_SHORT_CIRCUIT_KM = 50;

export interface CircuitsFilters {
  /** `YYYY-MM-DD`, Paris days, inclusive. */
  from: string;
  to: string;
}

export interface CircuitNodeDto {
  key: string;
  /** `area`: a home without a known commune, rounded to 0.1° (never the address). */
  kind: 'site' | 'commune' | 'area' | 'unknown';
  label: string;
  point: { lat: number; lon: number } | null;
  /** kg sent (as seller site) and received (as buyer). */
  sentKg: number;
  receivedKg: number;
}

export interface CircuitEdgeDto {
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
  trades: number;
  massKg: number;
  shortTrades: number;
  tourTrades: number;
  kmAvoided: number;
}

export interface CircuitsDto {
  period: CircuitsFilters;
  scope: ImpactScopeDto;
  shortCircuitKm: number;
  nodes: CircuitNodeDto[];
  edges: CircuitEdgeDto[];
  totals: {
    trades: number;
    massKg: number;
    shortTrades: number;
    /** Short-circuit trades over trades; null without trades. */
    shortShare: number | null;
    tourTrades: number;
    kmAvoided: number;
  };
  truncated: boolean;
}

function invalid(path: string, key: string): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path, key }] });
}

/** Refuses a reversed period or one longer than three years (the schema checked the days are real). */
export function checkCircuitsPeriod(f: CircuitsFilters): void {
  if (f.from > f.to) throw invalid('to', 'impact.periodReversed');
  const from = new Date(`${f.from}T00:00:00Z`);
  const limit = new Date(from);
  limit.setUTCFullYear(from.getUTCFullYear() + MAX_CIRCUITS_YEARS);
  if (new Date(`${f.to}T00:00:00Z`) >= limit) throw invalid('to', 'impact.circuitsPeriodTooLong');
}

const siteKey = (id: string) => `site:${id}`;

/** A buyer without a site: their commune, else their home rounded to 0.1° (`point:`), else unknown. */
function kindOfKey(key: string): CircuitNodeDto['kind'] {
  if (key.startsWith('commune:')) return 'commune';
  return key.startsWith('point:') ? 'area' : 'unknown';
}

/**
 * A coordinator's (or admin's) circuits: seller and buyer sites as nodes (buyers without a site
 * grouped by their commune), kg traded as edges, the short-circuit share and the km shared tours
 * avoided, over the scope the impact dashboard resolves.
 */
export async function circuitsOf(
  db: Kysely<Database>,
  scope: ImpactScopeDto,
  filters: CircuitsFilters,
  shortCircuitKm: number,
): Promise<CircuitsDto> {
  if (scope.kind === 'site') throw new DomainError('FORBIDDEN', 'impact.forbidden');
  checkCircuitsPeriod(filters);
  const rows = await circuitsRepository.circuitEdges(
    db,
    {
      fromDay: filters.from,
      toDay: filters.to,
      scope: scope.kind === 'territory' ? scope : undefined,
      shortCircuitKm,
    },
    MAX_CIRCUIT_EDGES + 1,
  );
  const truncated = rows.length > MAX_CIRCUIT_EDGES;
  const kept = rows.slice(0, MAX_CIRCUIT_EDGES);
  const nodes = new Map<string, CircuitNodeDto>();
  const node = (key: string, seed: Omit<CircuitNodeDto, 'sentKg' | 'receivedKg'>) => {
    let n = nodes.get(key);
    if (!n) {
      n = { ...seed, sentKg: 0, receivedKg: 0 };
      nodes.set(key, n);
    }
    return n;
  };
  const edges: CircuitEdgeDto[] = kept.map((r) => {
    const from = siteKey(r.origin_site_id);
    const to = r.destination_site_id ? siteKey(r.destination_site_id) : r.destination_key;
    node(from, {
      key: from,
      kind: 'site',
      label: r.origin_name,
      point: { lat: r.origin_lat, lon: r.origin_lon },
    }).sentKg += r.mass_kg;
    node(to, {
      key: to,
      kind: r.destination_site_id ? 'site' : kindOfKey(to),
      label: r.destination_label,
      point:
        r.destination_lat === null || r.destination_lon === null
          ? null
          : { lat: r.destination_lat, lon: r.destination_lon },
    }).receivedKg += r.mass_kg;
    return {
      from,
      to,
      fromLabel: r.origin_name,
      toLabel: r.destination_label,
      trades: Number(r.trades),
      massKg: r.mass_kg,
      shortTrades: Number(r.short_trades),
      tourTrades: Number(r.tour_trades),
      kmAvoided: r.km_avoided,
    };
  });
  const sum = (f: (e: CircuitEdgeDto) => number) => edges.reduce((s, e) => s + f(e), 0);
  const trades = sum((e) => e.trades);
  const shortTrades = sum((e) => e.shortTrades);
  return {
    period: { from: filters.from, to: filters.to },
    scope,
    shortCircuitKm,
    nodes: [...nodes.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    edges,
    totals: {
      trades,
      massKg: sum((e) => e.massKg),
      shortTrades,
      shortShare: trades === 0 ? null : shortTrades / trades,
      tourTrades: sum((e) => e.tourTrades),
      kmAvoided: sum((e) => e.kmAvoided),
    },
    truncated,
  };
}

const CIRCUIT_COLUMNS: CsvColumn<CircuitEdgeDto>[] = [
  { header: { fr: 'Origine', en: 'Origin' }, value: (e) => e.fromLabel },
  { header: { fr: 'Destination', en: 'Destination' }, value: (e) => e.toLabel },
  { header: { fr: 'Échanges', en: 'Trades' }, value: (e) => e.trades },
  { header: { fr: 'kg', en: 'kg' }, value: (e) => e.massKg, decimals: 1 },
  { header: { fr: 'Échanges en circuit court', en: 'Short-circuit trades' }, value: (e) => e.shortTrades },
  { header: { fr: 'Échanges en tournée', en: 'Trades on a tour' }, value: (e) => e.tourTrades },
  { header: { fr: 'km évités', en: 'km avoided' }, value: (e) => e.kmAvoided, decimals: 1 },
];

/** The edges as the impact CSV (BOM, `;` and decimal comma in French). */
export function circuitsCsv(
  dto: CircuitsDto,
  locale: 'fr' | 'en',
): { filename: string; contentType: string; body: string } {
  return {
    filename: `retaille-circuits-${dto.period.from}_${dto.period.to}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toExcelCsv(CIRCUIT_COLUMNS, dto.edges, locale),
  };
}
