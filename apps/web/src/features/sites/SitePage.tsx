import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Container,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatOpeningHours } from '@retaille/domain/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DemoBadge } from '../../components/DemoBadge.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatCoordinate, formatDate } from '../../lib/format.ts';
import { sectorLabel } from '../../lib/labels.ts';
import { coversSite, useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PaymentsCard } from '../payments/PaymentsCard.tsx';
import { SiteMapPanel } from './SiteMapPanel.tsx';
import classes from './sites.module.css';

export function SitePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.sites.get.queryOptions({ id }), retry: false });
  const me = useMe();
  const verify = useMutation(trpc.sites.verify.mutationOptions());

  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="…" />
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
            <Alert color="gray" title={t('errors.notFoundTitle')}>
              {t('sites.notFound')}
            </Alert>
          ) : (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          )}
          <Anchor component={Link} to="/sites">
            ← {t('sites.back')}
          </Anchor>
        </Stack>
      </Container>
    );
  }
  const site = query.data;
  const member = site.myRole !== null;
  const canSeeMembers = member || site.canVerify || coversSite(me.data ?? null, site);

  const onVerify = async () => {
    try {
      const verified = await verify.mutateAsync({ id: site.id });
      queryClient.setQueryData(trpc.sites.get.queryKey({ id: site.id }), verified);
      notifications.show({ color: 'forest', message: t('sites.verifiedNow', { name: site.name }) });
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('errors.generic')) });
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
    ]);
  };

  return (
    <Container size="lg">
      <Stack gap="lg">
        <Anchor component={Link} to="/sites" size="sm">
          ← {t('sites.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={1}>{site.name}</Title>
              {site.isDemo && <DemoBadge />}
            </Group>
            <Text c="dimmed">
              {site.communeName} · {site.departementName} ({site.departementCode}) · {site.regionName}
            </Text>
          </Stack>
          <Group gap="xs">
            {canSeeMembers && (
              <Button component={Link} to={`/sites/${site.id}/membres`} variant="default">
                {t('sites.members')}
              </Button>
            )}
            {canSeeMembers && (
              <Button component={Link} to={`/sites/${site.id}/impact`} variant="default">
                {t('impact:nav.siteDashboard')}
              </Button>
            )}
            {site.canEdit && (
              <Button component={Link} to={`/sites/${site.id}/edit`} variant="light">
                {t('sites.edit')}
              </Button>
            )}
            {site.canVerify && (
              <Button onClick={() => void onVerify()} loading={verify.isPending}>
                {t('sites.verify')}
              </Button>
            )}
          </Group>
        </Group>
        {!site.verified && (member || site.canVerify) && (
          <Alert color="wood" variant="light" title={t('sites.pendingTitle')} data-testid="pending-banner">
            {t('sites.pendingText')}
            {site.canVerify && (
              <Text size="sm" mt="xs">
                {t('sites.pendingCoordinator')}
              </Text>
            )}
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="lg">
              <Stack>
                {site.description && <Text style={{ whiteSpace: 'pre-line' }}>{site.description}</Text>}
                <Group gap={6}>
                  {site.sectors.map((s) => (
                    <Badge key={s} variant="light" size="lg">
                      {sectorLabel(s, locale)}
                    </Badge>
                  ))}
                  <Badge variant="outline" color="gray" size="lg">
                    {t(`territory.${site.territoryType}`)}
                  </Badge>
                  <Badge
                    variant="dot"
                    color={site.verified ? 'forest' : 'wood'}
                    size="lg"
                    data-testid="verification-badge"
                  >
                    {site.verified ? t('sites.verified') : t('sites.pending')}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('sites.createdAt', { date: formatDate(site.createdAt, locale) })}
                  {site.verifiedAt &&
                    ` · ${t('sites.verifiedOn', { date: formatDate(site.verifiedAt, locale) })}`}
                </Text>
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="lg">
              <dl className={classes.definition}>
                <dt>{t('sites.address')}</dt>
                <dd>{site.address ?? `${site.postalCode} ${site.communeName}`}</dd>
                <dt>{t('sites.commune')}</dt>
                <dd>
                  {site.communeName} ({site.communeInsee})
                </dd>
                <dt>{t('sites.region')}</dt>
                <dd>{site.regionName}</dd>
                <dt>{t('sites.coordinates')}</dt>
                <dd>
                  {formatCoordinate(site.lat, locale)} ; {formatCoordinate(site.lon, locale)}
                </dd>
                {site.contactEmail && (
                  <>
                    <dt>{t('sites.contact')}</dt>
                    <dd>
                      <Anchor href={`mailto:${site.contactEmail}`}>{site.contactEmail}</Anchor>
                      {site.contactPhone && <Text size="sm">{site.contactPhone}</Text>}
                    </dd>
                  </>
                )}
                <dt>{t('sites.openingHours')}</dt>
                <dd data-testid="site-opening-hours">
                  {site.openingHours.length > 0
                    ? formatOpeningHours(site.openingHours, locale)
                    : t('sites.openingHoursUnknown')}
                </dd>
                {site.website && (
                  <>
                    <dt>{t('sites.website')}</dt>
                    <dd>
                      <Anchor href={site.website} target="_blank" rel="noopener noreferrer">
                        {site.website}
                      </Anchor>
                    </dd>
                  </>
                )}
              </dl>
              {site.locationApproximate && (
                <Alert color="wood" variant="light" title={t('sites.approximate')} mt="sm">
                  {t('sites.approximateHelp')}
                </Alert>
              )}
              {site.locationRounded && (
                <Text size="xs" c="dimmed" mt="sm">
                  {t('sites.rounded')} — {t('sites.roundedHelp')}
                </Text>
              )}
            </Paper>
            <SiteMapPanel site={site} />
            <PaymentsCard siteId={site.id} mt="lg" />
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
