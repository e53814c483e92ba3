import { Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import type { SignedIn } from '../../lib/session.ts';
import { AuditSection } from './AuditSection.tsx';
import { DisputesSection } from './DisputesSection.tsx';
import { FactorsSection } from './FactorsSection.tsx';
import { FeeSection } from './FeeSection.tsx';
import { ModerationSection } from './ModerationSection.tsx';
import { MoneyOwedSection } from './MoneyOwedSection.tsx';
import { ReconciliationSection } from './ReconciliationSection.tsx';
import { RolesSection } from './RolesSection.tsx';
import { VerificationSection } from './VerificationSection.tsx';

/** Sections by their French path segment; coordinators see only the verification queue. */
const sections = {
  litiges: { key: 'disputes', admin: true, Component: DisputesSection },
  paiements: { key: 'money', admin: true, Component: MoneyOwedSection },
  verification: { key: 'verification', admin: false, Component: VerificationSection },
  moderation: { key: 'moderation', admin: true, Component: ModerationSection },
  roles: { key: 'roles', admin: true, Component: RolesSection },
  commission: { key: 'fee', admin: true, Component: FeeSection },
  facteurs: { key: 'factors', admin: true, Component: FactorsSection },
  rapprochement: { key: 'reconciliation', admin: true, Component: ReconciliationSection },
  journal: { key: 'audit', admin: true, Component: AuditSection },
} as const;
type Section = keyof typeof sections;

export function OperationsPage() {
  return <RequireAuth>{(me) => <Console me={me} />}</RequireAuth>;
}

function Console({ me }: { me: SignedIn }) {
  const { t } = useTranslation('operations');
  const navigate = useNavigate();
  const params = useParams();
  const admin = me.roles.includes('admin');
  const coordinator = me.roles.includes('coordinator');
  const visible = (Object.keys(sections) as Section[]).filter((s) => admin || !sections[s].admin);
  if (!admin && !coordinator) {
    return (
      <Container size="lg">
        <Title order={1}>{t('title')}</Title>
        <Text>{t('forbidden')}</Text>
      </Container>
    );
  }
  const requested = params.section as Section | undefined;
  const current: Section = requested && visible.includes(requested) ? requested : visible[0]!;
  const { Component } = sections[current];
  return (
    <Container size="xl">
      <Stack gap="md">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{admin ? t('lead') : t('leadCoordinator')}</Text>
        </div>
        <Tabs value={current} onChange={(v) => v && navigate(`/operations/${v}`)} keepMounted={false}>
          <Tabs.List style={{ flexWrap: 'wrap' }}>
            {visible.map((s) => (
              <Tabs.Tab key={s} value={s}>
                {t(`tabs.${sections[s].key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={current} pt="md">
            <Component />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
