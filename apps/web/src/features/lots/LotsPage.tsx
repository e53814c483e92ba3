import {
  Badge,
  Button,
  Center,
  Collapse,
  Container,
  Drawer,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  getMaterial,
  type LotCondition,
  lotConditions,
  type MaterialFamilyKey,
  type MaterialKey,
  materialFamilies,
  type SectorKey,
} from '@retaille/domain/web';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDistance, formatPrice, formatQuantity } from '../../components/catalogue/format.ts';
import { MaterialSelect } from '../../components/catalogue/MaterialSelect.tsx';
import {
  defaultPoint,
  PointPicker,
  type PointValue,
  pointLabel,
  toSearchPoint,
} from '../../components/catalogue/PointPicker.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { sectorOptions } from '../../lib/labels.ts';
import { useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import {
  activeFilterCount,
  type BrowseState,
  parseBrowse,
  RADIUS_MAX,
  RADIUS_MIN,
  toParams,
  toSearchInput,
  writePoint,
} from './browse-params.ts';
import { LotCard } from './LotCard.tsx';
import classes from './lots.module.css';
import { MapPanel } from './MapPanel.tsx';

/** Values typed by hand: kept locally and written to the URL once the user pauses. */
interface Draft {
  q: string;
  maxPriceEur: number | null;
  minLengthCm: number | null;
  minWidthCm: number | null;
  minThicknessMm: number | null;
  minQuantity: number | null;
}

const draftOf = (s: BrowseState): Draft => ({
  q: s.q,
  maxPriceEur: s.maxPriceEur,
  minLengthCm: s.minLengthCm,
  minWidthCm: s.minWidthCm,
  minThicknessMm: s.minThicknessMm,
  minQuantity: s.minQuantity,
});

/** Equal as far as the URL is concerned (the search text is trimmed there). */
const sameDraft = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, q: a.q.trim() }) === JSON.stringify({ ...b, q: b.q.trim() });

function Unit({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" pr={6}>
      {children}
    </Text>
  );
}

const numOrNull = (v: number | string): number | null =>
  v === '' || Number.isNaN(Number(v)) ? null : Number(v);

