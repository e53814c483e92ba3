import { describe, expect, it } from 'vitest';
import { errorDetails } from '../testing/error-details.ts';
import {
  applyTransition,
  assertKnownVehicle,
  type TradeSnapshot,
  type TransitionName,
} from './trade-machine.ts';
import type { TradeActor } from './trade-states.ts';
import { DEFAULT_TRADE_TIMINGS } from './trade-timings.ts';

// The parameters a caller (a party's form, the payment webhook) hands to applyTransition: what is
// accepted, what is written to the trade, and the error the user sees otherwise.

const NOW = new Date('2026-03-02T09:00:00.000Z');
const apply = (trade: TradeSnapshot, name: TransitionName, actor: TradeActor, params?: unknown) =>
  applyTransition(trade, name, actor, NOW, { timings: DEFAULT_TRADE_TIMINGS, params } as never);

const PAID: TradeSnapshot = { state: 'paid', isPaid: true };
const HANDED_OVER: TradeSnapshot = { state: 'handed_over', isPaid: false };
const PAYMENT_PENDING: TradeSnapshot = { state: 'payment_pending', isPaid: true };

describe('hand_over: the vehicle', () => {
  it.each([
    ['no vehicle', {}],
    ['a null vehicle (a form left empty)', { vehicleKey: null }],
    ['an empty vehicle', { vehicleKey: '' }],
  ])('accepts %s and writes no vehicle to the trade', (_name, vehicle) => {
    const r = apply(PAID, 'hand_over', 'seller', { measuredKg: '2', ...vehicle });
    expect(r.patch).toStrictEqual({ state: 'handed_over', stateEnteredAt: NOW });
    expect(r.effects).toContainEqual({ type: 'record_handover_weight', grams: 2000 });
  });

  it('writes a known vehicle to the trade', () => {
    const r = apply(PAID, 'hand_over', 'seller', { measuredKg: '2', vehicleKey: 'van_diesel_avg_defra' });
    expect(r.patch).toStrictEqual({
      state: 'handed_over',
      stateEnteredAt: NOW,
      vehicleKey: 'van_diesel_avg_defra',
    });
  });

  it.each([
    ['a vehicle the impact method has no factor for', 'rocket'],
    ['a vehicle that is not text', 42],
  ])('refuses %s on the vehicle field', (_name, vehicleKey) => {
    const expected = {
      code: 'VALIDATION',
      key: 'validation.failed',
      fields: [{ path: 'vehicleKey', key: 'trade.vehicleUnknown' }],
    };
    expect(errorDetails(() => apply(PAID, 'hand_over', 'seller', { measuredKg: '2', vehicleKey }))).toEqual(
      expected,
    );
    expect(errorDetails(() => assertKnownVehicle(vehicleKey))).toEqual(expected);
  });

  it('lets the services check a vehicle alone, no vehicle being allowed', () => {
    for (const none of [undefined, null, '']) expect(() => assertKnownVehicle(none)).not.toThrow();
    expect(() => assertKnownVehicle('van_diesel_avg_defra')).not.toThrow();
  });
});

describe('confirm_receipt: the weight the buyer measured', () => {
  it.each([
    ['without a weight', {}],
    ['with a null weight (a form left empty)', { receiptGrams: null }],
  ])('stamps the receipt %s and writes no weight', (_name, params) => {
    expect(apply(HANDED_OVER, 'confirm_receipt', 'buyer', params).patch).toStrictEqual({
      state: 'received',
      stateEnteredAt: NOW,
      receivedAt: NOW,
    });
  });

  it('keeps a weight down to one gram', () => {
    expect(apply(HANDED_OVER, 'confirm_receipt', 'buyer', { receiptGrams: 1 }).patch.receiptGrams).toBe(1);
  });

  it.each([
    ['zero', 0],
    ['a negative weight', -5],
    ['a fraction of a gram', 12.5],
    ['not a number', Number.NaN],
    ['an infinite weight', Number.POSITIVE_INFINITY],
    ['text', '3900'],
  ])('refuses %s on the received weight field', (_name, receiptGrams) => {
    expect(errorDetails(() => apply(HANDED_OVER, 'confirm_receipt', 'buyer', { receiptGrams }))).toEqual({
      code: 'VALIDATION',
      key: 'weight.notPositive',
      fields: [{ path: 'receivedKg', key: 'weight.notPositive' }],
    });
  });
});

describe('mark_paid: the captured payment from the webhook', () => {
  it('records a payment without details as captured, with no amount', () => {
    expect(apply(PAYMENT_PENDING, 'mark_paid', 'system').effects).toEqual([
      { type: 'ledger_payment_captured' },
    ]);
  });

  it('carries a well-formed payment, whatever its amount', () => {
    const payment = { paymentIntentId: 'pi_0', amountCents: 0 };
    expect(apply(PAYMENT_PENDING, 'mark_paid', 'system', { payment }).effects).toEqual([
      { type: 'ledger_payment_captured', payment },
    ]);
  });

  it.each([
    ['null', null],
    ['a bare id', 'pi_1'],
    ['no payment intent', { amountCents: 1500 }],
    ['a payment intent that is not text', { paymentIntentId: 7, amountCents: 1500 }],
    ['no amount', { paymentIntentId: 'pi_1' }],
    ['a fractional amount', { paymentIntentId: 'pi_1', amountCents: 15.5 }],
    ['a negative amount', { paymentIntentId: 'pi_1', amountCents: -1 }],
  ])('refuses a payment with %s rather than write it to the ledger', (_name, payment) => {
    expect(() => apply(PAYMENT_PENDING, 'mark_paid', 'system', { payment })).toThrow(
      new Error('mark_paid: malformed payment'),
    );
  });
});

describe('follow-ups', () => {
  it('only notify after a transition that moves no quantity', () => {
    expect(apply({ state: 'initial', isPaid: false }, 'request', 'buyer').followUps).toEqual([
      { type: 'notify', event: 'request' },
    ]);
  });
});
