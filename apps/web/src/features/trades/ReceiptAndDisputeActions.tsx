/** After the handover: the buyer confirms receipt or opens a dispute; an operator resolves it. */
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { openDisputeInput, type TradeOutput } from '@retaille/api/client';
import { fromDecimalComma } from '@retaille/domain/web';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { formatKg } from './format.ts';
import { type Errors, useRun } from './tradeActionParts.tsx';

export function ConfirmReceipt({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.trades.confirmReceipt.mutationOptions());
  const run = useRun();
  const [kg, setKg] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = kg.trim();
    if (value && !/^\d+([.,]\d+)?$/.test(value)) return setErrors({ receivedKg: t('action.weightInvalid') });
    await run(() => confirm.mutateAsync({ id: trade.id, receivedKg: value || null }), setErrors);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="confirm-receipt">
      <Stack gap="xs">
        <TextInput
          label={t('action.receivedKg')}
          description={
            trade.handoverKg
              ? t('action.receivedKgHelp', { kg: formatKg(trade.handoverKg, locale) })
              : undefined
          }
          inputMode="decimal"
          autoComplete="off"
          value={kg}
          onChange={(e) => setKg(e.currentTarget.value)}
          error={errors.receivedKg}
          maw={320}
          rightSection={<Text size="sm">kg</Text>}
        />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('action.confirm_receipt')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OpenDispute({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const dispute = useMutation(trpc.trades.openDispute.mutationOptions());
  const run = useRun();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  if (!open) {
    return (
      <Group>
        <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
          {t('action.open_dispute')}
        </Button>
      </Group>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values = { id: trade.id, reason };
    const checked = validateWith(openDisputeInput, values, locale);
    if (!checked.ok) return setErrors(checked.errors);
    await run(() => dispute.mutateAsync(values), setErrors);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="open-dispute">
      <Stack gap="xs">
        <Textarea
          label={t('action.disputeReason')}
          description={t('action.disputeReasonHelp')}
          autosize
          minRows={3}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <Group>
          <Button type="submit" color="red" loading={dispute.isPending}>
            {t('action.open_dispute')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ResolveDispute({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const resolve = useMutation(trpc.trades.resolveDispute.mutationOptions());
  const run = useRun();
  const kinds = trade.isPaid
    ? (['release', 'refund_partial', 'refund_full'] as const)
    : (['release', 'refund_full'] as const);
  const [kind, setKind] = useState<(typeof kinds)[number]>('release');
  const [euros, setEuros] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'refund_partial') {
      const cents = Math.round(Number(fromDecimalComma(euros)) * 100);
      if (!Number.isFinite(cents) || cents <= 0) return setErrors({ refundCents: t('action.weightInvalid') });
      await run(
        () => resolve.mutateAsync({ id: trade.id, resolution: { kind, refundCents: cents } }),
        setErrors,
      );
    } else {
      await run(() => resolve.mutateAsync({ id: trade.id, resolution: { kind } }), setErrors);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="resolve-dispute">
      <Stack gap="xs">
        <NativeSelect
          label={t('action.resolution')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as (typeof kinds)[number])}
          data={kinds.map((k) => ({ value: k, label: t(`resolution.${k}`) }))}
          maw={360}
        />
        {kind === 'refund_partial' && (
          <TextInput
            label={t('action.refundCents')}
            inputMode="decimal"
            value={euros}
            onChange={(e) => setEuros(e.currentTarget.value)}
            error={errors.refundCents ?? errors['resolution.refundCents']}
            maw={200}
          />
        )}
        <Group>
          <Button type="submit" loading={resolve.isPending}>
            {t('action.resolve_dispute')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
