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
  /**
   * `done` is the success toast, or reads the answer: an action the server ran but that did not
   * succeed (a payout Stripe refused again) says so in red instead.
   */
  const run = async <T>(
    work: () => Promise<T>,
    done: string | ((result: T) => { ok: boolean; message: string }),
  ): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    try {
      const result = await work();
      const outcome = typeof done === 'string' ? { ok: true, message: done } : done(result);
      notifications.show({ color: outcome.ok ? 'forest' : 'red', message: outcome.message });
      return outcome.ok;
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
