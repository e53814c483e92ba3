import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/i18n.ts';
import { messageOf } from '../lib/errors.ts';

export function QueryError({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={title ?? t('errors.generic')} role="alert">
      {messageOf(error, currentLocale(), t('errors.network'))}
      {onRetry && (
        <Button size="xs" variant="light" color="red" ml="md" onClick={onRetry}>
          {t('sites.retry')}
        </Button>
      )}
    </Alert>
  );
}
