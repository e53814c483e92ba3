import { Anchor, Badge, Container, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatMoney, unitSymbol } from '../../components/catalogue/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** A basket: the trades « Tout demander » created, each with its state, amount and link. */
export function BasketPage() {
  return <RequireAuth>{() => <Basket />}</RequireAuth>;
}

function Basket() {
  const { t } = useTranslation(['sourcing', 'trades']);
  const locale = currentLocale();
  const trpc = useTRPC();
  const { id = '' } = useParams();
  const basket = useQuery(trpc.sourcing.basket.get.queryOptions({ id }));
  if (basket.error) return <QueryError error={basket.error} />;
  const b = basket.data;
  if (!b) return null;
  return (
    <Container size="md" py="md">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={1}>{b.title}</Title>
          <Anchor component={Link} to="/nomenclature" size="sm">
            {t('basket.back')}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('basket.created', { date: formatDateTime(b.createdAt, locale) })}
        </Text>
        <Text data-testid="basket-total">
          {t('basket.total')} : <strong>{formatMoney(b.totalCents, locale)}</strong> ·{' '}
          {t('basket.trades', { count: b.trades.length })}
        </Text>
        {/* Phones: one card per trade, the state first in sight; from sm: the table. */}
        <Stack gap="xs" hiddenFrom="sm" data-testid="basket-cards">
          {b.trades.map((x) => (
            <Paper key={x.tradeId} withBorder p="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/echanges/${x.tradeId}`}>
                  {x.lotTitle}
                </Anchor>
                <Badge variant="light" style={{ flex: 'none' }}>
                  {t(`trades:state.${x.state}`, { defaultValue: x.state })}
                </Badge>
              </Group>
              <Text size="sm">
                {x.sellerName}, {x.sellerCommune}
              </Text>
              <Text size="sm" c="dimmed">
                {x.lineId} · {formatNumber(x.quantity, locale, 3)} {unitSymbol(x.unit, locale)} ·{' '}
                {formatMoney(x.totalCents, locale)}
              </Text>
            </Paper>
          ))}
        </Stack>
        <Table.ScrollContainer minWidth={560} visibleFrom="sm">
          <Table striped data-testid="basket-trades">
            <Table.Caption>{t('basket.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('basket.line')}</Table.Th>
                <Table.Th scope="col">{t('basket.lot')}</Table.Th>
                <Table.Th scope="col">{t('basket.seller')}</Table.Th>
                <Table.Th scope="col">{t('basket.quantity')}</Table.Th>
                <Table.Th scope="col">{t('basket.amount')}</Table.Th>
                <Table.Th scope="col">{t('basket.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.trades.map((x) => (
                <Table.Tr key={x.tradeId}>
                  <Table.Td>{x.lineId}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/echanges/${x.tradeId}`}
                      aria-label={`${t('basket.open')} : ${x.lotTitle}`}
                    >
                      {x.lotTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {x.sellerName}, {x.sellerCommune}
                  </Table.Td>
                  <Table.Td>
                    {formatNumber(x.quantity, locale, 3)} {unitSymbol(x.unit, locale)}
                  </Table.Td>
                  <Table.Td>{formatMoney(x.totalCents, locale)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" data-testid="basket-trade-state">
                      {t(`trades:state.${x.state}`, { defaultValue: x.state })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Container>
  );
}
