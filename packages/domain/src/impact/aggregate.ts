import { DomainError } from '../shared/errors.ts';
import type { SectorKey } from '../sites/sectors.ts';
import type { TerritoryType } from '../sites/territory.ts';
import type { TradeImpact } from './impact.ts';

/**
 * Aggregation of impact lines for the coordinators' dashboard. This is the reference the
 * database fast path (pre-aggregated tables) is checked against: same inputs, same totals.
 */

/** Thresholds of the "circuit court" shares: a trade counts when its distance is ≤ the value. */
export const SHORT_DISTANCE_KM = 30;
export const MEDIUM_DISTANCE_KM = 80;

/**
 * One completed trade as the dashboard sees it. The place fields describe the ORIGIN site (the
 * workshop whose surplus was reused): the reuse is credited where the material was saved.
 */
export interface ImpactLine {
  tradeId: string;
  /** ISO 8601 timestamp with an offset (`Z` or `+01:00`). */
  completedAt: string;
  originSiteId: string;
  destinationSiteId: string;
  materialFamily: string | null;
  sector: SectorKey | null;
  departement: string | null;
  region: string | null;
  territoryType: TerritoryType | null;
  massKg: number;
  massMeasured: boolean;
  /** One-way road distance between the sites (not the vehicle-km of a round trip). */
  distanceKm: number;
  tonneKm: number;
  avoidedKgCo2e: number;
  transportKgCo2e: number;
  netKgCo2e: number;
  factorMissing: boolean;
  factorVersion: string;
}

export type ImpactLineContext = Omit<
  ImpactLine,
  | 'massKg'
  | 'massMeasured'
  | 'distanceKm'
  | 'tonneKm'
  | 'avoidedKgCo2e'
  | 'transportKgCo2e'
  | 'netKgCo2e'
  | 'factorMissing'
  | 'factorVersion'
>;

/** Flattens a trade's computed impact and its context into a dashboard line. */
export function toImpactLine(impact: TradeImpact, context: ImpactLineContext): ImpactLine {
  return {
    ...context,
    massKg: impact.massKg,
    massMeasured: impact.massSource === 'measured',
    distanceKm: impact.input.distanceKm,
    tonneKm: impact.tonneKm,
    avoidedKgCo2e: impact.avoidedKgCo2e,
    transportKgCo2e: impact.transportKgCo2e,
    netKgCo2e: impact.netKgCo2e,
    factorMissing: impact.factorMissing,
    factorVersion: impact.factorVersion,
  };
}

export interface ImpactTotals {
  trades: number;
  massKg: number;
  measuredMassKg: number;
  avoidedKgCo2e: number;
  transportKgCo2e: number;
  netKgCo2e: number;
  tonneKm: number;
  distanceKm: number;
  tradesWithin30Km: number;
  tradesWithin80Km: number;
  /** Share of trades (0..1); null when there are no trades. */
  shareWithin30Km: number | null;
  shareWithin80Km: number | null;
  /** Mean distance per trade; null when there are no trades. */
  averageDistanceKm: number | null;
  tradesWithMissingFactor: number;
  /** Factor versions used by the lines, sorted: exports print them beside the figures. */
  factorVersions: string[];
}

interface Accumulator {
  trades: number;
  massKg: number;
  measuredMassKg: number;
  avoidedKgCo2e: number;
  transportKgCo2e: number;
  netKgCo2e: number;
  tonneKm: number;
  distanceKm: number;
  tradesWithin30Km: number;
  tradesWithin80Km: number;
  tradesWithMissingFactor: number;
  factorVersions: Set<string>;
}

const emptyAccumulator = (): Accumulator => ({
  trades: 0,
  massKg: 0,
  measuredMassKg: 0,
  avoidedKgCo2e: 0,
  transportKgCo2e: 0,
  netKgCo2e: 0,
  tonneKm: 0,
  distanceKm: 0,
  tradesWithin30Km: 0,
  tradesWithin80Km: 0,
  tradesWithMissingFactor: 0,
  factorVersions: new Set(),
});

function add(acc: Accumulator, line: ImpactLine): void {
  acc.trades += 1;
  acc.massKg += line.massKg;
  if (line.massMeasured) acc.measuredMassKg += line.massKg;
  acc.avoidedKgCo2e += line.avoidedKgCo2e;
  acc.transportKgCo2e += line.transportKgCo2e;
  acc.netKgCo2e += line.netKgCo2e;
  acc.tonneKm += line.tonneKm;
  acc.distanceKm += line.distanceKm;
  if (line.distanceKm <= SHORT_DISTANCE_KM) acc.tradesWithin30Km += 1;
  if (line.distanceKm <= MEDIUM_DISTANCE_KM) acc.tradesWithin80Km += 1;
  if (line.factorMissing) acc.tradesWithMissingFactor += 1;
  acc.factorVersions.add(line.factorVersion);
}

