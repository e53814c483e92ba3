import { Alert, Group, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import type { ImpactDashboard } from '@retaille/api/client';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { BreakdownSection, type Metric, type Row } from './Breakdowns.tsx';
import { ExportsSection } from './ExportsSection.tsx';
import { FactorsSection } from './FactorsSection.tsx';
import { FlowsMapPanel } from './FlowsMapPanel.tsx';
import { FlowsTable } from './FlowsTable.tsx';
import { monthLabel } from './format.ts';
import classes from './impact.module.css';
import { Kpis } from './Kpis.tsx';
import { type Dimension, makeLabeler, useDepartementNames } from './labels.ts';
import { regionName } from './regions.ts';

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
