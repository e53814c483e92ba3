import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { sendTradeMessageInput, type TradeOutput } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { formatWhen } from './format.ts';
import classes from './trades.module.css';

/** The conversation between the two parties (and the operator), newest last; refreshed every 15 s. */
export function TradeMessages({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = { id: trade.id };
  const list = useQuery({ ...trpc.trades.messages.list.queryOptions(key), refetchInterval: 15_000 });
  const send = useMutation(trpc.trades.messages.send.mutationOptions());
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = validateWith(sendTradeMessageInput, { id: trade.id, body }, locale);
    if (!checked.ok) return setError(checked.errors.body);
    try {
      await send.mutateAsync({ id: trade.id, body });
      setBody('');
      setError(undefined);
      await queryClient.invalidateQueries({ queryKey: trpc.trades.messages.list.queryKey(key) });
    } catch (err) {
      const fields = fieldErrorsOf(err, locale);
      if (fields.body) setError(fields.body);
      else notifications.show({ color: 'red', message: messageOf(err, locale, t('common.error')) });
    }
  };

  return (
    <Stack gap="sm">
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('messages.empty')}
        </Text>
      )}
      {list.data && list.data.length > 0 && (
        <ol className={classes.messages} aria-live="polite" data-testid="trade-messages">
          {list.data.map((m) => (
            <li key={m.id} className={m.mine ? classes.mine : classes.theirs}>
              <div className={classes.bubble}>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {m.body}
                </Text>
              </div>
              <Text size="xs" c="dimmed" mt={2}>
                {m.mine ? t('messages.you') : (m.authorName ?? t(`messages.${m.authorRole}`))} ·{' '}
                {formatWhen(m.createdAt, locale)}
              </Text>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap={6}>
          <Textarea
            label={t('messages.label')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={send.isPending}>
              {t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