function finish(acc: Accumulator): ImpactTotals {
  const { factorVersions, ...sums } = acc;
  const per = (n: number) => (acc.trades === 0 ? null : n / acc.trades);
  return {
    ...sums,
    shareWithin30Km: per(acc.tradesWithin30Km),
    shareWithin80Km: per(acc.tradesWithin80Km),
    averageDistanceKm: per(acc.distanceKm),
    factorVersions: [...factorVersions].sort(),
  };
}

export function impactTotals(lines: readonly ImpactLine[]): ImpactTotals {
  const acc = emptyAccumulator();
  for (const line of lines) add(acc, line);
  return finish(acc);
}

// ---------------------------------------------------------------------------------------------
// Months in Paris time

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Date.parse rolls 2026-02-30 over to March 2: check the calendar day ourselves. */
function parseInstant(iso: string): Date | null {
  const m = ISO_WITH_OFFSET.exec(iso);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const parisYearMonth = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});

/**
 * The calendar month (YYYY-MM) of an instant, in Europe/Paris time. A timestamp without an
 * offset is refused: it would be read in the machine's time zone.
 */
export function parisMonth(isoTimestamp: string): string {
  return parisMonthCached(isoTimestamp, new Map());
}

const HOUR_MS = 3_600_000;

/** Paris has been a whole number of hours from UTC since 1911, so the month is fixed within a UTC hour:
 * caching by hour keeps Intl (about 1 µs a call) out of million-line aggregations. */
function parisMonthCached(isoTimestamp: string, byUtcHour: Map<number, string>): string {
  const instant = parseInstant(isoTimestamp);
  if (instant === null) {
    throw new DomainError('VALIDATION', 'impact.invalidTimestamp', { value: isoTimestamp });
  }
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const cached = byUtcHour.get(hour);
  if (cached !== undefined) return cached;
  const parts = parisYearMonth.formatToParts(instant);
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  const key = `${year}-${month}`;
  byUtcHour.set(hour, key);
  return key;
}

/** Every month from `from` to `to` (YYYY-MM, inclusive), to draw trends with empty months. */
export function monthRange(from: string, to: string): string[] {
  const parse = (m: string) => {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(m);
    if (match === null) throw new DomainError('VALIDATION', 'impact.invalidMonth', { value: m });
    return Number(match[1]) * 12 + Number(match[2]) - 1;
  };
  const months: string[] = [];
  for (let i = parse(from); i <= parse(to); i++) {
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Breakdowns

export const impactDimensions = [
  'materialFamily',
  'sector',
  'site',
  'departement',
  'region',
  'territoryType',
  'month',
] as const;
export type ImpactDimension = (typeof impactDimensions)[number];

function dimensionKey(
  line: ImpactLine,
  dimension: ImpactDimension,
  months: Map<number, string>,
): string | null {
  switch (dimension) {
    case 'materialFamily':
      return line.materialFamily;
    case 'sector':
      return line.sector;
    case 'site':
      return line.originSiteId;
    case 'departement':
      return line.departement;
    case 'region':
      return line.region;
    case 'territoryType':
      return line.territoryType;
    case 'month':
      return parisMonthCached(line.completedAt, months);
  }
}

export interface ImpactGroup {
  /** The dimension's value; null groups the lines where it is unknown. */
  key: string | null;
  totals: ImpactTotals;
}

const compareKeys = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Totals per value of a dimension, sorted by key (code-unit order), the null group last. */
export function groupBy(lines: readonly ImpactLine[], dimension: ImpactDimension): ImpactGroup[] {
  const groups = new Map<string | null, Accumulator>();
  const months = new Map<number, string>();
  for (const line of lines) {
    const key = dimensionKey(line, dimension, months);
    let acc = groups.get(key);
    if (acc === undefined) {
      acc = emptyAccumulator();
      groups.set(key, acc);
    }
    add(acc, line);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, acc]) => ({ key, totals: finish(acc) }));
}

export interface ImpactFlow {
  originSiteId: string;
  destinationSiteId: string;
  trades: number;
  massKg: number;
  tonneKm: number;
  netKgCo2e: number;
}

/** The heaviest origin → destination flows by kg (ties broken by site ids, for a stable order). */
export function topFlows(lines: readonly ImpactLine[], limit = 10): ImpactFlow[] {
  const flows = new Map<string, ImpactFlow>();
  for (const line of lines) {
    const id = JSON.stringify([line.originSiteId, line.destinationSiteId]);
    let flow = flows.get(id);
    if (flow === undefined) {
      flow = {
        originSiteId: line.originSiteId,
        destinationSiteId: line.destinationSiteId,
        trades: 0,
        massKg: 0,
        tonneKm: 0,
        netKgCo2e: 0,
      };
      flows.set(id, flow);
    }
    flow.trades += 1;
    flow.massKg += line.massKg;
    flow.tonneKm += line.tonneKm;
    flow.netKgCo2e += line.netKgCo2e;
  }
  return [...flows.values()]
    .sort(
      (a, b) =>
        b.massKg - a.massKg ||
        compareKeys(a.originSiteId, b.originSiteId) ||
        compareKeys(a.destinationSiteId, b.destinationSiteId),
    )
    .slice(0, Math.max(0, limit));
}
