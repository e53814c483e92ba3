import { Center, Loader, Text, Timeline } from '@mantine/core';
import type { TradeOutput, TradeTimelineEvent } from '@retaille/api/client';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError.tsx';
import { type AppLocale, currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { formatCents, formatKg, formatQty, formatSlot, formatWhen } from './format.ts';

const RED = new Set(['decline', 'open_dispute']);
const GRAY = new Set(['cancel', 'withdraw_request', 'expire_request', 'expire_payment']);

/** The details of one step: who, the quantity, slot, weight, amount or reason it carried. */
function details(e: TradeTimelineEvent, locale: AppLocale, t: TFunction<'trades'>) {
  const parts = [formatWhen(e.at, locale)];
  parts.push(e.actorName ? t('timeline.by', { name: e.actorName }) : t(`timeline.byRole.${e.actorRole}`));
  if (e.quantity) parts.push(formatQty(e.quantity, e.unit, locale));
  if (e.slot) parts.push(formatSlot(e.slot.start, e.slot.end, locale));
  if (e.handoverKg) parts.push(t('timeline.weighed', { kg: formatKg(e.handoverKg, locale) }));
  if (e.amountCents !== null) parts.push(formatCents(e.amountCents, locale));
  if (e.resolution) parts.push(t(`resolution.${e.resolution}`, { defaultValue: e.resolution }));
  return parts.join(' · ');
}

/**
 * The trade's history as recorded (`trade_event`): every step, who took it, when, and the
 * amounts and weights it carried. Refetched whenever the trade changes.
 */
export function TradeTimeline({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const locale = currentLocale();
  const events = useQuery(trpc.trades.timeline.queryOptions({ id: trade.id }));
  const seen = useRef(trade.updatedAt);
  const { refetch } = events;
  useEffect(() => {
    if (seen.current === trade.updatedAt) return;
    seen.current = trade.updatedAt;
    void refetch();
  }, [trade.updatedAt, refetch]);

  if (events.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  const last = events.data.length - 1;
  return (
    <Timeline
      active={last}
      bulletSize={18}
      lineWidth={2}
      color="forest"
      data-testid="trade-timeline"
      component="ol"
      style={{ paddingInlineStart: 0 }}
    >
      {events.data.map((e, i) => {
        const tone = RED.has(e.transition) ? 'red' : GRAY.has(e.transition) ? 'gray' : undefined;
        return (
          <Timeline.Item
            key={e.seq}
            component="li"
            title={t(`timeline.event.${e.transition}`, { defaultValue: e.transition })}
            color={tone}
            bullet={
              <span aria-hidden style={{ fontSize: 11, fontWeight: 800, lineHeight: 1 }}>
                {tone === 'red' ? '!' : '✓'}
              </span>
            }
            aria-current={i === last ? 'step' : undefined}
            data-transition={e.transition}
            style={{ listStyle: 'none' }}
          >
            <Text size="xs" c="dimmed">
              {details(e, locale, t)}
            </Text>
            {e.reason && (
              <Text size="sm" mt={4}>
                « {e.reason} »
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
