/** /recherches: the signed-in user's saved lot searches, to reopen or delete. */
import { Anchor, Badge, Card, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SavedSearchOutput } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { materialLabel } from '../../components/catalogue/format.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { paramsOfSaved } from './browse-params.ts';

function SavedSearchCard({ saved }: { saved: SavedSearchOutput }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.savedSearches.delete.mutationOptions());
  const f = saved.filters;
  const count = Object.keys(f).length;
  const onDelete = async () => {
    try {
      await remove.mutateAsync({ id: saved.id });
      await queryClient.invalidateQueries({ queryKey: trpc.savedSearches.list.queryKey() });
      notifications.show({ color: 'forest', message: t('savedSearch.deleted') });
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };
  return (
    <Card
      component="li"
      withBorder
      padding="md"
      bg="white"
      data-testid="saved-search"
      style={{ listStyle: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} miw={0}>
          <Text fw={700}>{saved.name}</Text>
          <Group gap={6}>
            {f.q && <Badge variant="light">« {f.q} »</Badge>}
            {f.materialKey && <Badge variant="light">{materialLabel(f.materialKey, locale)}</Badge>}
            <Badge variant="outline" color="gray">
              {saved.radiusKm !== null
                ? t('savedSearch.within', { km: saved.radiusKm })
                : t('savedSearch.anywhere')}
            </Badge>
            {count > 0 && (
              <Badge variant="outline" color="gray">
                {t('savedSearch.filters', { count })}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('savedSearch.createdOn', { date: formatDate(saved.createdAt, locale) })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Anchor component={Link} to={`/lots?${paramsOfSaved(saved).toString()}`} fw={600} size="sm">
            {t('savedSearch.open')} →
          </Anchor>
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color="red"
            label={t('savedSearch.delete')}
            title={t('savedSearch.delete')}
            text={t('savedSearch.deleteConfirm', { name: saved.name })}
            onConfirm={onDelete}
            loading={remove.isPending}
          />
        </Group>
      </Group>
    </Card>
  );
}

function SavedSearches() {
  const { t } = useTranslation('catalogue');
  const trpc = useTRPC();
  const list = useQuery(trpc.savedSearches.list.queryOptions());
  if (list.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) {
    return (
      <Card withBorder padding="lg" bg="white">
        <Stack gap="sm" align="flex-start">
          <Text c="dimmed">{t('savedSearch.empty')}</Text>
          <Anchor component={Link} to="/lots">
            {t('nav.lots')} →
          </Anchor>
        </Stack>
      </Card>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} data-testid="saved-searches">
      {list.data.map((s) => (
        <SavedSearchCard key={s.id} saved={s} />
      ))}
    </Stack>
  );
}

export function SavedSearchesPage() {
  const { t } = useTranslation('catalogue');
  return (
    <Container size="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('savedSearch.title')}</Title>
          <Text c="dimmed">{t('savedSearch.intro')}</Text>
        </Stack>
        <RequireAuth>
          <SavedSearches />
        </RequireAuth>
      </Stack>
    </Container>
  );
}
