import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from './payment-errors.ts';
import { toPaymentEvent } from './stripe-event-mapping.ts';

const TRADE_1 = '0b5c8a52-2f43-4c39-9d1e-6f0c2b7a9e11';
const TRADE_2 = '7d2e4f60-9a1b-4c3d-8e5f-1a2b3c4d5e6f';

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
  client_reference_id: TRADE_1,
  metadata: { tradeId: TRADE_1 },
  ...over,
});

const base = { eventId: 'evt_1', created: 1_800_000_000, livemode: false };

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return e instanceof WebhookSignatureError ? e.reason : `not a WebhookSignatureError: ${String(e)}`;
  }
  return 'no error';
}

describe('toPaymentEvent', () => {
  it.each([
    [
      'checkout.session.completed',
      session(),
      {
        kind: 'checkout_completed',
        tradeId: TRADE_1,
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_1',
        amountCents: 2500,
        paymentStatus: 'paid',
      },
    ],
    [
      'checkout.session.completed',
      session({ payment_intent: { id: 'pi_2' }, metadata: {}, client_reference_id: TRADE_2 }),
      { kind: 'checkout_completed', tradeId: TRADE_2, paymentIntentId: 'pi_2' },
    ],
    [
      'checkout.session.async_payment_succeeded',
      session(),
      { kind: 'checkout_completed', tradeId: TRADE_1, paymentStatus: 'paid' },
    ],
    [
      'checkout.session.expired',
      session({ payment_intent: null, payment_status: 'unpaid' }),
      { kind: 'checkout_expired', tradeId: TRADE_1, sessionId: 'cs_test_1' },
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
        transfer_group: TRADE_1,
        metadata: {},
      },
      {
        kind: 'payment_refunded',
        tradeId: TRADE_1,
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
    // The probe's payloads: a tradeId that is not a uuid would reach a uuid column (500).
    ['checkout.session.completed', session({ metadata: { tradeId: "x' OR 1=1" } })],
    ['checkout.session.expired', session({ metadata: { tradeId: 'trade-1' } })],
    ['charge.refunded', { id: 'ch_1', object: 'charge', metadata: { tradeId: 'not-a-uuid' } }],
    [
      'charge.refunded',
      {
        id: 'ch_1',
        object: 'charge',
        amount_captured: 2500,
        amount_refunded: 1000,
        refunded: false,
        payment_intent: 'pi_1',
        metadata: { tradeId: '0b5c8a52-2f43-4c39-9d1e-6f0c2b7a9e1' },
      },
    ],
    ['checkout.session.completed', session({ id: 'cs\u0000' })],
    ['checkout.session.completed', 'not an object'],
  ])('refuses a %s with an unexpected shape as a malformed payload', (type, object) => {
    expect(reasonOf(() => toPaymentEvent(envelope(type, object as never)))).toBe('malformed_payload');
  });

  it.each([
    [{ id: 'x' }],
    [{ ...envelope('account.updated', {}), id: '1234' }],
    [{ ...envelope('account.updated', {}), id: 'evt_\u0000' }],
    [{ ...envelope('account.updated', {}), type: 'account.updated\u0000' }],
    [{ ...envelope('account.updated', {}), created: 'yesterday' }],
    [null],
  ])('refuses an envelope that is not a Stripe event: %o', (raw) => {
    expect(reasonOf(() => toPaymentEvent(raw))).toBe('malformed_payload');
  });

  it('ignores a client_reference_id that is not one of our trade ids', () => {
    expect(
      toPaymentEvent(
        envelope('checkout.session.completed', session({ metadata: {}, client_reference_id: 'order-42' })),
      ).kind,
    ).toBe('unknown');
  });
});
