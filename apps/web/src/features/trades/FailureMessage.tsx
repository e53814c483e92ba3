import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StartOnboardingButton } from '../../components/StartOnboardingButton.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { errorKeyOf, messageOf } from '../../lib/errors.ts';

/**
 * Why an action failed. A paid acceptance refused because the site cannot be paid yet
 * (`payments.sellerNotOnboarded`, HTTP 409) says so and offers the onboarding in one click.
 */
export function FailureMessage({ error, siteId }: { error: unknown; siteId: string }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const message = messageOf(error, locale, t('common.error'));
  if (errorKeyOf(error) !== 'payments.sellerNotOnboarded') return <>{message}</>;
  return (
    <Stack gap="xs" align="flex-start" data-testid="not-onboarded">
      <Text size="sm">{message}</Text>
      <StartOnboardingButton siteId={siteId} label={t('list.enablePayments')} size="xs" />
    </Stack>
  );
}
