import { Divider, Group, Stack, Text } from '@mantine/core';
import type { TradeOutput } from '@retaille/api/client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatBps, formatCents, formatQty, unitForPrice } from './format.ts';

function Row({
  label,
  value,
  strong,
  testId,
  dimmed,
}: {
  label: string;
  value: string;
  strong?: boolean;
  testId?: string;
  dimmed?: boolean;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="baseline">
      <Text size="sm" c={dimmed ? 'dimmed' : undefined} fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text
        size={strong ? 'lg' : 'sm'}
        fw={strong ? 800 : 500}
        c={dimmed ? 'dimmed' : undefined}
        data-testid={testId}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {value}
      </Text>
    </Group>
  );
}

/**
 * The server's price breakdown, the same for both sides: subtotal, VAT when the seller site is
 * registered, the platform fee, the total; then what was paid, refunded and paid out.
 */
export function PriceBreakdown({ trade }: { trade: TradeOutput }) {
  const { t } = useTranslation('trades');
  const locale = currentLocale();
  const p = trade.price;
  const eur = (c: number) => formatCents(c, locale);
  if (p.isFree) {
    return (
      <Stack gap={6} data-testid="price-breakdown">
        <Row label={t('price.total')} value={t('free')} strong testId="price-total" />
        <Text size="xs" c="dimmed">
          {t('price.freeText')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={6} data-testid="price-breakdown">
      <Row
        label={t('price.unitPrice')}
        value={`${eur(p.unitPriceCents)} / ${unitForPrice(trade.unit, locale)}`}
        dimmed
      />
      <Row label={t('price.subtotal')} value={eur(p.subtotalCents)} testId="price-subtotal" />
      <Text size="xs" c="dimmed" mt={-6}>
        {t('price.subtotalDetail', {
          quantity: formatQty(p.quantity, trade.unit, locale),
          price: eur(p.unitPriceCents),
        })}
      </Text>
      {p.vatRateBps !== null ? (
        <Row
          label={t('price.vat', { rate: formatBps(p.vatRateBps, locale) })}
          value={eur(p.vatCents)}
          testId="price-vat"
        />
      ) : (
        <Row label={t('price.noVat')} value={t('price.noVatValue')} dimmed />
      )}
      <Divider my={4} />
      <Row label={t('price.total')} value={eur(p.totalCents)} strong testId="price-total" />
      <Row
        label={t('price.fee', { rate: formatBps(p.platformFeeBps, locale) })}
        value={eur(p.platformFeeCents)}
        testId="price-fee"
        dimmed
      />
      <Row label={t('price.payout')} value={eur(p.sellerPayoutCents)} dimmed testId="price-payout" />
      {trade.final && trade.final.totalCents !== p.totalCents && (
        <Row label={t('price.final')} value={eur(trade.final.totalCents)} testId="price-final" />
      )}
      {trade.paidCents > 0 && (
        <Row label={t('price.paid')} value={eur(trade.paidCents)} testId="price-paid" />
      )}
      {trade.refundedCents > 0 && (
        <Row label={t('price.refunded')} value={eur(trade.refundedCents)} testId="price-refunded" />
      )}
      <Text size="xs" c="dimmed">
        {t('price.computedByServer')}
      </Text>
    </Stack>
  );
}
