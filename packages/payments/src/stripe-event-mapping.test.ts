import { describe, expect, it } from 'vitest';
import { PaymentGatewayError } from './payment-errors.ts';
import { toPaymentEvent } from './stripe-event-mapping.ts';

const envelope = (type: string, object: Record<string, unknown>) => ({
  id: 'evt_1',
  object: 'event',
  type,
  created: 1_800_000_000,
  livemode: false,
  data: { object },
});

const session = (over: Record<string, unknown> = {}) => ({
  id: 'cs_test_1',
  object: 'checkout.session',
  amount_total: 2500,
  payment_intent: 'pi_1',
  payment_status: 'paid',
  client_reference_id: 'trade-1',
  metadata: { tradeId: 'trade-1' },
  ...over,
});

const base = { eventId: 'evt_1', created: 1_800_000_000, livemode: false };

describe('toPaymentEvent', () => {
  it.each([
    [
      'checkout.session.completed',
      session(),
      {
        kind: 'checkout_completed',
        tradeId: 'trade-1',
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_1',
        amountCents: 2500,
        paymentStatus: 'paid',
      },
    ],
    [
      'checkout.session.completed',
      session({ payment_intent: { id: 'pi_2' }, metadata: {}, client_reference_id: 'trade-2' }),
      { kind: 'checkout_completed', tradeId: 'trade-2', paymentIntentId: 'pi_2' },
    ],
    [
      'checkout.session.async_payment_succeeded',
      session(),
      { kind: 'checkout_completed', tradeId: 'trade-1', paymentStatus: 'paid' },
    ],
    [
      'checkout.session.expired',
      session({ payment_intent: null, payment_status: 'unpaid' }),
      { kind: 'checkout_expired', tradeId: 'trade-1', sessionId: 'cs_test_1' },
    ],
    [
      'checkout.session.completed',
      session({ metadata: {}, client_reference_id: null }),
      { kind: 'unknown', type: 'checkout.session.completed' },
    ],
    [
      'charge.refunded',
      {
        id: 'ch_1',
        object: 'charge',
        amount_captured: 2500,
        amount_refunded: 1000,
        refunded: false,
        payment_intent: 'pi_1',
        transfer_group: 'trade-1',
        metadata: {},
      },
      {
        kind: 'payment_refunded',
        tradeId: 'trade-1',
        paymentIntentId: 'pi_1',
        chargeId: 'ch_1',
        amountRefundedCents: 1000,
        amountCapturedCents: 2500,
        fullyRefunded: false,
      },
    ],
    [
      'account.updated',
      {
        id: 'acct_1',
        object: 'account',
        charges_enabled: true,
        payouts_enabled: false,
        details_submitted: true,
      },
      {
        kind: 'account_updated',
        accountId: 'acct_1',
        chargesEnabled: true,
        payoutsEnabled: false,
        detailsSubmitted: true,
      },
    ],
    ['payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }, { kind: 'unknown' }],
  ])('%s → %o', (type, object, expected) => {
    expect(toPaymentEvent(envelope(type, object))).toMatchObject({ ...base, type, ...expected });
  });

  it.each([
    ['checkout.session.completed', session({ amount_total: '25' })],
    ['checkout.session.completed', session({ payment_intent: null })],
    ['account.updated', { id: 'acct_1', object: 'account' }],
  ])('throws on a %s with an unexpected shape', (type, object) => {
    expect(() => toPaymentEvent(envelope(type, object))).toThrow(PaymentGatewayError);
  });

  it('rejects something that is not an event', () => {
    expect(() => toPaymentEvent({ id: 'x' })).toThrow(PaymentGatewayError);
  });
});
