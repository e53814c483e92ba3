import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Container,
  Grid,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LotView } from '@retaille/api/client';
import { getMaterial, type SectorKey } from '@retaille/domain/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import {
  familyLabel,
  formatDay,
  formatDimensions,
  formatDistance,
  formatMass,
  formatPrice,
  formatQuantity,
  materialLabel,
} from '../../components/catalogue/format.ts';
import { defaultPoint, type PointValue, toSearchPoint } from '../../components/catalogue/PointPicker.tsx';
import { DemoBadge } from '../../components/DemoBadge.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { sectorLabel } from '../../lib/labels.ts';
import { useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ProposalsForLot } from '../matching/Proposals.tsx';
import { RequestTradePanel } from '../trades/RequestTradePanel.tsx';
import { parseBrowse } from './browse-params.ts';
import { Gallery } from './LotGallery.tsx';
import classes from './lots.module.css';

const statusColor: Record<LotView['status'], string> = {
  draft: 'gray',
  published: 'forest',
  reserved: 'wood',
  exhausted: 'gray',
  expired: 'gray',
  withdrawn: 'red',
};

/** Where the distance is measured from, in words. */
function useFromLabel(point: PointValue | null): string | null {
  const { t } = useTranslation('catalogue');
  const me = useMe();
  if (!point) return null;
  switch (point.kind) {
    case 'home':
      return t('lot.fromHome');
    case 'site': {
      const site = me.data?.sites.find((s) => s.siteId === point.siteId);
      return site ? t('lot.fromSite', { name: site.name }) : t('lot.fromPoint');
    }
    case 'commune':
      return t('lot.fromCommune', { name: point.label.replace(/\s*\(.*\)$/, '') });
    case 'point':
      return t('lot.fromPoint');
  }
}

