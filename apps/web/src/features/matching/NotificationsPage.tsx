/** /notifications: the signed-in user's alerts, newest first, with read/unread state. */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Container,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import type { Notice } from '@retaille/api/client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { NOTIFICATIONS_POLL_MS } from '../../lib/notifications.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { km } from './format.ts';
import { MyAllocationFlows } from './MyFlows.tsx';
import classes from './matching.module.css';
import { OfferAnswer } from './OfferActions.tsx';

type Item = Notice;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function NotificationItem({ n, onRead, busy }: { n: Item; onRead: (id: string) => void; busy: boolean }) {
  const { t } = useTranslation('matching');
  const locale = currentLocale();
  const lot = str(n.payload.lotTitle);
  const request = str(n.payload.requestTitle);
  const distance = typeof n.payload.distanceKm === 'number' ? n.payload.distanceKm : null;
  const headline =
    n.kind === 'allocation_proposal'
      ? t('notifications.allocationProposal', { lot, request })
      : n.kind === 'pooled_tour_answered'
        ? t(
            n.payload.answer === 'declined'
              ? 'notifications.tourAnswered.declined'
              : 'notifications.tourAnswered.accepted',
            {
              who: t(
                n.payload.role === 'seller'
                  ? 'notifications.tourParty.seller'
                  : 'notifications.tourParty.buyer',
              ),
              site: str(n.payload.siteName),
              lot,
              day: str(n.payload.day),
            },
          )
        : n.kind === 'lot_matches_request'
          ? request
            ? t('notifications.lotMatches', { lot, request })
            : t('notifications.lotMatchesNoRequest', { lot })
          : t(`notifications.trade.${n.kind}`, {
              lot,
              site: str(n.payload.siteName),
              buyer: str(n.payload.buyerName),
              total:
                typeof n.payload.totalCents === 'number'
                  ? new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
                      style: 'currency',
                      currency: 'EUR',
                    }).format(n.payload.totalCents / 100)
                  : '',
            });
  return (
    <Card
      component="li"
      withBorder
      padding="md"
      className={n.read ? classes.read : classes.unread}
      bg={n.read ? 'white' : undefined}
      data-testid="notification"
      data-read={n.read}
      style={{ listStyle: 'none' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={n.read ? 500 : 700}>
            {!n.read && (
              <Badge color="wood" size="sm" mr={8} style={{ verticalAlign: 'middle' }}>
                {t('notifications.unreadBadge')}
              </Badge>
            )}
            {headline}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
          {distance !== null && ` · ${t('notifications.at', { distance: km(distance, locale) })}`}
        </Text>
        <Group gap="md">
          {n.tradeId && (
            <Anchor
              component={Link}
              to={`/echanges/${n.tradeId}`}
              size="sm"
              fw={600}
              onClick={() => !n.read && onRead(n.id)}
            >
              {t('notifications.seeTrade')} →
            </Anchor>
          )}
          {(n.kind === 'pooled_tour_proposed' || n.kind === 'pooled_tour_answered') &&
            typeof n.payload.tourId === 'string' && (
              <Anchor
                component={Link}
                to={`/tournees/${n.payload.tourId}`}
                size="sm"
                fw={600}
                onClick={() => !n.read && onRead(n.id)}
              >
                {t('notifications.seeTour')} →
              </Anchor>
            )}
          {n.lotId && !n.tradeId && (
            <Anchor
              component={Link}
              to={`/lots/${n.lotId}`}
              size="sm"
              fw={600}
              onClick={() => !n.read && onRead(n.id)}
            >
              {t('notifications.seeLot')} →
            </Anchor>
          )}
          {n.requestId && (
            <Anchor
              component={Link}
              to={`/demandes/${n.requestId}/propositions`}
              size="sm"
              onClick={() => !n.read && onRead(n.id)}
            >
              {t('notifications.seeProposals')}
            </Anchor>
          )}
          {n.kind === 'lot_offer' && typeof n.payload.offerId === 'string' && (
            <OfferAnswer offerId={n.payload.offerId} onDone={() => !n.read && onRead(n.id)} />
          )}
          {!n.read && (
            <Button size="compact-sm" variant="subtle" ml="auto" onClick={() => onRead(n.id)} loading={busy}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Notifications() {
  const { t } = useTranslation('matching');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const list = useInfiniteQuery({
    ...trpc.notifications.list.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    refetchInterval: NOTIFICATIONS_POLL_MS,
  });
  const pages = list.data?.pages ?? [];
  const unread = pages[0]?.unread ?? 0;
  const items = pages.flatMap((p) => p.items);
  const mark = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: (_d, input) => {
        if (input.ids === 'all') toast.show({ message: t('notifications.markedAll'), color: 'forest' });
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notifications.summary.queryKey() }),
        ]);
      },
      onError: (e) => toast.show({ color: 'red', message: messageOf(e, locale, t('common.retry')) }),
    }),
  );
  const pendingId = mark.isPending && Array.isArray(mark.variables?.ids) ? mark.variables.ids[0] : undefined;

  return (
    <Container size="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={1}>{t('notifications.title')}</Title>
            <Text c="dimmed">{t('notifications.intro')}</Text>
          </Stack>
          <Anchor component={Link} to="/notifications/preferences" size="sm">
            {t('notifications.preferencesLink')}
          </Anchor>
          {unread > 0 && (
            <Button
              variant="light"
              onClick={() => mark.mutate({ ids: 'all' })}
              loading={mark.isPending && mark.variables?.ids === 'all'}
            >
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        <MyAllocationFlows />
        {list.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Card withBorder padding="lg" bg="white" data-testid="notifications-empty">
            <Text>{t('notifications.empty')}</Text>
          </Card>
        ) : (
          <>
            <Text size="sm" fw={600} aria-live="polite" data-testid="unread-count">
              {unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}
            </Text>
            <Stack component="ul" gap="sm" p={0} m={0}>
              {items.map((n) => (
                <NotificationItem
                  key={n.id}
                  n={n}
                  busy={pendingId === n.id}
                  onRead={(id) => mark.mutate({ ids: [id] })}
                />
              ))}
            </Stack>
            {list.hasNextPage && (
              <Center>
                <Button
                  variant="light"
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  data-testid="notifications-more"
                >
                  {t('notifications.loadMore')}
                </Button>
              </Center>
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}

export function NotificationsPage() {
  return <RequireAuth>{() => <Notifications />}</RequireAuth>;
}
