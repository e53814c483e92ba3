import { Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { dateTime } from './api.ts';
import { useAction } from './useAction.ts';

/** The platform fee, in percent on screen and basis points on the wire. */
export function FeeSection() {
  const { t } = useTranslation('operations');
  const locale = currentLocale();
  const trpc = useTRPC();
  const fee = useQuery(trpc.operations.fee.get.queryOptions());
  const set = useMutation(trpc.operations.fee.set.mutationOptions());
  const { run, errors, busy } = useAction();
  const [percent, setPercent] = useState<number | string>('');
  const [note, setNote] = useState('');
  if (fee.error) return <QueryError error={fee.error} />;
  if (!fee.data) return <Text>{t('loading')}</Text>;
  const pct = (bps: number) =>
    new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'percent',
      maximumFractionDigits: 2,
    }).format(bps / 10000);
  return (
    <Stack maw={560}>
      <Text>{t('fee.current', { fee: pct(fee.data.bps), default: pct(fee.data.defaultBps) })}</Text>
      {fee.data.updatedAt && (
        <Text size="sm" c="dimmed">
          {t('fee.updated', { date: dateTime(fee.data.updatedAt, locale) })}
        </Text>
      )}
      <Text size="sm">{t('fee.help')}</Text>
      <Group align="flex-end">
        <NumberInput
          label={t('fee.label')}
          value={percent}
          onChange={setPercent}
          min={0}
          max={30}
          decimalScale={2}
          decimalSeparator={locale === 'fr' ? ',' : '.'}
          suffix=" %"
          error={errors.bps}
          w={160}
        />
        <Textarea
          label={t('note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          autosize
          minRows={1}
          style={{ flex: 1 }}
        />
        <Button
          loading={busy}
          onClick={() =>
            run(() => set.mutateAsync({ bps: Math.round(Number(percent) * 100), note }), t('fee.saved'))
          }
        >
          {t('fee.save')}
        </Button>
      </Group>
    </Stack>
  );
}
