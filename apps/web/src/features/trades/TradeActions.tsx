import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatesProvider, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { openDisputeInput, proposePickupInput, type TradeOutput } from '@retaille/api/client';
import { fromDecimalComma } from '@retaille/domain/web';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { errorKeyOf, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { useTradeChanged } from './api.ts';
import { FailureMessage } from './FailureMessage.tsx';
import { formatCents, formatKg, formatSlot } from './format.ts';
import {
  type HandOverTravelMode,
  handOverFormSchema,
  handOverTravelModes,
  handOverValues,
  placeHandOverErrors,
  travelFieldsFor,
} from './handOverForm.ts';
import { type TradeAction, tradeActionsFor } from './states.ts';

type Errors = Record<string, string>;

/** Runs one transition: success → cache updated and a short notice; failure → field errors or a notice. */
function useRun(siteId?: string) {
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

function Section({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
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

const nextSlotDefault = (): [string, string] => {
  const start = dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0);
  return [start.format('YYYY-MM-DD HH:mm:ss'), start.add(2, 'hour').format('YYYY-MM-DD HH:mm:ss')];
};

function ProposePickup({ trade, counter }: { trade: TradeOutput; counter: boolean }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const propose = useMutation(trpc.trades.proposePickup.mutationOptions());
  const run = useRun();
  const [defaults] = useState(nextSlotDefault);
  const [start, setStart] = useState<string | null>(defaults[0]);
  const [end, setEnd] = useState<string | null>(defaults[1]);
  const [errors, setErrors] = useState<Errors>({});
  const [open, setOpen] = useState(!counter);

  if (!open) {
    return (
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('action.counter_pickup')}
      </Button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values = {
      id: trade.id,
      start: start ? dayjs(start).toISOString() : '',
      end: end ? dayjs(end).toISOString() : '',
    };
    const checked = validateWith(proposePickupInput, values, locale);
    if (!checked.ok) return setErrors(checked.errors);
    if (checked.data.end <= checked.data.start) return setErrors({ end: t('action.slotEndBeforeStart') });
    await run(() => propose.mutateAsync(values), setErrors);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="propose-pickup">
      <DatesProvider settings={{ locale: locale === 'fr' ? 'fr' : 'en-gb', firstDayOfWeek: 1 }}>
        <Stack gap="xs">
          <Group grow align="flex-start" wrap="wrap">
            <DateTimePicker
              label={t('action.slotStart')}
              value={start}
              onChange={setStart}
              valueFormat={locale === 'fr' ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY HH:mm'}
              minDate={new Date()}
              error={errors.start}
              miw={200}
              required
              data-testid="slot-start"
            />
            <DateTimePicker
              label={t('action.slotEnd')}
              value={end}
              onChange={setEnd}
              valueFormat="DD/MM/YYYY HH:mm"
              minDate={new Date()}
              error={errors.end}
              miw={200}
              required
              data-testid="slot-end"
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('action.slotHelp')}
          </Text>
          <Group>
            <Button type="submit" loading={propose.isPending} variant={counter ? 'default' : 'filled'}>
              {counter ? t('action.counter_pickup') : t('action.propose_pickup')}
            </Button>
          </Group>
        </Stack>
      </DatesProvider>
    </form>
  );
}

function HandOver({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const handOver = useMutation(trpc.trades.handOver.mutationOptions());
  const run = useRun();
  const [kg, setKg] = useState('');
  // How the lot travelled (docs/impact-method.md §4); '' = not recorded, the labelled default.
  const [mode, setMode] = useState<HandOverTravelMode | ''>('');
  const [roundTrip, setRoundTrip] = useState(true);
  const [distance, setDistance] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const fields = travelFieldsFor(mode);
  const placed = placeHandOverErrors(errors, mode);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!kg.trim()) return setErrors({ measuredKg: t('action.weightRequired') });
    const values = handOverValues({ tradeId: trade.id, kg, mode, roundTrip, distance });
    const checked = validateWith(handOverFormSchema, values, locale);
    if (!checked.ok) return setErrors(checked.errors);
    await run(() => handOver.mutateAsync(values), setErrors);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="hand-over">
      <Stack gap="xs">
        <TextInput
          label={t('action.measuredKg')}
          description={t('action.measuredKgHelp')}
          inputMode="decimal"
          autoComplete="off"
          required
          value={kg}
          onChange={(e) => setKg(e.currentTarget.value)}
          error={placed.byField.measuredKg}
          maw={320}
          rightSection={<Text size="sm">kg</Text>}
        />
        <NativeSelect
          label={t('action.travel')}
          description={t('action.travelHelp')}
          value={mode}
          onChange={(e) => {
            setMode(e.currentTarget.value as HandOverTravelMode | '');
            setErrors(({ measuredKg }): Errors => (measuredKg ? { measuredKg } : {}));
          }}
          data={[
            { value: '', label: t('travel.none') },
            ...handOverTravelModes.map((m) => ({ value: m, label: t(`travel.${m}`) })),
          ]}
          error={placed.byField['travel.mode']}
          maw={320}
          data-testid="travel-mode"
        />
        {fields.distance !== 'hidden' && (
          <TextInput
            label={fields.distance === 'required' ? t('action.tourDistance') : t('action.distance')}
            description={
              fields.distance === 'required' ? t('action.tourDistanceHelp') : t('action.distanceHelp')
            }
            inputMode="decimal"
            autoComplete="off"
            required={fields.distance === 'required'}
            value={distance}
            onChange={(e) => setDistance(e.currentTarget.value)}
            error={placed.byField['travel.distanceKm']}
            maw={320}
            rightSection={<Text size="sm">km</Text>}
            data-testid="travel-distance"
          />
        )}
        {fields.roundTrip && (
          <Checkbox
            label={t('action.roundTrip')}
            checked={roundTrip}
            onChange={(e) => setRoundTrip(e.currentTarget.checked)}
            error={placed.byField['travel.roundTrip']}
          />
        )}
        {placed.general.length > 0 && (
          <Alert color="red" variant="light" role="alert" data-testid="hand-over-errors">
            {placed.general.map((m) => (
              <Text key={m} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={handOver.isPending}>
            {t('action.hand_over')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConfirmReceipt({ trade }: { trade: TradeOutput }) {
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

function OpenDispute({ trade }: { trade: TradeOutput }) {
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

function ResolveDispute({ trade }: { trade: TradeOutput }) {
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

/** The buyer pays on Stripe's (or the emulator's) hosted checkout page, then comes back here. */
function PayButton({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  const checkout = useMutation(trpc.trades.checkoutUrl.mutationOptions());
  const [leaving, setLeaving] = useState(false);
  const pay = async () => {
    try {
      const { url } = await checkout.mutateAsync({ id: trade.id });
      setLeaving(true);
      window.location.assign(url);
    } catch (error) {
      notifications.show({ color: 'red', message: messageOf(error, locale, t('common.error')) });
    }
  };
  return (
    <Stack gap={4}>
      <Group>
        <Button color="wood" size="md" onClick={() => void pay()} loading={checkout.isPending || leaving}>
          {t('action.pay', { amount: formatCents(trade.price.totalCents, locale) })}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {leaving ? t('payment.redirecting') : t('action.payHelp')}
      </Text>
    </Stack>
  );
}

/** What the caller can do now, from `availableTransitions` (the server decides; this only offers it). */
export function TradeActions({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const trpc = useTRPC();
  // Partial trades (tests, optimistic updates) may lack the site.
  const run = useRun(trade.sellerSite?.id);
  const accept = useMutation(trpc.trades.accept.mutationOptions());
  const decline = useMutation(trpc.trades.decline.mutationOptions());
  const cancel = useMutation(trpc.trades.cancel.mutationOptions());
  const agree = useMutation(trpc.trades.agreePickup.mutationOptions());
  const view = tradeActionsFor(trade);
  const has = (action: TradeAction) => view.actions.includes(action);
  const slot = trade.pickup ? formatSlot(trade.pickup.start, trade.pickup.end, locale) : null;

  const blockOf = (action: TradeAction): ReactNode => {
    switch (action) {
      case 'accept':
      case 'decline':
        // One group for both answers, placed where the first of them is.
        if (action === 'decline' && has('accept')) return null;
        return (
          <Group key="answer" gap="sm">
            {has('accept') && (
              <Button
                onClick={() => void run(() => accept.mutateAsync({ id: trade.id }))}
                loading={accept.isPending}
              >
                {t('action.accept')}
              </Button>
            )}
            {has('decline') && (
              <ConfirmButton
                variant="default"
                label={t('action.decline')}
                title={t('action.declineTitle')}
                text={t('action.declineText')}
                loading={decline.isPending}
                onConfirm={() => run(() => decline.mutateAsync({ id: trade.id }))}
              />
            )}
          </Group>
        );
      case 'pay':
        return <PayButton key="pay" trade={trade} />;
      case 'agree_pickup':
        return (
          <Section key="agree" testId="agree-pickup">
            <Text fw={600}>{t('action.slotProposedToMe', { slot })}</Text>
            <Group>
              <Button
                onClick={() => void run(() => agree.mutateAsync({ id: trade.id }))}
                loading={agree.isPending}
              >
                {t('action.agree_pickup')}
              </Button>
            </Group>
          </Section>
        );
      case 'my_slot_pending':
        return (
          <Text key="mine" size="sm" c="dimmed">
            {t('action.slotProposedByMe', { slot })}
          </Text>
        );
      case 'hand_over':
        return (
          <Section key="handover" title={t('action.hand_over')}>
            <HandOver trade={trade} />
          </Section>
        );
      case 'propose_pickup':
      case 'counter_pickup':
        return (
          <Section key="propose" title={action === 'counter_pickup' ? undefined : t('action.propose_pickup')}>
            <ProposePickup trade={trade} counter={action === 'counter_pickup'} />
          </Section>
        );
      case 'confirm_receipt':
        return (
          <Section key="receipt" title={t('action.confirm_receipt')}>
            <ConfirmReceipt trade={trade} />
          </Section>
        );
      case 'open_dispute':
        return <OpenDispute key="dispute" trade={trade} />;
      case 'resolve_dispute':
        return (
          <Section key="resolve" title={t('action.resolve_dispute')}>
            <ResolveDispute trade={trade} />
          </Section>
        );
      case 'withdraw_request':
      case 'cancel': {
        const withdraw = action === 'withdraw_request';
        return (
          <Group key="cancel">
            <ConfirmButton
              variant="subtle"
              color="red"
              label={withdraw ? t('action.withdraw_request') : t('action.cancel')}
              title={withdraw ? t('action.withdrawTitle') : t('action.cancelTitle')}
              text={withdraw ? t('action.withdrawText') : t('action.cancelText')}
              loading={cancel.isPending}
              onConfirm={() => run(() => cancel.mutateAsync({ id: trade.id }))}
            />
          </Group>
        );
      }
      default: {
        const never: never = action;
        return never;
      }
    }
  };

  return (
    <Stack gap="md" data-testid="trade-actions">
      {view.notice && (
        <Alert color={view.notice === 'finished' ? 'gray' : 'blue'} variant="light">
          {view.notice === 'finished' ? t('trade.finished') : t('trade.waiting')}
        </Alert>
      )}
      {view.actions.map(blockOf)}
    </Stack>
  );
}
