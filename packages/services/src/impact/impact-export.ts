import { type Database, type ImpactQueryFilter, impactRepository, type Kysely } from '@retaille/db';
import { toExcelCsv } from '@retaille/domain';
import type {
  ImpactBreakdownName,
  ImpactDashboardDto,
  ImpactExportFile,
  ImpactFilters,
  ImpactScopeDto,
  ImpactTotalsDto,
} from './impact.dto.ts';
import { IMPACT_METHOD_DOC, IMPACT_METHOD_PATH } from './impact.dto.ts';
import {
  AGGREGATE_COLUMNS_BY_LOCALE,
  dimensionLabels,
  type ExportOptions,
  LINE_COLUMNS_BY_LOCALE,
  lineOf,
  metadataRows,
  methodSummaryText,
  SOURCE_COLUMNS,
} from './impact-export-columns.ts';
import { impactWorkbook, type PreparedSheet, sheet } from './impact-workbook.ts';

/** A dashboard or an export covers at most this many months. */

/** An export of lines stops here (and says so); a larger one needs a narrower filter. */
export const MAX_EXPORT_LINES = 200_000;

/** What an export needs once the caller's scope is resolved: the filters, the sources, the dashboard. */
export interface ImpactExportContext {
  db: Kysely<Database>;
  now: () => Date;
  publicUrl: string | undefined;
  filters: ImpactFilters;
  scope: ImpactScopeDto;
  filter: ImpactQueryFilter;
  versions: string[];
  sources: string[];
  dashboard: () => Promise<ImpactDashboardDto>;
}

/**
 * CSV, JSON or workbook of the impact lines, of every aggregate of the dashboard, or of the
 * sources alone; each file names the factor versions, the method versions and their sources.
 */
export async function writeImpactExport(
  ctx: ImpactExportContext,
  options: ExportOptions,
): Promise<ImpactExportFile<string | Buffer>> {
  const locale = options.locale ?? 'fr';
  const { filters, scope, filter, versions, sources } = ctx;
  const methodVersions = (await impactRepository.usedMethodVersions(ctx.db, filter)).sort();
  const methodUrl = `${ctx.publicUrl ?? ''}${IMPACT_METHOD_PATH}`;
  const meta = {
    title: 'Retaille — impact (kg réemployés, kg CO2e évités nets du transport)',
    period: { from: filters.from, to: filters.to },
    filters,
    scope,
    generatedAt: ctx.now().toISOString(),
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
      ctx.now(),
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
    const rows = await impactRepository.listImpactRecords(ctx.db, filter, MAX_EXPORT_LINES + 1);
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
  const dashboard = await ctx.dashboard();
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
