import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, Table, Text, Title } from '@mantine/core';
import type { ImpactDashboard, ImpactTotalsDto } from '@retaille/api/client';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { num, percent } from './format.ts';
import classes from './impact.module.css';

export type Metric = 'massKg' | 'netKgCo2e' | 'trades';
export interface Row {
  key: string;
  label: string;
  totals: ImpactTotalsDto;
}
export type Group = ImpactDashboard['breakdowns']['sector'][number];

/** The figures of a breakdown as an accessible table (the chart's twin). */
export function BreakdownTable({
  caption,
  rows,
  total,
  dense = false,
}: {
  caption: string;
  rows: Row[];
  total?: ImpactTotalsDto;
  /** The A4 report: smaller type, no horizontal scrolling. */
  dense?: boolean;
}) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const cells = (x: ImpactTotalsDto) => (
    <>
      <Table.Td className={classes.num}>{num(x.trades, locale, 0)}</Table.Td>
      <Table.Td className={classes.num}>{num(x.massKg, locale)}</Table.Td>
      <Table.Td className={classes.num}>{num(x.avoidedKgCo2e, locale)}</Table.Td>
      <Table.Td className={classes.num}>{num(x.transportKgCo2e, locale)}</Table.Td>
      <Table.Td className={classes.num}>{num(x.netKgCo2e, locale)}</Table.Td>
      <Table.Td className={classes.num}>{num(x.tonneKm, locale, 2)}</Table.Td>
      <Table.Td className={classes.num}>{percent(x.shareWithin30Km, locale)}</Table.Td>
    </>
  );
  return (
    <Table.ScrollContainer minWidth={dense ? 0 : 640}>
      <Table className={classes.table} striped withTableBorder fz={dense ? 'xs' : 'sm'} verticalSpacing={4}>
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('table.label')}</Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.trades')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.massKg')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.avoided')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.transport')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.net')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.tonneKm')}
            </Table.Th>
            <Table.Th scope="col" className={classes.num}>
              {t('table.within30')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key || '∅'}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              {cells(r.totals)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {total && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('table.total')}</Table.Th>
              {cells(total)}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

/** A chart from @mantine/charts (recharts) with its table in a disclosure just below. */
export function BreakdownSection({
  title,
  rows,
  metric,
  total,
  vertical = true,
  testId,
}: {
  title: string;
  rows: Row[];
  metric: Metric;
  total?: ImpactTotalsDto;
  /** Horizontal bars (labels on the left) for categories; columns for months. */
  vertical?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const titleId = useId();
  const data = rows.map((r) => ({ label: r.label, value: r.totals[metric] }));
  const digits = metric === 'trades' ? 0 : 1;
  const height = vertical ? Math.max(110, 38 * rows.length + 50) : 260;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Title order={3} size="h4" id={titleId} mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('page.empty')}
        </Text>
      ) : (
        <>
          <div
            role="img"
            className={classes.chartBox}
            style={{ height }}
            aria-label={t('breakdown.chartOf', { title, metric: t(`metric.${metric}`) })}
          >
            <BarChart
              h="100%"
              data={data}
              dataKey="label"
              orientation={vertical ? 'vertical' : 'horizontal'}
              series={[
                {
                  name: 'value',
                  label: t(`metric.${metric}`),
                  color: metric === 'netKgCo2e' ? 'wood.7' : 'forest.7',
                },
              ]}
              valueFormatter={(v) => num(v, locale, digits)}
              gridAxis={vertical ? 'x' : 'y'}
              tickLine="none"
              barProps={{ radius: 3 }}
              maxBarWidth={vertical ? 22 : 28}
              yAxisProps={vertical ? { width: 150, interval: 0, fontSize: 12 } : { width: 56 }}
              xAxisProps={vertical ? {} : { interval: 'preserveStartEnd', fontSize: 12 }}
            />
          </div>
          <details className={classes.details}>
            <summary>{t('breakdown.showTable')}</summary>
            <BreakdownTable caption={title} rows={rows} total={total} />
          </details>
        </>
      )}
    </Paper>
  );
}
