import type { ImpactTotals, MethodSummary, Range } from '@retaille/domain';

/** The written method every figure cites (docs/impact-method.md), and the web page showing it. */
export const IMPACT_METHOD_DOC = 'docs/impact-method.md';
export const IMPACT_METHOD_PATH = '/impact/methode';

/** Totals of the stored records: central figures, their ranges, and what they rest on. */
export interface ImpactTotalsDto extends ImpactTotals {
  /** The net with its low/high bounds (the method view gives avoided and transport ranges). */
  netRangeKgCo2e: Range;
  /** Trades charged the labelled default travel (nothing recorded at handover). */
  tradesDefaultTravel: number;
  /** Trades whose material rests on a proxy factor. */
  tradesProxy: number;
  /** Method versions of the figures (more than one only while old records are recomputed). */
  methodVersions: string[];
}

/** Filters of the dashboard and the exports. Periods are whole Paris months, inclusive. */
export interface ImpactFilters {
  /** `YYYY-MM` */
  from: string;
  /** `YYYY-MM` */
  to: string;
  departement?: string | undefined;
  region?: string | undefined;
  sector?: string | undefined;
  materialFamily?: string | undefined;
  territoryType?: string | undefined;
  siteId?: string | undefined;
}

export type ImpactScopeDto =
  | { kind: 'network' }
  | { kind: 'territory'; departements: string[]; regions: string[] }
  | { kind: 'site'; siteId: string };

export interface ImpactGroupDto {
  key: string;
  /** A display name where the key is an id (sites); otherwise null and the web labels the key. */
  label: string | null;
  totals: ImpactTotalsDto;
}

export interface ImpactFlowDto {
  originSiteId: string;
  originName: string;
  origin: { lat: number; lon: number };
  destinationKey: string;
  destinationSiteId: string | null;
  destinationLabel: string;
  /** The destination site, or the commune centre of a person's home; null when unknown. */
  destination: { lat: number; lon: number } | null;
  trades: number;
  massKg: number;
  tonneKm: number;
  netKgCo2e: number;
}

export const impactBreakdownNames = [
  'materialFamily',
  'sector',
  'site',
  'departement',
  'region',
  'territoryType',
  'month',
] as const;
export type ImpactBreakdownName = (typeof impactBreakdownNames)[number];

export interface ImpactDashboardDto {
  period: { from: string; to: string };
  scope: ImpactScopeDto;
  totals: ImpactTotalsDto;
  /** Every dimension; a site's own dashboard leaves the place breakdowns empty. */
  breakdowns: Record<ImpactBreakdownName, ImpactGroupDto[]>;
  topFlows: ImpactFlowDto[];
  /**
   * A site's dashboard only: what the site received (the trades it bought), shown apart from
   * `totals` (what it gave). Null for the network and territories, where each trade counts once.
   */
  received: ImpactTotalsDto | null;
}

/** Impact method figures (docs/impact-method.md): ranges, coverage, sensitivity. */
export interface ImpactMethodDto {
  methodVersion: string;
  factorVersion: string;
  scope: ImpactScopeDto;
  /** What the scope gave (for a site: the trades it sold). */
  given: MethodSummary;
  /** A site's dashboard only: the trades it bought; null otherwise. */
  received: MethodSummary | null;
}

/** Text for CSV and JSON, bytes for the Excel workbook. */
export interface ImpactExportFile<Body extends string | Buffer = string> {
  filename: string;
  contentType: string;
  body: Body;
}
