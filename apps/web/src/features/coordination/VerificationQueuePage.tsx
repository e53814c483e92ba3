import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Container,
  Group,
  Loader,
  Pagination,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Site } from '@retaille/api/client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DemoBadge } from '../../components/DemoBadge.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { sectorLabel } from '../../lib/labels.ts';
import { isCoordinator, type SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';

const PAGE_SIZE = 20;

export function VerificationQueuePage() {
  return <RequireAuth>{(me) => <Queue me={me} />}</RequireAuth>;
}

function Queue({ me }: { me: SignedIn }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const allowed = isCoordinator(me);
  const queue = useQuery({
    ...trpc.sites.list.queryOptions({ pendingVerification: true, page, pageSize: PAGE_SIZE }),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });
  const verify = useMutation(trpc.sites.verify.mutationOptions());

  const onVerify = async (site: Site) => {
    try {
      await verify.mutateAsync({ id: site.id });
      notifications.show({ color: 'forest', message: t('sites.verifiedNow', { name: site.name }) });
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('errors.generic')) });
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
    ]);
  };

  const scope = me.coordinatorScope;
  const parts = [
    ...(scope.departements.length
      ? [t('coordination.departements', { list: scope.departements.join(', ') })]
      : []),
    ...(scope.regions.length ? [t('coordination.regions', { list: scope.regions.join(', ') })] : []),
  ];

  return (
    <Container size="lg">
      <Stack gap="lg">
        <div>
          <Title order={1}>{t('coordination.title')}</Title>
          <Text c="dimmed">{t('coordination.lead')}</Text>
          {me.roles.includes('coordinator') && (
            <Text size="sm" mt={4}>
              {parts.length
                ? t('coordination.scopeSome', { list: parts.join(' ; ') })
                : t('coordination.scopeAll')}
            </Text>
          )}
        </div>
        {!allowed ? (
          <Alert color="gray" role="alert">
            {t('coordination.forbidden')}
          </Alert>
        ) : queue.isError ? (
          <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
        ) : queue.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : (
          <>
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {t('sites.results', { count: queue.data.total })}
            </Text>
            {queue.data.items.length === 0 ? (
              <Paper withBorder p="xl">
                <Text ta="center">{t('coordination.empty')}</Text>
              </Paper>
            ) : (
              <Stack gap="sm" data-testid="verification-queue">
                {queue.data.items.map((site) => (
                  <Card key={site.id} withBorder padding="lg" component="article" aria-label={site.name}>
                    <Group justify="space-between" align="flex-start" gap="md">
                      <Stack gap={6} style={{ flex: 1, minWidth: 220 }}>
                        <Group gap="xs">
                          <Title order={2} size="h4">
                            <Anchor component={Link} to={`/sites/${site.id}`} c="forest.9" inherit>
                              {site.name}
                            </Anchor>
                          </Title>
                          {site.isDemo && <DemoBadge />}
                        </Group>
                        <Text size="sm" c="dimmed">
                          {site.communeName} · {site.departementName} ({site.departementCode}) ·{' '}
                          {site.regionName}
                        </Text>
                        <Group gap={6}>
                          {site.sectors.map((s) => (
                            <Badge key={s} variant="light" size="sm">
                              {sectorLabel(s, locale)}
                            </Badge>
                          ))}
                          <Badge variant="outline" color="gray" size="sm">
                            {t(`territory.${site.territoryType}`)}
                          </Badge>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {t('sites.createdAt', { date: formatDate(site.createdAt, locale) })}
                        </Text>
                      </Stack>
                      <Group gap="xs">
                        <Button component={Link} to={`/sites/${site.id}`} variant="default">
                          {t('coordination.open')}
                        </Button>
                        {site.canVerify && (
                          <Button
                            onClick={() => void onVerify(site)}
                            loading={verify.isPending && verify.variables?.id === site.id}
                            aria-label={t('coordination.verifyLabel', { name: site.name })}
                          >
                            {t('coordination.verify')}
                          </Button>
                        )}
                      </Group>
                    </Group>
                  </Card>
                ))}
              </Stack>
            )}
            {queue.data.pageCount > 1 && (
              <Center>
                <Pagination
                  total={queue.data.pageCount}
                  value={page}
                  onChange={(p) => setParams({ page: String(p) }, { replace: true })}
                />
              </Center>
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}
