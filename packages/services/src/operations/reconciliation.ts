import type { TradePaymentEffectRow, TradeRow } from '@retaille/db';
import type { TradeMoneyAtProvider } from '@retaille/payments';

export const DIFFERENCE_KINDS = [
  'payout_missing',
  'payout_excess',
  'refund_missing',
  'refund_excess',
  'ledger_charge_differs',
  'provider_charge_differs',
  'provider_refunds_differ',
  'provider_transfers_differ',
  'provider_unreachable',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface ReconciliationDifference {
  tradeId: string;
  kind: DifferenceKind;
  /** What should be, from the trade's terms (or our ledger, for the provider checks). */
  expectedCents: number;
  /** What is. */
  actualCents: number;
  detail: string;
}

/** What our books say about one paid trade's money. */
export interface TradeBooks {
  trade: TradeRow;
  /** Net EUR postings per ledger account (cents). */
  accounts: Map<string, number>;
  effects: readonly TradePaymentEffectRow[];
}

const TERMINAL_RETAINING = new Set(['completed', 'resolved']);
const TERMINAL_RETURNING = new Set(['cancelled', 'expired', 'declined']);

/**
 * What the trade's terms say is owed: the refunds due (everything paid beyond what the trade
 * retains) and the seller's payout, once the trade is over. A trade still running owes only the
 * refund of what was paid beyond its total (a second payment).
 */
export function moneyDue(trade: TradeRow): { refundCents: number; payoutCents: number } {
  if (TERMINAL_RETAINING.has(trade.state)) {
    const retained = trade.final_total_cents ?? trade.total_cents;
    return {
      refundCents: Math.max(0, trade.paid_cents - retained),
      payoutCents: trade.final_seller_payout_cents ?? trade.seller_payout_cents,
    };
  }
  if (TERMINAL_RETURNING.has(trade.state)) return { refundCents: trade.paid_cents, payoutCents: 0 };
  return { refundCents: Math.max(0, trade.paid_cents - trade.total_cents), payoutCents: 0 };
}

const sumEffects = (effects: readonly TradePaymentEffectRow[], kind: string, status: string) =>
  effects.filter((e) => e.kind === kind && e.status === status).reduce((s, e) => s + e.amount_cents, 0);

/**
 * The differences of one trade: its terms against our ledger (payouts and refunds made, or
 * settled off platform by an operator), then our ledger against the provider's own objects.
 * Pure: the caller reads the books and the provider.
 */
export function reconcileTrade(
  books: TradeBooks,
  provider: TradeMoneyAtProvider | { error: string },
): ReconciliationDifference[] {
  const { trade, accounts, effects } = books;
  const out: ReconciliationDifference[] = [];
  const add = (kind: DifferenceKind, expectedCents: number, actualCents: number, detail: string) =>
    out.push({ tradeId: trade.id, kind, expectedCents, actualCents, detail });

  // The buyer's account moves only when a payment is captured (paymentCapturedEntry).
  const captured = -(accounts.get('buyer') ?? 0);
  const refunded = accounts.get('refunds') ?? 0;
  const paidOut = accounts.get('seller_paid_out') ?? 0;
  const refundedElsewhere = sumEffects(effects, 'refund', 'settled_off_platform');
  const paidOutElsewhere = sumEffects(effects, 'transfer', 'settled_off_platform');
  const due = moneyDue(trade);

  if (captured !== trade.paid_cents)
    add('ledger_charge_differs', trade.paid_cents, captured, 'paid_cents ≠ payment_captured');
  const payoutMade = paidOut + paidOutElsewhere;
  if (payoutMade < due.payoutCents) {
    const pending = effects.find(
      (e) => e.kind === 'transfer' && (e.status === 'pending' || e.status === 'failed'),
    );
    add(
      'payout_missing',
      due.payoutCents,
      payoutMade,
      pending ? `transfer ${pending.status}: ${pending.last_error ?? ''}`.trim() : 'no transfer',
    );
  } else if (payoutMade > due.payoutCents) {
    add('payout_excess', due.payoutCents, payoutMade, 'transferred more than the seller is owed');
  }
  const refundMade = refunded + refundedElsewhere;
  if (refundMade < due.refundCents) {
    const pending = effects.find(
      (e) => e.kind === 'refund' && (e.status === 'pending' || e.status === 'failed'),
    );
    add(
      'refund_missing',
      due.refundCents,
      refundMade,
      pending ? `refund ${pending.status}: ${pending.last_error ?? ''}`.trim() : 'no refund',
    );
  } else if (refundMade > due.refundCents) {
    add('refund_excess', due.refundCents, refundMade, 'refunded more than was due');
  }

  if ('error' in provider) {
    add('provider_unreachable', 0, 0, provider.error);
    return out;
  }
  if (provider.chargedCents !== captured)
    add('provider_charge_differs', captured, provider.chargedCents, 'payment intents');
  const providerRefunds = provider.refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled');
  const providerRefunded = providerRefunds.reduce((s, r) => s + r.amountCents, 0);
  if (providerRefunded !== refunded) {
    add(
      'provider_refunds_differ',
      refunded,
      providerRefunded,
      providerRefunds.map((r) => r.id).join(', ') || 'no refund',
    );
  }
  const providerTransferred = provider.transfers.reduce((s, t) => s + t.amountCents - t.reversedCents, 0);
  if (providerTransferred !== paidOut) {
    add(
      'provider_transfers_differ',
      paidOut,
      providerTransferred,
      provider.transfers.map((t) => t.id).join(', ') || 'no transfer',
    );
  }
  return out;
}