export function LotPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const back =
    (location.state as { back?: string } | null)?.back ?? `/lots${params.size ? `?${params}` : ''}`;
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const fromUrl = parseBrowse(params).point;
  const point = fromUrl === undefined ? defaultPoint(me.data ?? null) : fromUrl;
  const query = useQuery({
    ...trpc.lots.get.queryOptions({ id, ...(point ? { from: toSearchPoint(point) } : {}) }),
    enabled: !me.isPending,
    retry: false,
  });
  const fromLabel = useFromLabel(point);
  const publish = useMutation(trpc.lots.publish.mutationOptions());
  const withdraw = useMutation(trpc.lots.withdraw.mutationOptions());

  if (me.isPending || query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    const notFound =
      query.error instanceof TRPCClientError &&
      (query.error.data?.code === 'NOT_FOUND' || query.error.data?.code === 'BAD_REQUEST');
    return (
      <Container size="md">
        <Stack>
          {notFound ? (
            <Alert color="gray" title={t('lot.notFoundTitle')}>
              {t('lot.notFound')}
            </Alert>
          ) : (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          )}
          <Anchor component={Link} to="/lots">
            ← {t('lot.back')}
          </Anchor>
        </Stack>
      </Container>
    );
  }

  const lot = query.data;
  const material = getMaterial(lot.materialKey);
  const dims = formatDimensions(lot.dimensions, locale, t);
  const canPublish = ['draft', 'withdrawn', 'expired'].includes(lot.status);
  const canWithdraw = ['draft', 'published', 'expired'].includes(lot.status);

  const act = async (action: 'publish' | 'withdraw') => {
    try {
      const updated =
        action === 'publish'
          ? await publish.mutateAsync({ id: lot.id })
          : await withdraw.mutateAsync({ id: lot.id });
      queryClient.setQueryData(
        trpc.lots.get.queryKey({ id, ...(point ? { from: toSearchPoint(point) } : {}) }),
        { ...updated, distanceKm: lot.distanceKm },
      );
      await queryClient.invalidateQueries({ queryKey: trpc.lots.pathKey() });
      notifications.show({
        color: 'forest',
        message: action === 'publish' ? t('lot.publishedNow') : t('lot.withdrawnNow'),
      });
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };

  const window =
    lot.availableFrom && lot.availableUntil
      ? t('lot.windowBoth', {
          from: formatDay(lot.availableFrom, locale),
          until: formatDay(lot.availableUntil, locale),
        })
      : lot.availableFrom
        ? t('lot.windowFrom', { from: formatDay(lot.availableFrom, locale) })
        : lot.availableUntil
          ? t('lot.windowUntil', { until: formatDay(lot.availableUntil, locale) })
          : t('lot.windowNow');

  return (
    <Container size="lg">
      <Stack gap="lg">
        <Anchor component={Link} to={back} size="sm">
          ← {t('lot.back')}
        </Anchor>
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Gallery lot={lot} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <Stack gap={6}>
                <Group gap="xs">
                  {lot.status !== 'published' && (
                    <Badge color={statusColor[lot.status]} variant="light" data-testid="lot-status">
                      {t(`status.${lot.status}`)}
                    </Badge>
                  )}
                  <Badge variant="outline" color="forest">
                    {t(`condition.${lot.condition}`)}
                  </Badge>
                  {lot.isDemo && <DemoBadge />}
                </Group>
                <Title order={1} size="h2">
                  {lot.title}
                </Title>
                <Text c="dimmed">
                  {materialLabel(lot.materialKey, locale)} · {familyLabel(lot.familyKey, locale)}
                </Text>
              </Stack>

              <Group justify="space-between" align="flex-end" wrap="wrap">
                <div>
                  <Text
                    className={classes.price}
                    c={lot.priceCents === null ? 'forest.8' : 'dark'}
                    data-testid="lot-price"
                  >
                    {formatPrice(lot.priceCents, lot.unit, locale, t)}
                  </Text>
                  {lot.priceCents === null && (
                    <Text size="xs" c="dimmed">
                      {t('lot.freeHelp')}
                    </Text>
                  )}
                  {lot.paymentPending && (
                    <Badge color="wood" variant="light" mt={4} data-testid="lot-payment-pending">
                      {t('payment.pendingBadge')}
                    </Badge>
                  )}
                </div>
                {lot.distanceKm !== null && (
                  <Stack gap={0} align="flex-end">
                    <Text fw={700} size="lg" c="wood.9" data-testid="lot-distance">
                      {formatDistance(lot.distanceKm, locale, t)}
                    </Text>
                    {fromLabel && (
                      <Text size="xs" c="dimmed">
                        {fromLabel}
                      </Text>
                    )}
                  </Stack>
                )}
              </Group>

              <dl className={classes.facts}>
                <dt>{t('lot.available')}</dt>
                <dd data-testid="lot-available">{formatQuantity(lot.available, lot.unit, locale)}</dd>
                {lot.reserved > 0 && (
                  <>
                    <dt>{t('lot.reserved')}</dt>
                    <dd>{formatQuantity(lot.reserved, lot.unit, locale)}</dd>
                  </>
                )}
                {lot.quantity !== lot.available && (
                  <>
                    <dt>{t('lot.total')}</dt>
                    <dd>{formatQuantity(lot.quantity, lot.unit, locale)}</dd>
                  </>
                )}
                {dims && (
                  <>
                    <dt>{t('lot.dimensions')}</dt>
                    <dd>{dims}</dd>
                  </>
                )}
                {lot.massKg !== null && (
                  <>
                    <dt>{t('lot.mass')}</dt>
                    <dd>
                      {lot.massEstimated
                        ? t('lot.massEstimated', { mass: formatMass(lot.massKg, locale) })
                        : t('lot.massWeighed', { mass: formatMass(lot.massKg, locale) })}
                      {lot.massEstimated && material?.roughDensity && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({t('lot.massRough')})
                        </Text>
                      )}
                    </dd>
                  </>
                )}
                <dt>{t('lot.window')}</dt>
                <dd>{window}</dd>
                {lot.recurring && (
                  <>
                    <dt>{t('lot.recurring')}</dt>
                    <dd>
                      {t(`lot.recurringEvery.${lot.recurring.period}`, {
                        quantity: formatQuantity(lot.recurring.quantity, lot.unit, locale),
                      })}
                    </dd>
                  </>
                )}
                {lot.ewcCode && (
                  <>
                    <dt>{t('lot.ewc')}</dt>
                    <dd>{lot.ewcCode}</dd>
                  </>
                )}
              </dl>

              {lot.canEdit ? (
                <Group gap="xs" data-testid="lot-owner-actions">
                  {['draft', 'published', 'withdrawn', 'expired'].includes(lot.status) && (
                    <Button component={Link} to={`/lots/${lot.id}/modifier`} variant="light">
                      {t('lot.edit')}
                    </Button>
                  )}
                  {canPublish && (
                    <Button onClick={() => void act('publish')} loading={publish.isPending}>
                      {t('lot.publish')}
                    </Button>
                  )}
                  {canWithdraw && (
                    <ConfirmButton
                      variant="default"
                      color="red"
                      label={t('lot.withdraw')}
                      title={t('lot.withdrawTitle')}
                      text={t('lot.withdrawText')}
                      loading={withdraw.isPending}
                      onConfirm={() => act('withdraw')}
                    />
                  )}
                </Group>
              ) : (
                <RequestTradePanel lot={lot} />
              )}

              {lot.locationRounded && (
                <Text size="xs" c="dimmed">
                  {t('lot.locationRounded')}
                </Text>
              )}
            </Stack>
          </Grid.Col>
        </Grid>

        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('lot.description')}
              </Title>
              <Text style={{ whiteSpace: 'pre-line' }}>{lot.description || t('lot.noDescription')}</Text>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder padding="lg" component="section" aria-labelledby="seller-title" bg="white">
              <Stack gap={6}>
                <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                  {t('lot.pickup')}
                </Text>
                <Title order={2} size="h4" id="seller-title">
                  <Anchor component={Link} to={`/sites/${lot.siteId}`}>
                    {lot.siteName}
                  </Anchor>
                </Title>
                <Text size="sm" c="dimmed">
                  {lot.siteCommuneName} ({lot.siteDepartementCode})
                </Text>
                <Group gap={6}>
                  {lot.siteSectors.map((s) => (
                    <Badge key={s} variant="light" color="forest" size="sm">
                      {sectorLabel(s as SectorKey, locale)}
                    </Badge>
                  ))}
                </Group>
                <Anchor component={Link} to={`/sites/${lot.siteId}`} size="sm" mt={4}>
                  {t('lot.seeSite')} →
                </Anchor>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
        {lot.canEdit && <ProposalsForLot lotId={lot.id} />}
      </Stack>
    </Container>
  );
}
