import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { DatesProvider, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { proposePickupInput, type TradeOutput } from '@retaille/api/client';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { validateWith } from '../../lib/validate.ts';
import { formatCents, formatSlot } from './format.ts';
import { HandOver } from './HandOverAction.tsx';
import { ConfirmReceipt, OpenDispute, ResolveDispute } from './ReceiptAndDisputeActions.tsx';
import { type TradeAction, tradeActionsFor } from './states.ts';
import { type Errors, Section, useRun } from './tradeActionParts.tsx';

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
