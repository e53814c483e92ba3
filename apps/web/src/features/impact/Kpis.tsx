import { Paper, Text } from '@mantine/core';
import type { ImpactTotalsDto } from '@retaille/api/client';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { co2e, km, mass, num, percent } from './format.ts';
import classes from './impact.module.css';
import { MethodCitation } from './MethodCitation.tsx';

export function Kpi({
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
            low: co2e(totals.netRangeKgCo2e.low, locale),
            high: co2e(totals.netRangeKgCo2e.high, locale),
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
      <MethodCitation versions={totals.methodVersions} />
    </section>
  );
}
