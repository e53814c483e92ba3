import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  type MantineSpacing,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { useMe } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import classes from './payments.module.css';

const stateColor = { none: 'gray', pending: 'wood', enabled: 'forest' } as const;

/**
 * "Paiements" for a site's owners: the Stripe Connect account's status and the button that opens
 * Stripe's onboarding (the emulator's in simulation), which comes back to /sites/:id/paiements.
 * Renders nothing for visitors who are not owners (or admins).
 */
export function PaymentsCard({
  siteId,
  notice,
  mt,
}: {
  siteId: string;
  notice?: 'returned' | 'refresh' | null;
  mt?: MantineSpacing;
}) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const me = useMe();
  const trpc = useTRPC();
  const role = me.data?.sites.find((s) => s.siteId === siteId)?.role;
  const isOwner = role === 'owner' || Boolean(me.data?.roles.includes('admin'));
  const status = useQuery({
    ...trpc.payments.accountStatus.queryOptions({ siteId }),
    enabled: isOwner,
    retry: false,
  });
  const onboard = useMutation(trpc.payments.onboard.mutationOptions());
  const [leaving, setLeaving] = useState(false);
  if (!isOwner) return null;

  const start = async () => {
    try {
      const { url } = await onboard.mutateAsync({ siteId });
      setLeaving(true);
      window.location.assign(url);
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };
  const s = status.data;
  const label =
    !s || s.state === 'none'
      ? t('payments.onboard')
      : s.state === 'pending'
        ? t('payments.resume')
        : t('payments.update');

  return (
    <Card
      withBorder
      padding="lg"
      bg="white"
      mt={mt}
      component="section"
      aria-labelledby="payments-title"
      data-testid="payments-card"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id="payments-title">
            {t('payments.cardTitle')}
          </Title>
          {status.isPending ? (
            <Loader size="xs" aria-label={t('common.loading')} />
          ) : s ? (
            <Badge
              color={stateColor[s.state]}
              variant="light"
              size="lg"
              data-testid="payments-state"
              data-state={s.state}
            >
              {t(`payments.state.${s.state}`)}
            </Badge>
          ) : null}
        </Group>
        {notice === 'returned' && (
          <Alert color="forest" variant="light">
            {t('payments.returned')}
          </Alert>
        )}
        {notice === 'refresh' && (
          <Alert color="wood" variant="light">
            {t('payments.refresh')}
          </Alert>
        )}
        <Text size="sm">{t('payments.intro')}</Text>
        {s && s.state !== 'none' && (
          <dl className={classes.facts}>
            <dt>{t('payments.transfers')}</dt>
            <dd>{s.transfersActive ? t('payments.yes') : t('payments.no')}</dd>
            <dt>{t('payments.payouts')}</dt>
            <dd>{s.payoutsEnabled ? t('payments.yes') : t('payments.no')}</dd>
          </dl>
        )}
        {status.isError && (
          <Text size="sm" c="red">
            {messageOf(status.error, locale, t('common.error'))}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('payments.freeWorks')}
        </Text>
        <Group>
          <Button
            onClick={() => void start()}
            loading={onboard.isPending || leaving}
            variant={s?.state === 'enabled' ? 'default' : 'filled'}
            color={s?.state === 'enabled' ? undefined : 'wood'}
          >
            {label}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
