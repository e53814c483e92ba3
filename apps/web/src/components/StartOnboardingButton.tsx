import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/i18n.ts';
import { messageOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';

/**
 * One click to a site's payment onboarding (Stripe, or the emulator in simulation): asks for a
 * fresh link and leaves for it. `before` runs first (e.g. save the lot as a draft).
 */
export function StartOnboardingButton({
  siteId,
  label,
  before,
  ...props
}: { siteId: string; label: string; before?: () => Promise<boolean> } & ButtonProps) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const onboard = useMutation(trpc.payments.onboard.mutationOptions());
  const [leaving, setLeaving] = useState(false);
  const start = async () => {
    try {
      if (before && !(await before())) return;
      const { url } = await onboard.mutateAsync({ siteId });
      setLeaving(true);
      window.location.assign(url);
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };
  return (
    <Button
      {...props}
      onClick={() => void start()}
      loading={onboard.isPending || leaving}
      data-testid="start-onboarding"
    >
      {label}
    </Button>
  );
}
