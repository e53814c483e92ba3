/** Standalone pages for the proposals: /demandes/:id/propositions and /lots/:id/propositions. */
import { Anchor, Container, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { ProposalsForLot, ProposalsForRequest } from './Proposals.tsx';

export function RequestProposalsPage() {
  const { t } = useTranslation('matching');
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      <Container size="md">
        <Stack gap="md">
          <Anchor component={Link} to="/demandes" size="sm">
            ← {t('common.back')}
          </Anchor>
          <Title order={1}>{t('proposals.pageTitleRequest')}</Title>
          <ProposalsForRequest requestId={id} withTitle={false} />
        </Stack>
      </Container>
    </RequireAuth>
  );
}

export function LotProposalsPage() {
  const { t } = useTranslation('matching');
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      <Container size="md">
        <Stack gap="md">
          <Anchor component={Link} to={`/lots/${id}`} size="sm">
            ← {t('common.back')}
          </Anchor>
          <Title order={1}>{t('proposals.pageTitleLot')}</Title>
          <ProposalsForLot lotId={id} withTitle={false} />
        </Stack>
      </Container>
    </RequireAuth>
  );
}
