import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ImpactDashboard, ImpactTotalsDto } from '@retaille/api/client';
import { useQueries } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { sectorOptions } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { BreakdownSection, type Metric, type Row } from './Breakdowns.tsx';
import { FlowsMapPanel } from './FlowsMapPanel.tsx';
import { co2e, km, mass, monthLabel, num, percent } from './format.ts';
import classes from './impact.module.css';
import { type Dimension, familyOptions, makeLabeler, useDepartementNames } from './labels.ts';
import { regionName } from './regions.ts';
import { exportHref, type useImpactFilters } from './useImpactFilters.ts';

type Filters = ReturnType<typeof useImpactFilters>;

/** Rows of a breakdown, labelled for display, largest first (months stay in order). */
export function useRows() {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const label = makeLabeler(t, locale, useDepartementNames());
  return (data: ImpactDashboard, dimension: Dimension): Row[] => {
    const groups = data.breakdowns[dimension];
    const rows = groups.map((g) => ({
      key: g.key,
      label: dimension === 'month' ? monthLabel(g.key, locale) : label(dimension, g.key, g.label),
      totals: g.totals,
    }));
    return dimension === 'month' ? rows : rows.sort((a, b) => b.totals.massKg - a.totals.massKg);
  };
}

export function FiltersBar({
  filters,
  options,
  site = false,
}: {
  filters: Filters;
  /** An unfiltered dashboard of the same period: the départements and regions that have trades. */
  options?: ImpactDashboard;
  site?: boolean;
}) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const label = makeLabeler(t, locale, useDepartementNames());
  const { input } = filters;
  const keysOf = (d: 'departement' | 'region') =>
    (options?.breakdowns[d] ?? [])
      .filter((g) => g.key)
      .map((g) => ({ value: g.key, label: label(d, g.key, g.label) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  const withCurrent = (list: { value: string; label: string }[], value: string | undefined, d: Dimension) =>
    value && !list.some((o) => o.value === value) ? [...list, { value, label: label(d, value, null) }] : list;
  const territoryOptions = ['rural', 'qpv', 'small_medium_town', 'metropolis'].map((k) => ({
    value: k,
    label: label('territoryType', k, null),
  }));
  const select = (
    key: 'sector' | 'departement' | 'region' | 'territoryType' | 'materialFamily',
    data: { value: string; label: string }[],
  ) => (
    <Select
      label={t(`filters.${key}`)}
      placeholder={t('filters.all')}
      data={data}
      value={input[key] ?? null}
      onChange={(v) => filters.set({ [key]: v })}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
      data-testid={`filter-${key}`}
    />
  );
  const reversed = input.from > input.to;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="fieldset"
      className={classes.noPrint}
      style={{ margin: 0 }}
    >
      <Text component="legend" fw={600} px={4}>
        {t('filters.legend')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: site ? 4 : 7 }} spacing="sm">
        <TextInput
          type="month"
          label={t('filters.from')}
          value={input.from}
          max={input.to}
          onChange={(e) => e.currentTarget.value && filters.set({ from: e.currentTarget.value })}
          data-testid="filter-from"
        />
        <TextInput
          type="month"
          label={t('filters.to')}
          value={input.to}
          min={input.from}
          onChange={(e) => e.currentTarget.value && filters.set({ to: e.currentTarget.value })}
          error={reversed ? t('filters.periodReversed') : undefined}
          data-testid="filter-to"
        />
        {!site && select('sector', sectorOptions(locale))}
        {!site && select('departement', withCurrent(keysOf('departement'), input.departement, 'departement'))}
        {!site && select('region', withCurrent(keysOf('region'), input.region, 'region'))}
        {!site && select('territoryType', territoryOptions)}
        {select('materialFamily', familyOptions(locale))}
        {site && select('sector', sectorOptions(locale))}
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button variant="subtle" size="compact-sm" onClick={filters.reset}>
          {t('filters.reset')}
        </Button>
      </Group>
    </Paper>
  );
}

function Kpi({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <div className={classes.kpiValue}>{value}</div>
      {detail && (
        <Text size="xs" c="dimmed" mt={2}>
          {detail}
        </Text>
      )}
    </Paper>
  );
}

