import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/**
 * Runs one console action: on success a toast and every console query refreshed; on failure the
 * field errors (shown next to their fields) and the message.
 */
export function useAction() {
  const { t } = useTranslation('operations');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    try {
      await work();
      notifications.show({ color: 'forest', message: done });
      return true;
    } catch (error) {
      setErrors(fieldErrorsOf(error, locale));
      notifications.show({ color: 'red', message: messageOf(error, locale, t('failed')) });
      return false;
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: trpc.operations.pathKey() });
    }
  };
  return { run, errors, busy };
}
