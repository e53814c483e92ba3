import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StartOnboardingButton } from '../../../components/StartOnboardingButton.tsx';
import type { LotFormController } from './use-lot-form.ts';

/**
 * Publishing a priced lot from a site that cannot be paid yet (`lot.paymentAccountRequired`):
 * one click to the payment onboarding (the lot is kept as a draft first), or publish it free.
 */
export function PaymentPrompt({ c }: { c: LotFormController }) {
  const { t } = useTranslation('catalogue');
  const siteId = c.paymentPrompt;
  return (
    <Modal
      opened={siteId !== null}
      onClose={c.closePaymentPrompt}
      title={t('payment.promptTitle')}
      centered
      data-testid="payment-prompt"
    >
      <Stack gap="md">
        <Text size="sm">{t('payment.promptText')}</Text>
        <Group justify="flex-end" gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => void c.publishFree()} data-testid="publish-free">
            {t('payment.publishFree')}
          </Button>
          {siteId && (
            <StartOnboardingButton siteId={siteId} label={t('payment.onboard')} before={c.saveDraftQuietly} />
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
