import { Text, Timeline } from '@mantine/core';
import type { TradeOutput } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatCents, formatKg, formatSlot, formatWhen } from './format.ts';

interface Step {
  key: string;
  title: string;
  detail?: string | null;
  tone?: 'red' | 'gray';
}

/**
 * The trade's steps, from what the trade says about itself: the steps passed, the current one
 * and those to come on the way to completion (or how it ended).
 */
export function TradeTimeline({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const s = trade.state;
  const entered = formatWhen(trade.stateEnteredAt, locale);
  const slot = trade.pickup ? formatSlot(trade.pickup.start, trade.pickup.end, locale) : null;

  const steps: Step[] = [
    { key: 'requested', title: t('timeline.requested'), detail: formatWhen(trade.createdAt, locale) },
    { key: 'accepted', title: t('timeline.accepted') },
  ];
  if (trade.isPaid) {
    steps.push({
      key: 'payment',
      title: t('timeline.payment'),
      detail:
        trade.paidCents > 0
          ? formatCents(trade.paidCents, locale)
          : formatCents(trade.price.totalCents, locale),
    });
  }
  steps.push({
    key: 'pickup',
    title: t('timeline.pickup'),
    detail: slot ? (trade.pickup?.agreed ? slot : t('trade.pickupProposed', { slot })) : null,
  });
  steps.push({
    key: 'handover',
    title: trade.handoverKg
      ? t('timeline.handoverKg', { kg: formatKg(trade.handoverKg, locale) })
      : t('timeline.handover'),
  });
  steps.push({
    key: 'receipt',
    title: trade.receiptKg
      ? t('timeline.receiptKg', { kg: formatKg(trade.receiptKg, locale) })
      : t('timeline.receipt'),
  });

  // How many steps are done, and whether the trade left the happy path.
  let done = 1;
  let tail: Step[] = [];
  const paidOffset = trade.isPaid ? 1 : 0;
  switch (s) {
    case 'initial':
      done = 0;
      break;
    case 'requested':
      done = 1;
      break;
    case 'payment_pending':
      done = 2;
      break;
    case 'accepted':
    case 'paid':
    case 'pickup_proposed':
      done = 2 + paidOffset;
      break;
    case 'pickup_scheduled':
      done = 3 + paidOffset;
      break;
    case 'handed_over':
      done = 4 + paidOffset;
      break;
    case 'received':
      done = 5 + paidOffset;
      break;
    case 'completed':
      done = 5 + paidOffset;
      tail = [{ key: 'completed', title: t('timeline.completed'), detail: entered }];
      break;
    case 'disputed':
    case 'resolved': {
      done = (trade.receiptKg ? 5 : 4) + paidOffset;
      steps.splice(done);
      tail = [
        {
          key: 'disputed',
          title: t('timeline.disputed'),
          detail: trade.dispute ? formatWhen(trade.dispute.openedAt, locale) : null,
          tone: 'red',
        },
      ];
      if (s === 'resolved') {
        tail.push({
          key: 'resolved',
          title: t('timeline.resolved'),
          detail: trade.dispute?.resolution
            ? `${t(`resolution.${trade.dispute.resolution}`, { defaultValue: trade.dispute.resolution })} · ${entered}`
            : entered,
        });
      }
      break;
    }
    case 'declined':
    case 'cancelled':
    case 'expired': {
      // Only the steps known to have happened (the API gives the current state, not the path).
      const accepted = s !== 'declined' && (trade.paidCents > 0 || trade.pickup !== null);
      const kept = steps.filter(
        (step) =>
          step.key === 'requested' ||
          (step.key === 'accepted' && accepted) ||
          (step.key === 'payment' && trade.paidCents > 0) ||
          (step.key === 'pickup' && trade.pickup?.agreed === true),
      );
      steps.splice(0, steps.length, ...kept);
      done = kept.length;
      tail = [
        { key: s, title: t(`timeline.${s}`), detail: entered, tone: s === 'declined' ? 'red' : 'gray' },
      ];
      break;
    }
  }
  const all = [...steps, ...tail];
  if (tail.length === 0) all.push({ key: 'completed', title: t('timeline.completed') });
  const active = tail.length > 0 ? all.length - 1 : Math.min(done, all.length - 1);

  return (
    <Timeline active={active} bulletSize={18} lineWidth={2} color="forest" data-testid="trade-timeline">
      {all.map((step, i) => {
        const status =
          i < done || (tail.length > 0 && i >= all.length - tail.length)
            ? 'done'
            : i === done
              ? 'current'
              : 'todo';
        return (
          <Timeline.Item
            key={step.key}
            title={step.title}
            color={step.tone ?? (status === 'current' ? 'wood' : undefined)}
            bullet={
              <span aria-hidden style={{ fontSize: 11, fontWeight: 800, lineHeight: 1 }}>
                {step.tone === 'red' ? '!' : status === 'done' ? '✓' : status === 'current' ? '•' : ''}
              </span>
            }
            lineVariant={i >= done ? 'dashed' : 'solid'}
            aria-current={status === 'current' ? 'step' : undefined}
            data-status={status}
          >
            <Text size="xs" c="dimmed">
              {status === 'current'
                ? [step.detail, t('timeline.current')].filter(Boolean).join(' · ')
                : (step.detail ?? null)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
