/** What every trade action form shares: running a transition with its notices, and a titled section. */
import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TradeOutput } from '@retaille/api/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { errorKeyOf, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { useTradeChanged } from './api.ts';
import { FailureMessage } from './FailureMessage.tsx';

export type Errors = Record<string, string>;

/** Runs one transition: success → cache updated and a short notice; failure → field errors or a notice. */
export function useRun(siteId?: string) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const changed = useTradeChanged();
  return async (call: () => Promise<TradeOutput>, setErrors?: (e: Errors) => void): Promise<boolean> => {
    try {
      const updated = await call();
      await changed(updated);
      setErrors?.({});
      notifications.show({ color: 'forest', message: t('trade.done') });
      return true;
    } catch (error) {
      const fields = fieldErrorsOf(error, locale);
      if (setErrors && Object.keys(fields).length > 0) setErrors(fields);
      else
        notifications.show({
          color: 'red',
          autoClose: errorKeyOf(error) === 'payments.sellerNotOnboarded' ? false : undefined,
          message: siteId ? (
            <FailureMessage error={error} siteId={siteId} />
          ) : (
            messageOf(error, locale, t('common.error'))
          ),
        });
      return false;
    }
  };
}

export function Section({
  title,
  children,
  testId,
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Stack gap="xs" data-testid={testId}>
      {title && (
        <Title order={3} size="h5">
          {title}
        </Title>
      )}
      {children}
    </Stack>
  );
}
