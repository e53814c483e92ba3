import { Anchor, Container, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../components/catalogue/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** « Mes paniers »: the baskets of the designer, newest first. */
export function BasketsPage() {
  return <RequireAuth>{() => <Baskets />}</RequireAuth>;
}

function Baskets() {
  const { t } = useTranslation('sourcing');
  const locale = currentLocale();
  const trpc = useTRPC();
  const baskets = useQuery(trpc.sourcing.basket.list.queryOptions());
  if (baskets.error) return <QueryError error={baskets.error} />;
  return (
    <Container size="md" py="md">
      <Stack gap="md">
        <Title order={1}>{t('basket.list')}</Title>
        <Anchor component={Link} to="/nomenclature" size="sm">
          {t('basket.back')}
        </Anchor>
        {baskets.data?.length === 0 ? <Text>{t('basket.empty')}</Text> : null}
        <List spacing="xs">
          {(baskets.data ?? []).map((b) => (
            <List.Item key={b.id}>
              <Anchor component={Link} to={`/nomenclature/paniers/${b.id}`}>
                {b.title}
              </Anchor>{' '}
              — {formatDate(b.createdAt, locale)} · {t('basket.trades', { count: b.tradeCount })} ·{' '}
              {formatMoney(b.totalCents, locale)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Container>
  );
}
