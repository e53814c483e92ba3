import { Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import type { LotListItem } from '@retaille/api/client';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError.tsx';
import { RADIUS_MAX } from '../browse-params.ts';
import { LotCard } from '../LotCard.tsx';
import type { Browse } from './use-browse.ts';

/** The cards on a phone's first screen: their photos load at once (the largest paint), not lazily. */
const EAGER_PHOTOS = 3;

interface SearchLike {
  isError: boolean;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/** The result list: count, cards, « voir plus », or the empty state with a wider radius offered. */
export function LotResults({
  browse,
  search,
  items,
  hasPoint,
  lotHref,
}: {
  browse: Browse;
  search: SearchLike;
  items: LotListItem[];
  hasPoint: boolean;
  lotHref: (id: string) => string;
}) {
  const { t } = useTranslation('catalogue');
  const { state, params, update } = browse;
  // The cards are drawn in a background render that yields to the browser, so a phone's main thread
  // is not blocked while a page of cards mounts; the loader (or the previous list) shows meanwhile.
  const shown = useDeferredValue(search.isPending ? null : items);
  if (search.isError) {
    return (
      <QueryError error={search.error} onRetry={() => void search.refetch()} title={t('browse.loadError')} />
    );
  }
  if (shown === null) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="result-count">
        {search.hasNextPage
          ? t('browse.countMore', { count: shown.length })
          : t('browse.count', { count: shown.length })}
        {!hasPoint && ` · ${t('browse.noPointHint')}`}
      </Text>
      {shown.length === 0 ? (
        <Paper withBorder p="xl">
          <Stack align="center" gap="sm">
            <Text ta="center">{t('browse.empty')}</Text>
            {hasPoint && state.radiusKm < RADIUS_MAX && (
              <Button variant="light" onClick={() => update({ radiusKm: RADIUS_MAX })}>
                {t('browse.widen', { km: RADIUS_MAX })}
              </Button>
            )}
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm" data-testid="lot-list">
          {shown.map((lot, i) => (
            <LotCard
              key={lot.id}
              lot={lot}
              eagerPhoto={i < EAGER_PHOTOS}
              href={lotHref(lot.id)}
              back={params.size ? `/lots?${params}` : '/lots'}
              headingOrder={2}
            />
          ))}
        </Stack>
      )}
      {search.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void search.fetchNextPage()}
            loading={search.isFetchingNextPage}
          >
            {t('browse.more')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
