import { Alert, Anchor, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import type { SignedIn } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { LotForm } from './form/LotForm.tsx';

/** Post a lot (/lots/nouveau) or edit one (/lots/:id/modifier); signed-in site members only. */
export function LotFormPage() {
  const { id } = useParams();
  return <RequireAuth>{(me) => <LotFormLoader me={me} id={id} />}</RequireAuth>;
}

function LotFormLoader({ me, id }: { me: SignedIn; id: string | undefined }) {
  const { t } = useTranslation('catalogue');
  const trpc = useTRPC();
  const existing = useQuery({
    ...trpc.lots.get.queryOptions({ id: id ?? '' }),
    enabled: Boolean(id),
    retry: false,
  });
  if (id && existing.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (id && existing.isError) {
    return (
      <Container size="sm">
        <QueryError error={existing.error} />
      </Container>
    );
  }
  if (me.sites.length === 0) {
    return (
      <Container size="sm">
        <Stack>
          <Title order={1}>{t('form.createTitle')}</Title>
          <Alert color="wood" title={t('form.noSiteTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('form.noSiteText')}</Text>
              <Group gap="md">
                <Anchor component={Link} to="/sites/new" size="sm" fw={600}>
                  {t('form.noSiteCreate')} →
                </Anchor>
                <Anchor component={Link} to="/sites" size="sm">
                  {t('form.noSiteBrowse')}
                </Anchor>
              </Group>
            </Stack>
          </Alert>
        </Stack>
      </Container>
    );
  }
  return <LotForm me={me} lot={existing.data} key={existing.data?.id ?? 'new'} />;
}
