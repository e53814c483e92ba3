import { Anchor, Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ImpactFiltersInput } from '@retaille/api/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { isCoordinator } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { FiltersBar } from './FiltersBar.tsx';
import { DashboardBody, scopeText } from './ImpactView.tsx';
import { useDepartementNames } from './labels.ts';
import { MethodSection } from './MethodSection.tsx';
import { useImpactFilters } from './useImpactFilters.ts';

function useDashboard(input: ImpactFiltersInput) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.impact.dashboard.queryOptions(input),
    enabled: input.from <= input.to,
    placeholderData: keepPreviousData,
  });
}

function Loading() {
  const { t } = useTranslation('impact');
  return (
    <Center py="xl">
      <Loader aria-label={t('page.loading')} />
    </Center>
  );
}

/**
 * /impact — the coordinators' (and admins') dashboard over their territory. A workshop member
 * goes to their active site's dashboard; anyone else is told what the page is for and where the
 * method is, instead of a refused query.
 */
export function ImpactPage() {
  return (
    <RequireAuth>
      {(me) =>
        isCoordinator(me) ? (
          <CoordinatorDashboard />
        ) : me.activeSiteId ? (
          <Navigate to={`/sites/${me.activeSiteId}/impact`} replace />
        ) : (
          <NoImpactScope />
        )
      }
    </RequireAuth>
  );
}

function NoImpactScope() {
  const { t } = useTranslation('impact');
  return (
    <Container size="md" py="lg">
      <Stack gap="md">
        <Title order={1}>{t('page.title')}</Title>
        <Text>{t('page.forbidden')}</Text>
        <Group gap="sm">
          <Button component={Link} to="/impact/methode" variant="default">
            {t('page.methodLink')}
          </Button>
          <Button component={Link} to="/lots">
            {t('page.findMaterial')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}

function CoordinatorDashboard() {
  const { t } = useTranslation('impact');
  const trpc = useTRPC();
  const filters = useImpactFilters();
  const dashboard = useDashboard(filters.input);
  // The same period without filters: the départements and regions worth offering in the selects.
  const options = useQuery({
    ...trpc.impact.dashboard.queryOptions({ from: filters.input.from, to: filters.input.to }),
    enabled: filters.input.from <= filters.input.to,
    placeholderData: keepPreviousData,
  });
  const departements = useDepartementNames();
  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{t('page.title')}</Title>
            <Text c="dimmed" maw={720}>
              {t('page.intro')}
            </Text>
            {dashboard.data && (
              <Text size="sm" fw={600} mt={4} data-testid="impact-scope">
                {scopeText(dashboard.data, t, departements)}
              </Text>
            )}
          </div>
          <Group gap="xs">
            <Button component={Link} to="/impact/circuits" variant="default" data-testid="circuits-link">
              {t('circuits.link')}
            </Button>
            <Button component={Link} to={`/impact/rapport?${filters.query}`} variant="default">
              {t('page.report')}
            </Button>
          </Group>
        </Group>
        <FiltersBar filters={filters} options={options.data} />
        {dashboard.isError ? (
          <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
        ) : dashboard.data ? (
          <div aria-busy={dashboard.isFetching} style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
            <DashboardBody data={dashboard.data} query={filters.query} />
            <MethodSection input={filters.input} />
          </div>
        ) : (
          <Loading />
        )}
      </Stack>
    </Container>
  );
}

/** /sites/:id/impact — a site's own smaller dashboard (its members, coordinators, admins). */
export function SiteImpactPage() {
  return <RequireAuth>{() => <SiteDashboard />}</RequireAuth>;
}

function SiteDashboard() {
  const { t } = useTranslation('impact');
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const site = useQuery(trpc.sites.get.queryOptions({ id }));
  const filters = useImpactFilters(id);
  const dashboard = useDashboard(filters.input);
  const name = site.data?.name ?? '…';
  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Anchor component={Link} to={`/sites/${id}`} size="sm">
              ← {name}
            </Anchor>
            <Title order={1}>{t('page.siteTitle', { name })}</Title>
            <Text c="dimmed">{t('page.siteIntro')}</Text>
          </div>
          <Button component={Link} to={`/impact/rapport?${filters.query}`} variant="default">
            {t('page.report')}
          </Button>
        </Group>
        <FiltersBar filters={filters} site />
        {dashboard.isError ? (
          <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
        ) : dashboard.data ? (
          <>
            <DashboardBody data={dashboard.data} query={filters.query} site />
            <MethodSection input={filters.input} />
          </>
        ) : (
          <Loading />
        )}
      </Stack>
    </Container>
  );
}
