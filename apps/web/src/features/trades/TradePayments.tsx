import { Badge, Divider, Group, Stack, Text } from '@mantine/core';
import type { TradeMoneyMovement, TradeOutput } from '@retaille/api/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { formatCents, formatWhen } from './format.ts';

const TONE: Record<TradeMoneyMovement['status'], string> = {
  pending: 'gray',
  retrying: 'orange',
  operator: 'red',
  done: 'forest',
  settled_off_platform: 'forest',
};

/**
 * Where the money of a paid trade stands: the payout to the seller and any refund to the buyer,
 * each with its state, so that neither party wonders whether a failing payout is being handled.
 * Refetched whenever the trade changes.
 */
export function TradePayments({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const trpc = useTRPC();
  const locale = currentLocale();
  const movements = useQuery({
    ...trpc.trades.payments.queryOptions({ id: trade.id }),
    enabled: trade.isPaid,
  });
  const seen = useRef(trade.updatedAt);
  const { refetch } = movements;
  useEffect(() => {
    if (seen.current === trade.updatedAt) return;
    seen.current = trade.updatedAt;
    void refetch();
  }, [trade.updatedAt, refetch]);
  if (!trade.isPaid || !movements.data || movements.data.length === 0) return null;
  return (
    <>
      <Divider my={4} />
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="trade-payments">
        {movements.data.map((m) => (
          <Stack key={`${m.kind}-${m.dueSince}`} gap={2} component="li">
            <Group justify="space-between" wrap="nowrap" gap="sm" align="baseline">
              <Text size="sm">
                {m.kind === 'transfer'
                  ? t('money.transfer')
                  : t(`money.refund.${m.reason ?? 'cancellation'}`)}
              </Text>
              <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatCents(m.amountCents, locale)}
              </Text>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Badge color={TONE[m.status]} variant="light" size="sm" data-status={m.status}>
                {t(`money.status.${m.status}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {m.status === 'done' || m.status === 'settled_off_platform'
                  ? formatWhen(m.updatedAt, locale)
                  : t(`money.help.${m.status}`)}
              </Text>
            </Group>
          </Stack>
        ))}
      </Stack>
    </>
  );
}
