import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { applyTransition, TRANSITIONS, type TradeSnapshot, type TransitionName } from './trade-machine.ts';
import { quantityHold } from './trade-states.ts';
import { DEFAULT_TRADE_TIMINGS } from './trade-timings.ts';
import { assertReceiptAgrees } from './weight.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const timings = DEFAULT_TRADE_TIMINGS;
const apply = (
  trade: TradeSnapshot,
  name: TransitionName,
  actor: 'buyer' | 'seller' | 'operator' | 'system',
  params?: unknown,
) => applyTransition(trade, name, actor, NOW, { timings, params } as never);

describe('the patch and the follow-ups', () => {
  it('writes the state and when it was entered, whatever the transition', () => {
    const r = apply({ state: 'initial', isPaid: false }, 'request', 'buyer');
    expect(r.patch).toEqual({ state: 'requested', stateEnteredAt: NOW });
  });

  it('ends every transition with one notify of its own name', () => {
    for (const name of ['request', 'accept', 'decline', 'cancel'] as const) {
      const trade: TradeSnapshot =
        name === 'request'
          ? { state: 'initial', isPaid: true }
          : name === 'cancel'
            ? { state: 'paid', isPaid: true }
            : { state: 'requested', isPaid: true };
      const r = apply(trade, name, name === 'request' || name === 'cancel' ? 'buyer' : 'seller');
      expect(r.followUps.at(-1)).toEqual({ type: 'notify', event: name });
      expect(r.followUps.filter((e) => e.type === 'notify')).toHaveLength(1);
    }
  });

  it('consumes the quantity exactly on the rows that move it from reserved to consumed', () => {
    for (const row of TRANSITIONS) {
      for (const from of row.from) {
        const consumes = quantityHold(from) === 'reserved' && quantityHold(row.to) === 'consumed';
        expect(row.consumesQuantity === true, `${row.name} from ${from}`).toBe(consumes);
      }
    }
    const r = apply({ state: 'paid', isPaid: true }, 'hand_over', 'seller', {
      measuredKg: '2',
      vehicleKey: 'van_diesel_avg_defra',
    });
    expect(r.followUps.map((e) => e.type)).toEqual(['consume_quantity', 'notify']);
    expect(r.patch).toEqual({
      state: 'handed_over',
      stateEnteredAt: NOW,
      vehicleKey: 'van_diesel_avg_defra',
    });
  });

  it('refuses an unknown vehicle in the table’s parameters', () => {
    try {
      apply({ state: 'paid', isPaid: true }, 'hand_over', 'seller', {
        measuredKg: '2',
        vehicleKey: 'rocket',
      });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.details.fields?.[0]?.key).toBe('trade.vehicleUnknown');
    }
  });

  it('stamps the receipt, with the buyer’s weight when given', () => {
    expect(
      apply({ state: 'handed_over', isPaid: false }, 'confirm_receipt', 'buyer', { receiptGrams: 3900 })
        .patch,
    ).toEqual({
      state: 'received',
      stateEnteredAt: NOW,
      receivedAt: NOW,
      receiptGrams: 3900,
    });
    expect(
      apply({ state: 'handed_over', isPaid: false }, 'auto_confirm_receipt', 'system').patch.receivedAt,
    ).toEqual(NOW);
  });

  it('records the dispute resolution from the row, release when it resolves by itself', () => {
    const partial = apply({ state: 'disputed', isPaid: true }, 'resolve_dispute', 'operator', {
      resolution: { kind: 'refund_partial', refundCents: 100 },
    });
    expect(partial.patch.disputeResolution).toBe('refund_partial');
    const full = apply({ state: 'disputed', isPaid: true }, 'resolve_dispute', 'operator', {
      resolution: { kind: 'refund_full' },
    });
    expect(full.patch.disputeResolution).toBe('refund_full');
    expect(full.effects).toEqual([{ type: 'refund_payment', reason: 'dispute' }]);
    expect(
      apply({ state: 'disputed', isPaid: true }, 'auto_resolve_dispute', 'system').patch.disputeResolution,
    ).toBe('release');
    expect(apply({ state: 'paid', isPaid: true }, 'cancel', 'buyer').effects).toContainEqual({
      type: 'refund_payment',
      reason: 'cancellation',
    });
  });

  it('carries the captured payment of mark_paid to its ledger effect', () => {
    const payment = { paymentIntentId: 'pi_1', amountCents: 1500 };
    const r = apply({ state: 'payment_pending', isPaid: true }, 'mark_paid', 'system', { payment });
    expect(r.effects).toEqual([{ type: 'ledger_payment_captured', payment }]);
  });
});

describe('assertReceiptAgrees', () => {
  it('accepts 2 % either way and refuses beyond', () => {
    expect(() => assertReceiptAgrees(10_000, 10_200)).not.toThrow();
    expect(() => assertReceiptAgrees(10_000, 9_800)).not.toThrow();
    expect(() => assertReceiptAgrees(10_000, 10_201)).toThrow();
    expect(() => assertReceiptAgrees(null, 5)).not.toThrow();
  });
});
