import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Chip,
  Container,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TradeOutput } from '@retaille/api/client';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { errorKeyOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useTradeChanged } from './api.ts';
import { FailureMessage } from './FailureMessage.tsx';
import { formatCents, formatDay, formatQty, totalOf } from './format.ts';
import { StateBadge } from './StateBadge.tsx';
import { needsMe } from './states.ts';
import classes from './trades.module.css';

type RoleFilter = 'all' | 'buyer' | 'seller';
type StatusFilter = 'all' | 'action' | 'ongoing' | 'done' | 'closed';
const ROLE_FILTERS: RoleFilter[] = ['all', 'buyer', 'seller'];
const STATUS_FILTERS: StatusFilter[] = ['all', 'action', 'ongoing', 'done', 'closed'];

function Amount({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  return (
    <Text className={classes.amount} c={trade.isPaid ? undefined : 'forest.8'} data-testid="trade-amount">
      {trade.isPaid ? formatCents(totalOf(trade), locale) : t('free')}
    </Text>
  );
}

function counterpartOf(trade: TradeOutput, t: (k: string, o?: Record<string, unknown>) => string) {
  return trade.role === 'buyer'
    ? t('list.to', { name: trade.sellerSite.name })
    : t('list.from', { name: trade.buyer.name });
}

/** A request waiting for the seller's answer, with the answer buttons right there. */
function InboxItem({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const changed = useTradeChanged();
  const accept = useMutation(trpc.trades.accept.mutationOptions());
  const decline = useMutation(trpc.trades.decline.mutationOptions());
  const act = async (kind: 'accept' | 'decline') => {
    try {
      const updated = await (kind === 'accept' ? accept : decline).mutateAsync({ id: trade.id });
      await changed(updated);
      notifications.show({
        color: 'forest',
        message: t(kind === 'accept' ? 'list.accepted' : 'list.declined'),
      });
    } catch (error) {
      notifications.show({
        color: 'red',
        autoClose: errorKeyOf(error) === 'payments.sellerNotOnboarded' ? false : undefined,
        message: <FailureMessage error={error} siteId={trade.sellerSite.id} />,
      });
    }
  };
  return (
    <Card withBorder padding="md" bg="white" data-testid="inbox-item">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Anchor component={Link} to={`/echanges/${trade.id}`} fw={700} c="dark" lineClamp={2}>
              {trade.lot.title}
            </Anchor>
            <Text size="sm" c="dimmed">
              {counterpartOf(trade, t)} · {formatQty(trade.quantity, trade.unit, locale)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('list.requestedOn', { date: formatDay(trade.createdAt, locale) })}
            </Text>
          </Stack>
          <Amount trade={trade} />
        </Group>
        <Group gap="xs">
          {trade.availableTransitions.includes('accept') && (
            <Button size="sm" onClick={() => void act('accept')} loading={accept.isPending}>
              {t('action.accept')}
            </Button>
          )}
          {trade.availableTransitions.includes('decline') && (
            <ConfirmButton
              size="sm"
              variant="default"
              label={t('action.decline')}
              title={t('action.declineTitle')}
              text={t('action.declineText')}
              loading={decline.isPending}
              onConfirm={() => act('decline')}
            />
          )}
          <Button size="sm" variant="subtle" component={Link} to={`/echanges/${trade.id}`}>
            {t('list.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TradeRow({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  return (
    <Card
      withBorder
      padding="md"
      bg="white"
      component={Link}
      to={`/echanges/${trade.id}`}
      className={classes.row}
      data-testid="trade-row"
      data-trade-id={trade.id}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap={6}>
            <StateBadge state={trade.state} />
            <Badge variant="outline" color="gray" size="sm">
              {t(`role.${trade.role}`)}
            </Badge>
            {needsMe(trade) && (
              <Badge color="wood" variant="filled" size="sm">
                {t('list.yourTurn')}
              </Badge>
            )}
          </Group>
          <Text fw={700} lineClamp={2}>
            {trade.lot.title}
          </Text>
          <Text size="sm" c="dimmed">
            {counterpartOf(trade, t)} · {formatQty(trade.quantity, trade.unit, locale)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('list.requestedOn', { date: formatDay(trade.createdAt, locale) })}
          </Text>
        </Stack>
        <Amount trade={trade} />
      </Group>
    </Card>
  );
}

function TradesList() {
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const role = (ROLE_FILTERS as string[]).includes(params.get('cote') ?? '')
    ? (params.get('cote') as RoleFilter)
    : 'all';
  const status = (STATUS_FILTERS as string[]).includes(params.get('statut') ?? '')
    ? (params.get('statut') as StatusFilter)
    : 'all';
  // Filtered and paged by the server (keyset, newest first): nothing is cut off.
  const query = useInfiniteQuery({
    ...trpc.trades.listMine.infiniteQueryOptions(
      { role, status, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    refetchInterval: 30_000,
  });
  const waiting = useQuery({
    ...trpc.trades.listMine.queryOptions({ role: 'seller', status: 'action', limit: 100 }),
    refetchInterval: 30_000,
  });
  const setFilter = (key: 'cote' | 'statut', value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const shown = query.data.pages.flatMap((p) => p.items);
  const inbox = (waiting.data?.items ?? []).filter(
    (tr) => tr.role === 'seller' && tr.availableTransitions.includes('accept'),
  );
  const hasSeller = (waiting.data?.items.length ?? 0) > 0 || shown.some((tr) => tr.role === 'seller');
  const filtered = role !== 'all' || status !== 'all';

  return (
    <Stack gap="xl">
      {hasSeller && (
        <Stack gap="sm" component="section" aria-labelledby="inbox-title" data-testid="inbox">
          <Title order={2} size="h3" id="inbox-title">
            {t('list.inbox')}{' '}
            {inbox.length > 0 && (
              <Badge color="wood" variant="filled" size="lg" ml={4}>
                {inbox.length}
              </Badge>
            )}
          </Title>
          {inbox.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('list.inboxEmpty')}
            </Text>
          ) : (
            inbox.map((tr) => <InboxItem key={tr.id} trade={tr} />)
          )}
        </Stack>
      )}
      <Stack gap="sm" component="section" aria-labelledby="history-title">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="history-title">
            {t('list.history')}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('list.count', { count: shown.length })}
            {query.hasNextPage ? ' +' : ''}
          </Text>
        </Group>
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="filter-role">
              {t('list.filterRole')}
            </Text>
            <SegmentedControl
              aria-labelledby="filter-role"
              value={role}
              onChange={(v) => setFilter('cote', v)}
              data={[
                { value: 'all', label: t('list.roleAll') },
                { value: 'buyer', label: t('list.roleBuyer') },
                { value: 'seller', label: t('list.roleSeller') },
              ]}
            />
          </Stack>
          <Stack gap={4} maw="100%">
            <Text size="sm" fw={500} id="filter-status">
              {t('list.filterStatus')}
            </Text>
            <Chip.Group multiple={false} value={status} onChange={(v) => setFilter('statut', v)}>
              <Group gap={6} role="radiogroup" aria-labelledby="filter-status">
                {STATUS_FILTERS.map((s) => (
                  <Chip key={s} value={s} size="sm" variant="outline" color="forest">
                    {t(`list.status${s[0]?.toUpperCase()}${s.slice(1)}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
        </Group>
        {shown.length === 0 ? (
          <Card withBorder padding="lg" bg="white">
            <Stack gap="xs" align="flex-start">
              <Text c="dimmed">{filtered ? t('list.emptyFiltered') : t('list.empty')}</Text>
              {!filtered && (
                <Button component={Link} to="/lots" variant="light">
                  {t('list.browse')}
                </Button>
              )}
            </Stack>
          </Card>
        ) : (
          <Stack gap="xs" data-testid="trades-list">
            {shown.map((tr) => (
              <TradeRow key={tr.id} trade={tr} />
            ))}
          </Stack>
        )}
        {query.hasNextPage && (
          <Center>
            <Button
              variant="light"
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              data-testid="trades-more"
            >
              {t('list.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    </Stack>
  );
}

export function TradesPage() {
  const { t } = useTranslation('trades');
  return (
    <Container size="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('list.title')}</Title>
          <Text c="dimmed">{t('list.intro')}</Text>
          <Anchor component={Link} to="/echanges/tournee" size="sm" data-testid="tour-link">
            {t('link', { ns: 'tours' })}
          </Anchor>
        </Stack>
        <RequireAuth>
          <TradesList />
        </RequireAuth>
      </Stack>
    </Container>
  );
}
