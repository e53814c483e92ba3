/** An allocation's totals against the greedy baseline, and what they mean in plain words. */
/**
 * /coordination/allocation: a coordinator runs (or joins) the network-wide allocation of a region
 * or of the whole network, follows its progress, and reads the optimum against the greedy
 * nearest-first baseline — totals, a plain-language explanation, the flows on a map and in a
 * sortable table — or the failure with a retry.
 */
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AppLocale, currentLocale } from '../../i18n/i18n.ts';
import type { Summary } from './allocationParts.tsx';
import { co2e, kg, percent, tonneKm } from './format.ts';
import classes from './matching.module.css';

export function Totals({ summary }: { summary: Summary }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const { optimal, greedy, optimalAtGreedyKg: at } = summary;
  const rows: {
    key: string;
    label: string;
    fmt: (v: number, l: AppLocale) => string;
    pick: keyof Summary['optimal'];
  }[] = [
    { key: 'kg', label: t('allocation.kg'), fmt: kg, pick: 'kg' },
    { key: 'tkm', label: t('allocation.tonneKm'), fmt: tonneKm, pick: 'tonneKm' },
    { key: 'co2', label: t('allocation.co2e'), fmt: co2e, pick: 'transportCo2eKg' },
    {
      key: 'flows',
      label: t('allocation.flows'),
      fmt: (v, l) => new Intl.NumberFormat(l).format(v),
      pick: 'flows',
    },
  ];
  const columns = [
    { key: 'optimal', label: t('allocation.optimal'), v: optimal },
    { key: 'greedy', label: t('allocation.greedy'), v: greedy },
    { key: 'at', label: t('allocation.atGreedyKg'), v: at },
  ] as const;
  return (
    <>
      {/* Phones: one card per approach; wider screens: the figures side by side in a table. */}
      <SimpleGrid cols={1} spacing="xs" hiddenFrom="sm">
        {columns.map((c) => (
          <Paper key={c.key} withBorder p="sm" radius="md" bg={c.key === 'optimal' ? 'forest.0' : 'white'}>
            <Text fw={700} size="sm" mb={4}>
              {c.label}
            </Text>
            <dl className={classes.facts}>
              {rows.map((r) => (
                <div key={r.key}>
                  <dt>{r.label}</dt>
                  <dd>{r.fmt(c.v[r.pick], locale)}</dd>
                </div>
              ))}
            </dl>
          </Paper>
        ))}
      </SimpleGrid>
      <div className={classes.totals}>
        <Table
          visibleFrom="sm"
          withTableBorder
          withColumnBorders
          striped="even"
          bg="white"
          data-testid="allocation-totals"
        >
          <Table.Caption>{t('allocation.totalsTitle')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('allocation.metric')}</Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.optimal')}
              </Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.greedy')}
              </Table.Th>
              <Table.Th scope="col" className={classes.num}>
                {t('allocation.atGreedyKg')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key} data-testid={`totals-${r.key}`}>
                <Table.Th scope="row">{r.label}</Table.Th>
                <Table.Td className={`${classes.num} ${classes.best}`}>
                  {r.fmt(optimal[r.pick], locale)}
                </Table.Td>
                <Table.Td className={classes.num}>{r.fmt(greedy[r.pick], locale)}</Table.Td>
                <Table.Td className={classes.num}>{r.fmt(at[r.pick], locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </>
  );
}

export function Explanation({ summary }: { summary: Summary }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const { optimal, greedy, optimalAtGreedyKg: at } = summary;
  const moreKg = optimal.kg - greedy.kg > 0.05;
  const saving = greedy.tonneKm > 0 ? 1 - at.tonneKm / greedy.tonneKm : 0;
  const co2Saved = greedy.transportCo2eKg - at.transportCo2eKg;
  return (
    <Stack gap={6} data-testid="allocation-explanation">
      <Text size="sm">
        {moreKg
          ? t('allocation.explainMore', {
              optimalKg: kg(optimal.kg, locale),
              greedyKg: kg(greedy.kg, locale),
            })
          : t('allocation.explainSame', { optimalKg: kg(optimal.kg, locale) })}{' '}
        {saving >= 0.005
          ? t('allocation.explainSaving', {
              greedyKg: kg(greedy.kg, locale),
              atKm: tonneKm(at.tonneKm, locale),
              greedyKm: tonneKm(greedy.tonneKm, locale),
              percent: percent(saving, locale),
              co2: co2e(Math.max(0, co2Saved), locale),
            })
          : co2Saved >= 0.05
            ? t('allocation.explainFewerTrips', {
                greedyKm: tonneKm(greedy.tonneKm, locale),
                atFlows: at.flows,
                greedyFlows: greedy.flows,
                co2: co2e(co2Saved, locale),
              })
            : t('allocation.explainNoSaving', { greedyKm: tonneKm(greedy.tonneKm, locale) })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('allocation.explainWhy')}
      </Text>
    </Stack>
  );
}
