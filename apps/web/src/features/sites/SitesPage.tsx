import {
  Button,
  Center,
  Container,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type SectorKey, type TerritoryType, territoryTypes } from '@retaille/domain/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { sectorOptions } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { departementOptions } from './departements.ts';
import { SiteCard } from './SiteCard.tsx';
import classes from './sites.module.css';

const PAGE_SIZE = 12;

export function SitesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const sector = (params.get('filiere') as SectorKey | null) ?? undefined;
  const departementCode = params.get('departement') ?? undefined;
  const territoryType = (params.get('territoire') as TerritoryType | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);

  const update = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives the URL
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ) update('q', debouncedQ || null);
  }, [debouncedQ]);

  const query = useQuery({
    ...trpc.sites.list.queryOptions({
      sector,
      departementCode,
      territoryType,
      q: debouncedQ || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Container size="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>{t('sites.title')}</Title>
            <Text c="dimmed">{t('sites.subtitle')}</Text>
          </div>
          <Button component={Link} to="/sites/new" variant="light">
            {t('nav.newSite')}
          </Button>
        </Group>

        <Paper
          withBorder
          p="md"
          className={classes.filters}
          component="section"
          aria-label={t('sites.filters')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TextInput
              label={t('sites.search')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              type="search"
              maxLength={100}
            />
            <Select
              label={t('sites.sector')}
              placeholder={t('sites.all')}
              data={sectorOptions(locale)}
              value={sector ?? null}
              onChange={(v) => update('filiere', v)}
              clearable
              searchable
            />
            <Select
              label={t('sites.departement')}
              placeholder={t('sites.all')}
              data={departementOptions}
              value={departementCode ?? null}
              onChange={(v) => update('departement', v)}
              clearable
              searchable
            />
            <Select
              label={t('sites.territoryType')}
              placeholder={t('sites.all')}
              data={territoryTypes.map((tt) => ({ value: tt, label: t(`territory.${tt}`) }))}
              value={territoryType ?? null}
              onChange={(v) => update('territoire', v)}
              clearable
            />
          </SimpleGrid>
        </Paper>

        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} title={t('sites.loadError')} />
        ) : query.isPending ? (
          <Center py="xl">
            <Loader aria-label="…" />
          </Center>
        ) : (
          <>
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {t('sites.results', { count: query.data.total })}
            </Text>
            {query.data.items.length === 0 ? (
              <Paper withBorder p="xl">
                <Stack align="center" gap="sm">
                  <Text>{t('sites.empty')}</Text>
                  <Button
                    variant="subtle"
                    onClick={() => setParams(new URLSearchParams(), { replace: true })}
                  >
                    {t('sites.reset')}
                  </Button>
                </Stack>
              </Paper>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" data-testid="site-list">
                {query.data.items.map((site) => (
                  <SiteCard key={site.id} site={site} />
                ))}
              </SimpleGrid>
            )}
            {query.data.pageCount > 1 && (
              <Center>
                <Pagination
                  total={query.data.pageCount}
                  value={page}
                  onChange={(p) => update('page', String(p))}
                  getControlProps={(control) => ({
                    'aria-label': control === 'next' ? '→' : control === 'previous' ? '←' : control,
                  })}
                />
              </Center>
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}
