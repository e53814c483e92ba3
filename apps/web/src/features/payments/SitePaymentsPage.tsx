import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { PaymentsCard } from './PaymentsCard.tsx';

/** Where Stripe's onboarding comes back: `?retour=1` once done, `?relancer=1` when the link expired. */
export function SitePaymentsPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const site = useQuery({ ...trpc.sites.get.queryOptions({ id }), retry: false });
  const notice = params.has('retour') ? 'returned' : params.has('relancer') ? 'refresh' : null;
  return (
    <Container size="sm">
      <Stack gap="lg">
        <Anchor component={Link} to={`/sites/${id}`} size="sm">
          ← {t('payments.backToSite')}
        </Anchor>
        <Title order={1} size="h2">
          {t('payments.pageTitle', { name: site.data?.name ?? '…' })}
        </Title>
        <RequireAuth>
          {(me) =>
            me.sites.some((s) => s.siteId === id && s.role === 'owner') || me.roles.includes('admin') ? (
              <PaymentsCard siteId={id} notice={notice} />
            ) : (
              <Text c="dimmed">{t('payments.ownersOnly')}</Text>
            )
          }
        </RequireAuth>
      </Stack>
    </Container>
  );
}
