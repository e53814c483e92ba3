import {
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Slider,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  defaultPoint,
  PointPicker,
  type PointValue,
  toSearchPoint,
} from '../../components/catalogue/PointPicker.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RequestCard } from './RequestCard.tsx';

/** "Demandes": my wanted requests, and the open ones near me. Signed-in users only. */
export function RequestsPage() {
  return <RequireAuth>{(me) => <Requests me={me} />}</RequireAuth>;
}

function Loading() {
  const { t } = useTranslation('catalogue');
  return (
    <Center py="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

function MyRequests() {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useInfiniteQuery(
    trpc.requests.listMine.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const close = useMutation(trpc.requests.close.mutationOptions());
  const [closingId, setClosingId] = useState<string | null>(null);

  const onClose = async (id: string, status: 'closed' | 'fulfilled') => {
    setClosingId(id);
    try {
      await close.mutateAsync({ id, status });
      notifications.show({
        color: 'forest',
        message: status === 'fulfilled' ? t('requests.fulfilledNow') : t('requests.closedNow'),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.requests.pathKey() });
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    } finally {
      setClosingId(null);
    }
  };

  if (mine.isPending) return <Loading />;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  const all = mine.data.pages.flatMap((p) => p.items);
  if (all.length === 0) {
    return (
      <Paper withBorder p="xl" bg="white">
        <Stack align="center" gap="sm">
          <Text ta="center">{t('requests.emptyMine')}</Text>
          <Button component={Link} to="/demandes/nouvelle" variant="light">
            {t('requests.new')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  const open = all.filter((r) => r.status === 'open');
  const past = all.filter((r) => r.status !== 'open');
  return (
    <Stack gap="md" data-testid="my-requests">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {open.map((r) => (
          <RequestCard
            key={r.id}
            request={r}
            onClose={(status) => onClose(r.id, status)}
            closing={closingId === r.id}
            mine
          />
        ))}
      </SimpleGrid>
      {past.length > 0 && (
        <>
          <Title order={2} size="h5" c="dimmed">
            {t('requests.past')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {past.map((r) => (
              <RequestCard key={r.id} request={r} mine />
            ))}
          </SimpleGrid>
        </>
      )}
      {mine.hasNextPage && (
        <Center>
          <Button
            variant="light"
            onClick={() => void mine.fetchNextPage()}
            loading={mine.isFetchingNextPage}
            data-testid="my-requests-more"
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

function NearbyRequests({ me }: { me: SignedIn }) {
  const { t } = useTranslation('catalogue');
  const trpc = useTRPC();
  const [point, setPoint] = useState<PointValue | null>(() => defaultPoint(me));
  const [radius, setRadius] = useState(100);
  const [radiusKm, setRadiusKm] = useState(100);
  const open = useInfiniteQuery(
    trpc.requests.listOpen.infiniteQueryOptions(
      { ...(point ? { point: toSearchPoint(point), radiusKm } : {}), limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const nearby = open.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Paper withBorder p="md" bg="white">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PointPicker me={me} value={point} onChange={setPoint} allowAnywhere />
          <div>
            <Text size="sm" fw={500} id="nearby-radius" mb={4}>
              {t('point.radius')} : {t('point.radiusValue', { km: radius })}
            </Text>
            <Slider
              min={5}
              max={500}
              step={5}
              value={radius}
              onChange={setRadius}
              onChangeEnd={setRadiusKm}
              disabled={!point}
              label={null}
              thumbProps={{ 'aria-labelledby': 'nearby-radius' }}
              mt={8}
            />
          </div>
        </SimpleGrid>
      </Paper>
      {open.isPending ? (
        <Loading />
      ) : open.isError ? (
        <QueryError error={open.error} onRetry={() => void open.refetch()} />
      ) : nearby.length === 0 ? (
        <Paper withBorder p="xl" bg="white">
          <Text ta="center">{t('requests.emptyNearby')}</Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="nearby-requests">
          {nearby.map((r) => (
            <RequestCard key={r.id} request={r} />
          ))}
        </SimpleGrid>
      )}
      {open.hasNextPage && (
        <Center>
          <Button
            variant="light"
            onClick={() => void open.fetchNextPage()}
            loading={open.isFetchingNextPage}
            data-testid="nearby-requests-more"
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

function Requests({ me }: { me: SignedIn }) {
  const { t } = useTranslation('catalogue');
  const [params, setParams] = useSearchParams();
  const tab = params.get('onglet') === 'pres' ? 'nearby' : 'mine';
  return (
    <Container size="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" gap="xs">
          <div>
            <Title order={1}>{t('requests.title')}</Title>
            <Text c="dimmed" size="sm">
              {t('requests.subtitle')}
            </Text>
          </div>
          <Group gap="xs">
            <Button component={Link} to="/nomenclature" variant="default" data-testid="sourcing-link">
              {t('sourcing:link')}
            </Button>
            <Button component={Link} to="/demandes/nouvelle" color="wood">
              {t('requests.new')}
            </Button>
          </Group>
        </Group>
        <Tabs
          value={tab}
          onChange={(v) => setParams(v === 'nearby' ? { onglet: 'pres' } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="mine">{t('requests.tabMine')}</Tabs.Tab>
            <Tabs.Tab value="nearby">{t('requests.tabNearby')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine" pt="md">
            <MyRequests />
          </Tabs.Panel>
          <Tabs.Panel value="nearby" pt="md">
            <Title order={2} size="h4" mb="sm">
              {t('requests.nearbyTitle')}
            </Title>
            <NearbyRequests me={me} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
