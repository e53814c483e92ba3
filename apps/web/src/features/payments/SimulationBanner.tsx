import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import classes from './payments.module.css';

/** A visible strip on every page while payments go through the local Stripe emulator. */
export function SimulationBanner() {
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.payments.status.queryOptions(), staleTime: 10 * 60_000, retry: false });
  if (status.data?.mode !== 'simulation') return null;
  return (
    <div className={classes.banner} role="status" data-testid="simulation-banner">
      <Text size="sm" fw={700} span>
        {t('payments.banner')}
      </Text>
      <Text size="xs" span className={classes.bannerHelp}>
        {t('payments.bannerHelp')}
      </Text>
    </div>
  );
}
