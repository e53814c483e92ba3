import { Alert, Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImpactFiltersInput, ImpactMethod } from '@retaille/api/client';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { materialLabel } from '../../components/catalogue/format.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { co2e, mass, num } from './format.ts';
import { METHOD_PATH } from './MethodCitation.tsx';

type Summary = ImpactMethod['given'];

/**
 * The dashboard's figures under the impact method (docs/impact-method.md): the central net with
 * its range, what rests on proxies or on nothing, the five most sensitive parameters and, on a
 * site's dashboard, what it received apart from what it gave.
 */
export function MethodSection({ input }: { input: ImpactFiltersInput }) {
  const { t } = useTranslation('impact');
  const trpc = useTRPC();
  const method = useQuery({ ...trpc.impact.method.queryOptions(input), enabled: input.from <= input.to });
  if (!method.data) return null;
  const m = method.data;
  return (
    <Paper withBorder p="md" data-testid="impact-method">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('method.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('method.version', { method: m.methodVersion, factors: m.factorVersion })}{' '}
          <Anchor component={Link} to={METHOD_PATH}>
            {t('citation.link')}
          </Anchor>
        </Text>
        {m.received === null ? (
          <SummaryBlock summary={m.given} title={t('method.network')} />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <SummaryBlock summary={m.given} title={t('method.given')} />
            <SummaryBlock summary={m.received} title={t('method.received')} />
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

function SummaryBlock({ summary, title }: { summary: Summary; title: string }) {
  const { t } = useTranslation('impact');
  const locale = currentLocale();
  const net = summary.netKgCo2e;
  const paramLabel = (p: string) => {
    const [kind = '', key = ''] = p.split(':');
    const name =
      kind === 'travel' ? t(`method.mode.${key}`, { defaultValue: key }) : materialLabel(key, locale);
    return t(`method.param.${kind}`, { name, defaultValue: p });
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {title}
      </Title>
      <Text data-testid="method-net">
        {t('method.net', {
          central: co2e(net.central, locale),
          low: co2e(net.low, locale),
          high: co2e(net.high, locale),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('method.trades', { count: summary.trades, mass: mass(summary.massKg, locale) })}
        {summary.defaultTravelTrades > 0 &&
          ` ${t('method.defaultTravel', { count: summary.defaultTravelTrades })}`}
      </Text>
      {summary.coverage.length > 0 && (
        <Alert color="yellow" title={t('method.coverageTitle')}>
          <Table fz="sm">
            <Table.Tbody>
              {summary.coverage.map((c) => (
                <Table.Tr key={c.materialKey}>
                  <Table.Td>{materialLabel(c.materialKey, locale)}</Table.Td>
                  <Table.Td>{t(`method.coverage.${c.coverage}`)}</Table.Td>
                  <Table.Td>{t('method.trades', { count: c.trades, mass: mass(c.massKg, locale) })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      {summary.sensitivity.length > 0 && (
        <Table fz="sm" captionSide="top">
          <Table.Caption>{t('method.sensitivityTitle')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('method.parameter')}</Table.Th>
              <Table.Th>{t('method.atLow')}</Table.Th>
              <Table.Th>{t('method.atHigh')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.sensitivity.map((s) => (
              <Table.Tr key={s.parameter}>
                <Table.Td>{paramLabel(s.parameter)}</Table.Td>
                <Table.Td>{num(s.netAtLow, locale, 0)}</Table.Td>
                <Table.Td>{num(s.netAtHigh, locale, 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