export function Kpis({ totals }: { totals: ImpactTotalsDto }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden" style={{ position: 'absolute', left: -9999 }}>
        {t('kpi.label')}
      </h2>
      <div className={classes.kpis}>
        <Kpi
          testId="kpi-mass"
          label={t('kpi.mass')}
          value={mass(totals.massKg, locale)}
          detail={t('kpi.measured', { value: mass(totals.measuredMassKg, locale) })}
        />
        <Kpi testId="kpi-trades" label={t('kpi.trades')} value={num(totals.trades, locale, 0)} />
        <Kpi
          testId="kpi-net"
          label={t('kpi.net')}
          value={co2e(totals.netKgCo2e, locale)}
          detail={t('kpi.netDetail', {
            avoided: co2e(totals.avoidedKgCo2e, locale),
            transport: co2e(totals.transportKgCo2e, locale),
          })}
        />
        <Kpi testId="kpi-tonnekm" label={t('kpi.tonneKm')} value={`${num(totals.tonneKm, locale)} t·km`} />
        <Kpi
          testId="kpi-30"
          label={t('kpi.within30')}
          value={percent(totals.shareWithin30Km, locale)}
          detail={t('kpi.ofTrades', {
            count: num(totals.tradesWithin30Km, locale, 0),
            total: num(totals.trades, locale, 0),
          })}
        />
        <Kpi
          testId="kpi-80"
          label={t('kpi.within80')}
          value={percent(totals.shareWithin80Km, locale)}
          detail={t('kpi.ofTrades', {
            count: num(totals.tradesWithin80Km, locale, 0),
            total: num(totals.trades, locale, 0),
          })}
        />
        <Kpi
          testId="kpi-distance"
          label={t('kpi.averageDistance')}
          value={km(totals.averageDistanceKm, locale)}
          detail={t('kpi.averageDistanceDetail')}
        />
      </div>
    </section>
  );
}

