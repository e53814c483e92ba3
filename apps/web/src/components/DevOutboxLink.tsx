import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDevOutboxAvailable } from '../lib/session.ts';

/** Points to the development outbox when the server keeps e-mail locally; renders nothing otherwise. */
export function DevOutboxLink({ to, bare = false }: { to?: string; bare?: boolean }) {
  const { t } = useTranslation();
  const available = useDevOutboxAvailable();
  if (!available) return null;
  const href = to ? `/dev/courriels?a=${encodeURIComponent(to)}` : '/dev/courriels';
  const content = (
    <>
      <Text size="sm">{t('auth.devOutboxHelp')}</Text>
      <Anchor component={Link} to={href} size="sm" fw={600}>
        {t('auth.devOutbox')} →
      </Anchor>
    </>
  );
  if (bare) return <div data-testid="dev-outbox-link">{content}</div>;
  return (
    <Alert color="wood" variant="light" data-testid="dev-outbox-link">
      {content}
    </Alert>
  );
}
