import { Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { BreakdownTable } from './Breakdowns.tsx';
import { FactorsSection } from './FactorsSection.tsx';
import { FlowsTable } from './FlowsTable.tsx';
import { co2e, km, mass, monthLabel, num, percent } from './format.ts';
import { scopeText, useRows } from './ImpactView.tsx';
import classes from './impact.module.css';
import { type Dimension, makeLabeler, useDepartementNames } from './labels.ts';
import { MethodCitation } from './MethodCitation.tsx';
import { filterKeys, useImpactFilters } from './useImpactFilters.ts';

/** /impact/rapport?… — the dashboard's figures as an A4 document (print CSS hides the app). */
export function ImpactReportPage() {
  return <RequireAuth>{() => <Report />}</RequireAuth>;
}

function Report() {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const siteId = params.get('siteId') ?? undefined;
  const filters = useImpactFilters(siteId);
  const dashboard = useQuery(trpc.impact.dashboard.queryOptions(filters.input));
  const departements = useDepartementNames();
  const label = makeLabeler(t, locale, departements);
  const rowsOf = useRows();
  const back = siteId ? `/sites/${siteId}/impact?${params}` : `/impact?${params}`;

  if (dashboard.isError)
    return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  if (!dashboard.data) {
    return (
      <Center py="xl">
        <Loader aria-label={t('page.loading')} />
      </Center>
    );
  }
  const data = dashboard.data;
  const x = data.totals;
  const active = filterKeys
    .filter((k) => filters.input[k])
    .map((k) => `${t(`filters.${k}`)} : ${label(k, String(filters.input[k]), null)}`);
  const sections: Dimension[] = siteId
    ? ['month', 'materialFamily', 'sector']
    : ['month', 'materialFamily', 'sector', 'territoryType', 'departement', 'region', 'site'];
  const kpis: [string, string][] = [
    [t('kpi.mass'), mass(x.massKg, locale)],
    [t('kpi.trades'), num(x.trades, locale, 0)],
    [
      t('kpi.net'),
      `${co2e(x.netKgCo2e, locale)} (${t('kpi.range', {
        low: co2e(x.netRangeKgCo2e.low, locale),
        high: co2e(x.netRangeKgCo2e.high, locale),
      })})`,
    ],
    [t('kpi.tonneKm'), `${num(x.tonneKm, locale)} t·km`],
    [t('kpi.within30'), percent(x.shareWithin30Km, locale)],
    [t('kpi.within80'), percent(x.shareWithin80Km, locale)],
    [t('kpi.averageDistance'), km(x.averageDistanceKm, locale)],
    [t('table.avoided'), co2e(x.avoidedKgCo2e, locale)],
  ];
  return (
    <div className={classes.reportBackdrop}>
      <Group justify="center" gap="xs" mb="sm" className={classes.noPrint}>
        <Button component={Link} to={back} variant="default">
          ← {t('report.back')}
        </Button>
        <Button onClick={() => window.print()}>{t('report.print')}</Button>
      </Group>
      <article className={classes.sheet} data-testid="impact-report">
        <Stack gap={4}>
          <Title order={1}>{t('report.title')}</Title>
          <Text fw={600}>
            {t('report.period', {
              from: monthLabel(data.period.from, locale, 'long'),
              to: monthLabel(data.period.to, locale, 'long'),
            })}
          </Text>
          <Text>
            {data.scope.kind === 'network'
              ? t('report.territory', { name: t('report.network') })
              : scopeText(data, t, departements)}
          </Text>
          {active.length > 0 && <Text size="sm">{t('report.filters', { list: active.join(' · ') })}</Text>}
          <Text size="xs" c="dimmed">
            {t('report.generated', { date: formatDate(new Date().toISOString(), locale) })} ·{' '}
            {x.factorVersions.map((v) => t('factors.version', { version: v })).join(' · ')}
          </Text>
          <MethodCitation versions={x.methodVersions} printable />
        </Stack>
        <section className={classes.reportSection} aria-label={t('kpi.label')}>
          <div className={classes.reportKpis}>
            {kpis.map(([k, v]) => (
              <div key={k} className={classes.reportKpi}>
                <Text size="xs">{k}</Text>
                <Text fw={700} size="lg">
                  {v}
                </Text>
              </div>
            ))}
          </div>
        </section>
        {sections.map((d) => (
          <section key={d} className={classes.reportSection}>
            <BreakdownTable
              caption={t(`breakdown.${d}`)}
              rows={
                d === 'month'
                  ? rowsOf(data, d).map((r) => ({ ...r, label: monthLabel(r.key, locale, 'long') }))
                  : rowsOf(data, d)
              }
              total={x}
              dense
            />
          </section>
        ))}
        <section className={classes.reportSection}>
          <FlowsTable flows={data.topFlows} />
        </section>
        <section className={classes.reportSection}>
          <FactorsSection totals={x} compact />
        </section>
      </article>
    </div>
  );
}