/** "Matières": published lots around a point, with filters in the URL, as a list and a map. */
export function LotsPage() {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseBrowse(params), [params]);
  const isDesktop = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const [filtersOpen, filters] = useDisclosure(activeFilterCount(state) > 0);
  const [drawerOpen, filterDrawer] = useDisclosure(false);

  const update = (patch: Partial<BrowseState>) =>
    setParams(toParams({ ...parseBrowse(params), ...patch }), { replace: true });

  const [draft, setDraft] = useState<Draft>(() => draftOf(state));
  const [debouncedDraft] = useDebouncedValue(draft, 400);
  // Typing → URL, once the user pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced draft drives the URL
  useEffect(() => {
    if (!sameDraft(draftOf(parseBrowse(params)), debouncedDraft)) update(debouncedDraft);
  }, [debouncedDraft]);
  // URL → fields, when it changes from elsewhere (a link, the back button).
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the URL only
  useEffect(() => {
    const fromUrl = draftOf(state);
    if (!sameDraft(fromUrl, debouncedDraft)) setDraft(fromUrl);
  }, [params]);

  const [radius, setRadius] = useState(state.radiusKm);
  useEffect(() => setRadius(state.radiusKm), [state.radiusKm]);

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

  const familyOptions = materialFamilies.map((f) => ({ value: f.key, label: f.label[locale] }));
  const showList = isDesktop || state.view === 'list';
  const showMap = isDesktop || state.view === 'map';
  const count = activeFilterCount(state);

  const reset = () => {
    setDraft({
      q: '',
      maxPriceEur: null,
      minLengthCm: null,
      minWidthCm: null,
      minThicknessMm: null,
      minQuantity: null,
    });
    const next = new URLSearchParams();
    writePoint(next, state.point);
    setParams(next, { replace: true });
  };

  const onPick = (lat: number, lon: number) => {
    if (lat < 41 || lat > 51.5 || lon < -5.5 || lon > 10) return;
    update({ point: { kind: 'point', lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 } });
  };

  const decimal = locale === 'fr' ? ',' : '.';
  const searchField = (
    <TextInput
      label={t('browse.search')}
      placeholder={t('browse.searchPlaceholder')}
      type="search"
      value={draft.q}
      onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
      maxLength={200}
      data-testid="lot-search"
    />
  );
  const pointField = (
    <PointPicker
      me={me.data ?? undefined}
      value={point}
      onChange={(p) => {
        update({ point: p, ...(p?.kind === 'point' && !isDesktop ? { view: 'map' as const } : {}) });
        if (p?.kind === 'point' && !isDesktop) filterDrawer.close();
      }}
      allowMap
      allowAnywhere
    />
  );
  const radiusField = (
    <div>
      <Text size="sm" fw={500} id="radius-label" mb={4}>
        {t('point.radius')} : <span data-testid="radius-value">{t('point.radiusValue', { km: radius })}</span>
      </Text>
      <Slider
        min={RADIUS_MIN}
        max={RADIUS_MAX}
        step={5}
        value={radius}
        onChange={setRadius}
        onChangeEnd={(v) => update({ radiusKm: v })}
        disabled={!point}
        label={null}
        thumbProps={{ 'aria-labelledby': 'radius-label' }}
        marks={[{ value: 50 }, { value: 100 }, { value: 150 }]}
        mt={8}
        mb="xs"
      />
    </div>
  );
  const sortField = (
    <div>
      <Text size="sm" fw={500} id="sort-label" mb={4}>
        {t('browse.sort')}
      </Text>
      <SegmentedControl
        fullWidth
        aria-labelledby="sort-label"
        value={point ? state.sort : 'newest'}
        onChange={(v) => update({ sort: v as BrowseState['sort'] })}
        data={[
          { value: 'distance', label: t('browse.sortDistance'), disabled: !point },
          { value: 'newest', label: t('browse.sortNewest') },
        ]}
      />
    </div>
  );
  const moreFields = (
    <>
      <Select
        label={t('browse.family')}
        placeholder={t('browse.all')}
        data={familyOptions}
        value={state.familyKey}
        clearable
        onChange={(v) => {
          const family = (v as MaterialFamilyKey | null) ?? null;
          const keep = state.materialKey && (!family || getMaterial(state.materialKey)?.familyKey === family);
          update({ familyKey: family, materialKey: keep ? state.materialKey : null });
        }}
      />
      <Stack gap={4}>
        <MaterialSelect
          label={t('browse.material')}
          placeholder={t('browse.materialPlaceholder')}
          nothingFound={t('form.materialNone')}
          locale={locale}
          family={state.familyKey}
          value={state.materialKey}
          onChange={(v) => update({ materialKey: (v as MaterialKey | null) ?? null })}
          clearable
        />
        {state.materialKey && (
          <Switch
            size="xs"
            label={t('browse.withSubstitutes')}
            checked={state.withSubstitutes}
            onChange={(e) => update({ withSubstitutes: e.currentTarget.checked })}
          />
        )}
      </Stack>
      <Select
        label={t('browse.condition')}
        placeholder={t('browse.all')}
        data={lotConditions.map((c) => ({ value: c, label: t(`condition.${c}`) }))}
        value={state.condition}
        clearable
        onChange={(v) => update({ condition: (v as LotCondition | null) ?? null })}
      />
      <Select
        label={t('browse.sector')}
        placeholder={t('browse.all')}
        data={sectorOptions(locale)}
        value={state.sector}
        clearable
        searchable
        onChange={(v) => update({ sector: (v as SectorKey | null) ?? null })}
      />
      <Switch
        label={t('browse.freeOnly')}
        checked={state.freeOnly}
        onChange={(e) => update({ freeOnly: e.currentTarget.checked })}
        mt={{ base: 0, lg: 30 }}
      />
      <NumberInput
        label={t('browse.maxPrice')}
        decimalSeparator={decimal}
        decimalScale={2}
        min={0}
        rightSection={
          <Text size="xs" c="dimmed" pr={6}>
            {t('browse.maxPriceHelp')}
          </Text>
        }
        rightSectionWidth={74}
        hideControls
        disabled={state.freeOnly}
        value={draft.maxPriceEur ?? ''}
        onChange={(v) => setDraft({ ...draft, maxPriceEur: numOrNull(v) })}
      />
      <NumberInput
        label={t('browse.minQuantity')}
        decimalSeparator={decimal}
        min={0}
        hideControls
        value={draft.minQuantity ?? ''}
        onChange={(v) => setDraft({ ...draft, minQuantity: numOrNull(v) })}
      />
      <Group grow gap="xs" align="flex-start" wrap="nowrap">
        <NumberInput
          label={t('browse.minLength')}
          min={0}
          hideControls
          rightSection={<Unit>cm</Unit>}
          decimalSeparator={decimal}
          value={draft.minLengthCm ?? ''}
          onChange={(v) => setDraft({ ...draft, minLengthCm: numOrNull(v) })}
        />
        <NumberInput
          label={t('browse.minWidth')}
          min={0}
          hideControls
          rightSection={<Unit>cm</Unit>}
          decimalSeparator={decimal}
          value={draft.minWidthCm ?? ''}
          onChange={(v) => setDraft({ ...draft, minWidthCm: numOrNull(v) })}
        />
        <NumberInput
          label={t('browse.minThickness')}
          min={0}
          hideControls
          rightSection={<Unit>mm</Unit>}
          decimalSeparator={decimal}
          value={draft.minThicknessMm ?? ''}
          onChange={(v) => setDraft({ ...draft, minThicknessMm: numOrNull(v) })}
        />
      </Group>
    </>
  );

  return (
    <Container size="xl">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xs">
          <div>
            <Title order={1} className={classes.pageTitle}>
              {t('browse.title')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {t('browse.subtitle')}
            </Text>
          </div>
          <Button component={Link} to="/lots/nouveau" color="wood" visibleFrom="sm">
            {t('nav.newLot')}
          </Button>
        </Group>

        {isDesktop ? (
          <Paper
            withBorder
            p="md"
            className={classes.filters}
            component="section"
            aria-label={t('browse.filters')}
          >
            <Stack gap="sm">
              <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs">
                {searchField}
                {pointField}
                {radiusField}
                {sortField}
              </SimpleGrid>
              <Group justify="space-between" gap="xs">
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={filters.toggle}
                  aria-expanded={filtersOpen}
                  aria-controls="lot-more-filters"
                  rightSection={
                    count > 0 ? (
                      <Badge size="sm" circle>
                        {count}
                      </Badge>
                    ) : null
                  }
                >
                  {filtersOpen ? t('browse.lessFilters') : t('browse.moreFilters')}
                </Button>
                {(count > 0 || state.q) && (
                  <Button variant="subtle" color="gray" size="compact-sm" onClick={reset}>
                    {t('browse.reset')}
                  </Button>
                )}
              </Group>
              <Collapse expanded={filtersOpen} id="lot-more-filters">
                <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs">
                  {moreFields}
                </SimpleGrid>
              </Collapse>
            </Stack>
          </Paper>
        ) : (
          <Paper
            withBorder
            p="sm"
            className={classes.filters}
            component="section"
            aria-label={t('browse.filters')}
          >
            <Stack gap="xs">
              {searchField}
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" c="dimmed" lineClamp={2} data-testid="point-summary">
                  {point
                    ? `${pointLabel(point, me.data ?? undefined, t)} · ${t('point.radiusValue', { km: state.radiusKm })}`
                    : t('point.anywhere')}
                </Text>
                <Button
                  variant="light"
                  size="compact-md"
                  onClick={filterDrawer.open}
                  rightSection={
                    count > 0 ? (
                      <Badge size="sm" circle>
                        {count}
                      </Badge>
                    ) : null
                  }
                  data-testid="open-filters"
                  style={{ flex: 'none' }}
                >
                  {t('browse.filtersButton')}
                </Button>
              </Group>
            </Stack>
            <Drawer
              opened={drawerOpen}
              onClose={filterDrawer.close}
              position="bottom"
              size="92%"
              title={t('browse.filters')}
              radius="md"
            >
              <Stack gap="sm" pb="md">
                {pointField}
                {radiusField}
                {sortField}
                {moreFields}
                <Group grow mt="xs">
                  {(count > 0 || state.q) && (
                    <Button variant="default" onClick={reset}>
                      {t('browse.reset')}
                    </Button>
                  )}
                  <Button onClick={filterDrawer.close} data-testid="close-filters">
                    {t('browse.showResults')}
                  </Button>
                </Group>
              </Stack>
            </Drawer>
          </Paper>
        )}

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
              {search.isError ? (
                <QueryError
                  error={search.error}
                  onRetry={() => void search.refetch()}
                  title={t('browse.loadError')}
                />
              ) : search.isPending ? (
                <Center py="xl">
                  <Loader aria-label={t('common.loading')} />
                </Center>
              ) : (
                <Stack gap="sm">
                  <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="result-count">
                    {search.hasNextPage
                      ? t('browse.countMore', { count: items.length })
                      : t('browse.count', { count: items.length })}
                    {point === null && ` · ${t('browse.noPointHint')}`}
                  </Text>
                  {items.length === 0 ? (
                    <Paper withBorder p="xl">
                      <Stack align="center" gap="sm">
                        <Text ta="center">{t('browse.empty')}</Text>
                        {point && state.radiusKm < RADIUS_MAX && (
                          <Button variant="light" onClick={() => update({ radiusKm: RADIUS_MAX })}>
                            {t('browse.widen', { km: RADIUS_MAX })}
                          </Button>
                        )}
                      </Stack>
                    </Paper>
                  ) : (
                    <Stack gap="sm" data-testid="lot-list">
                      {items.map((lot) => (
                        <LotCard
                          key={lot.id}
                          lot={lot}
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
              )}
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