export function FlowsTable({ flows }: { flows: ImpactDashboard['topFlows'] }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  if (flows.length === 0) return <Text c="dimmed">{t('flows.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table
        className={classes.table}
        striped
        withTableBorder
        fz="sm"
        verticalSpacing={4}
        data-testid="flows-table"
      >
        <caption>{t('flows.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              {t('flows.origin')} → {t('flows.destination')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.trades')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.massKg')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.net')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flows.map((f) => (
            <Table.Tr key={`${f.originSiteId}>${f.destinationKey}`}>
              <Table.Th scope="row" fw={500}>
                {f.originName} → {f.destinationLabel}
              </Table.Th>
              <Table.Td className={classes.num}>{num(f.trades, locale, 0)}</Table.Td>
              <Table.Td className={classes.num}>{num(f.massKg, locale)}</Table.Td>
              <Table.Td className={classes.num}>{num(f.netKgCo2e, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Factor versions used, with their sources; "facteur manquant" when a trade had none. */
export function FactorsSection({ totals, compact = false }: { totals: ImpactTotalsDto; compact?: boolean }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const trpc = useTRPC();
  const sets = useQueries({
    queries: totals.factorVersions.map((version) => ({
      ...trpc.impact.factors.get.queryOptions({ version }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const titleId = useId();
  return (
    <Paper
      withBorder={!compact}
      p={compact ? 0 : 'md'}
      radius="md"
      component="section"
      aria-labelledby={titleId}
    >
      <Title order={compact ? 2 : 3} size="h4" id={titleId} mb="xs">
        {t('factors.title')}
      </Title>
      {totals.tradesWithMissingFactor > 0 && (
        <Alert color="wood" title={t('factors.missingTitle')} mb="sm" data-testid="missing-factor">
          {t('factors.missing', { count: totals.tradesWithMissingFactor })}
        </Alert>
      )}
      <Text size="sm" mb="xs">
        {t('factors.method')}
      </Text>
      {totals.factorVersions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('factors.none')}
        </Text>
      )}
      {totals.factorVersions.map((version, i) => {
        const set = sets[i]?.data;
        const sources = new Map<string, number>();
        for (const f of [...(set?.materialFactors ?? []), ...(set?.transportFactors ?? [])]) {
          sources.set(f.source, f.year);
        }
        return (
          <div key={version} data-testid="factor-version">
            <Text size="sm" fw={600}>
              {t('factors.version', { version })}
            </Text>
            {set && (
              <details className={classes.details} open={compact}>
                <summary>
                  {t('factors.sources')} ({sources.size})
                </summary>
                <List size="xs" spacing={2} mt={4}>
                  {[...sources].map(([source, year]) => (
                    <List.Item key={source}>
                      {source} ({num(year, locale, 0).replace(/\s/g, '')})
                    </List.Item>
                  ))}
                </List>
              </details>
            )}
          </div>
        );
      })}
    </Paper>
  );
}

export function ExportsSection({ query }: { query: string }) {
  const { t } = useTranslation('impact');
  const titleId = useId();
  const link = (format: 'csv' | 'json', kind: 'lines' | 'aggregates' | 'sources', label: string) => (
    <Button
      component="a"
      href={exportHref(query, format, kind, currentLocale())}
      download
      variant="light"
      size="sm"
      data-testid={`export-${format}-${kind}`}
    >
      {label}
    </Button>
  );
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      className={classes.noPrint}
    >
      <Title order={3} size="h4" id={titleId} mb="xs">
        {t('exports.title')}
      </Title>
      <Group gap="xs">
        {link('csv', 'lines', t('exports.csvLines'))}
        {link('csv', 'aggregates', t('exports.csvAggregates'))}
        {link('csv', 'sources', t('exports.csvSources'))}
        {link('json', 'lines', t('exports.jsonLines'))}
        {link('json', 'aggregates', t('exports.jsonAggregates'))}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('exports.hint')}
      </Text>
    </Paper>
  );
}

/** The whole dashboard body for a loaded answer; `site` hides the territorial breakdowns. */
export function DashboardBody({
  data,
  query,
  site = false,
}: {
  data: ImpactDashboard;
  query: string;
  site?: boolean;
}) {
  const { t } = useTranslation('impact');
  const rowsOf = useRows();
  const [metric, setMetric] = useState<Metric>('massKg');
  const flowsTitle = useId();
  const sections: Dimension[] = site
    ? ['materialFamily', 'sector']
    : ['materialFamily', 'sector', 'territoryType', 'departement', 'region', 'site'];
  return (
    <Stack gap="md">
      <Kpis totals={data.totals} />
      {data.totals.trades === 0 && <Alert color="gray">{t('page.empty')}</Alert>}
      <Group justify="space-between" align="end" className={classes.noPrint}>
        <SegmentedControl
          aria-label={t('metric.label')}
          value={metric}
          onChange={(v) => setMetric(v as Metric)}
          data={(['massKg', 'netKgCo2e', 'trades'] as const).map((m) => ({
            value: m,
            label: t(`metric.${m}`),
          }))}
          size="xs"
        />
      </Group>
      <BreakdownSection
        title={t('breakdown.month')}
        rows={rowsOf(data, 'month')}
        metric={metric}
        total={data.totals}
        vertical={false}
        testId="breakdown-month"
      />
      <div className={classes.sections}>
        {sections.map((d) => (
          <BreakdownSection
            key={d}
            title={t(`breakdown.${d}`)}
            rows={rowsOf(data, d)}
            metric={metric}
            total={data.totals}
            testId={`breakdown-${d}`}
          />
        ))}
      </div>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby={flowsTitle}>
        <Title order={3} size="h4" id={flowsTitle} mb="sm">
          {t('flows.title')}
        </Title>
        {data.topFlows.length > 0 && !site && <FlowsMapPanel flows={data.topFlows} />}
        <div style={{ marginTop: 12 }}>
          <FlowsTable flows={data.topFlows} />
        </div>
      </Paper>
      <div className={classes.sections}>
        <FactorsSection totals={data.totals} />
        <ExportsSection query={query} />
      </div>
    </Stack>
  );
}

export function scopeText(
  data: ImpactDashboard,
  t: (k: string, o?: Record<string, unknown>) => string,
  departements: Map<string, string>,
): string {
  const s = data.scope;
  if (s.kind === 'network') return t('scope.network');
  if (s.kind === 'site') return t('scope.site', { name: data.breakdowns.site[0]?.label ?? '' });
  const list = [
    ...s.departements.map((c) => (departements.get(c) ? `${departements.get(c)} (${c})` : c)),
    ...s.regions.map(regionName),
  ].join(', ');
  return t('scope.territory', { list });
}
