import { Button, Container, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDistance, formatPrice, formatQuantity } from '../../components/catalogue/format.ts';
import { defaultPoint, type PointValue, toSearchPoint } from '../../components/catalogue/PointPicker.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { WIDE_LAYOUT_QUERY } from '../../lib/layout.ts';
import { useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { BrowseFilters } from './browse/BrowseFilters.tsx';
import { LotResults } from './browse/LotResults.tsx';
import { SaveSearchButton } from './browse/SaveSearchButton.tsx';
import { useBrowse } from './browse/use-browse.ts';
import { type BrowseState, toSearchInput, writePoint } from './browse-params.ts';
import classes from './lots.module.css';
import { MapPanel } from './MapPanel.tsx';

/** "Matières": published lots around a point, with filters in the URL, as a list and a map. */
export function LotsPage() {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const me = useMe();
  const browse = useBrowse();
  const { state, update } = browse;
  const isDesktop = useMediaQuery(WIDE_LAYOUT_QUERY, undefined, { getInitialValueInEffect: false });

  const point: PointValue | null =
    state.point === undefined ? (me.isPending ? null : defaultPoint(me.data ?? null)) : state.point;
  const input = toSearchInput(state, point ? toSearchPoint(point) : null);
  const search = useInfiniteQuery({
    ...trpc.lots.search.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    enabled: !me.isPending,
    placeholderData: keepPreviousData,
  });

  const items = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const center = search.data?.pages[0]?.center ?? null;
  const pointQuery = (() => {
    const q = new URLSearchParams();
    if (point) writePoint(q, point);
    return q.toString();
  })();
  const lotHref = (id: string) => (pointQuery ? `/lots/${id}?${pointQuery}` : `/lots/${id}`);
  const mapLots = useMemo(
    () =>
      items.map((l) => ({
        id: l.id,
        title: l.title,
        lat: l.lat,
        lon: l.lon,
        href: pointQuery ? `/lots/${l.id}?${pointQuery}` : `/lots/${l.id}`,
        subtitle: [
          formatQuantity(l.available, l.unit, locale),
          formatPrice(l.priceCents, l.unit, locale, t),
          l.distanceKm !== null ? formatDistance(l.distanceKm, locale, t) : null,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
    [items, locale, t, pointQuery],
  );

  const showList = isDesktop || state.view === 'list';
  const showMap = isDesktop || state.view === 'map';

  const onPick = (lat: number, lon: number) => {
    if (lat < 41 || lat > 51.5 || lon < -5.5 || lon > 10) return;
    update({ point: { kind: 'point', lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 } });
  };

  return (
    <Container size="xl">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <div>
            <Title order={1} className={classes.pageTitle}>
              {t('browse.title')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {t('browse.subtitle')}
            </Text>
          </div>
          <Group gap="xs">
            {me.data && <SaveSearchButton input={input} />}
            <Button component={Link} to="/lots/nouveau" color="wood" visibleFrom="sm">
              {t('nav.newLot')}
            </Button>
          </Group>
        </Group>

        <BrowseFilters browse={browse} me={me.data ?? undefined} point={point} isDesktop={isDesktop} />

        {!isDesktop && (
          <SegmentedControl
            fullWidth
            aria-label={t('browse.view')}
            value={state.view}
            onChange={(v) => update({ view: v as BrowseState['view'] })}
            data={[
              { value: 'list', label: t('browse.viewList') },
              { value: 'map', label: t('browse.viewMap') },
            ]}
            data-testid="view-toggle"
          />
        )}

        <div className={classes.browse}>
          {showList && (
            <section aria-label={t('browse.results')}>
              <LotResults
                browse={browse}
                search={search}
                items={items}
                hasPoint={point !== null}
                lotHref={lotHref}
              />
            </section>
          )}
          {showMap && (
            <div className={classes.mapColumn}>
              <MapPanel
                lots={mapLots}
                center={center}
                radiusKm={point ? state.radiusKm : null}
                pickPoint={point?.kind === 'point'}
                onPick={onPick}
              />
            </div>
          )}
        </div>
      </Stack>
    </Container>
  );
}
