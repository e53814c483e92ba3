import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from './payment-errors.ts';
import { signStripePayload } from './stripe-emulator.ts';
import { createStripeGateway } from './stripe-gateway.ts';

const SECRET = 'whsec_unit_test';
const NOW = new Date('2027-03-01T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

// Nothing listens on port 9 (discard): a call that slipped past validation would fail as `connection`.
const gateway = createStripeGateway({
  secretKey: 'sk_test_unit',
  webhookSecret: [SECRET, 'whsec_connect_endpoint'],
  host: '127.0.0.1',
  port: 9,
  protocol: 'http',
  maxNetworkRetries: 0,
  now: () => NOW,
});

const payload = JSON.stringify(
  {
    id: 'evt_1',
    object: 'event',
    type: 'account.updated',
    created: nowSeconds,
    livemode: false,
    data: {
      object: {
        id: 'acct_1',
        object: 'account',
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
      },
    },
  },
  null,
  2,
);

function failure(run: () => unknown): WebhookSignatureError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookSignatureError);
    return err as WebhookSignatureError;
  }
  throw new Error('expected a WebhookSignatureError');
}

describe('parseWebhook', () => {
  it('accepts a body signed like Stripe does, as a string or a Buffer, with any configured secret', () => {
    const header = signStripePayload(payload, SECRET, nowSeconds);
    expect(gateway.parseWebhook(payload, header)).toMatchObject({
      kind: 'account_updated',
      eventId: 'evt_1',
    });
    expect(gateway.parseWebhook(Buffer.from(payload), header).kind).toBe('account_updated');
    const connectHeader = signStripePayload(payload, 'whsec_connect_endpoint', nowSeconds);
    expect(gateway.parseWebhook(payload, connectHeader).kind).toBe('account_updated');
  });

  it('agrees with the SDK test signer', () => {
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      timestamp: nowSeconds,
    });
    expect(header).toBe(signStripePayload(payload, SECRET, nowSeconds));
  });

  it.each([
    ['missing header', () => gateway.parseWebhook(payload, undefined), 'missing_header'],
    ['empty header', () => gateway.parseWebhook(payload, ''), 'missing_header'],
    [
      'wrong secret',
      () => gateway.parseWebhook(payload, signStripePayload(payload, 'whsec_other', nowSeconds)),
      'bad_signature',
    ],
    [
      'tampered body',
      () =>
        gateway.parseWebhook(
          payload.replace('"charges_enabled": true', '"charges_enabled": false'),
          signStripePayload(payload, SECRET, nowSeconds),
        ),
      'bad_signature',
    ],
    [
      're-serialised body',
      () =>
        gateway.parseWebhook(
          JSON.stringify(JSON.parse(payload)),
          signStripePayload(payload, SECRET, nowSeconds),
        ),
      'bad_signature',
    ],
    ['garbage header', () => gateway.parseWebhook(payload, 'nonsense'), 'bad_signature'],
    [
      'stale by 301 s',
      () => gateway.parseWebhook(payload, signStripePayload(payload, SECRET, nowSeconds - 301)),
      'timestamp_outside_tolerance',
    ],
    [
      // The probe: a fresh t= first, then yesterday's t= and signature, which the SDK verifies.
      'replay with a fresh t= in front of a day-old signature',
      () => {
        const old = signStripePayload(payload, SECRET, nowSeconds - 86_400);
        return gateway.parseWebhook(payload, `t=${nowSeconds},${old}`);
      },
      'bad_signature',
    ],
    [
      'header with two t= even when both are fresh',
      () => {
        const fresh = signStripePayload(payload, SECRET, nowSeconds);
        return gateway.parseWebhook(payload, `t=${nowSeconds - 1},${fresh}`);
      },
      'bad_signature',
    ],
    [
      'day-old signature (checked by the SDK with the injected clock)',
      () => gateway.parseWebhook(payload, signStripePayload(payload, SECRET, nowSeconds - 86_400)),
      'timestamp_outside_tolerance',
    ],
    [
      'from the future by 301 s',
      () => gateway.parseWebhook(payload, signStripePayload(payload, SECRET, nowSeconds + 301)),
      'timestamp_outside_tolerance',
    ],
  ])('rejects a %s', (_name, run, reason) => {
    expect(failure(run).reason).toBe(reason);
  });

  it('accepts a signature just inside the tolerance, which is configurable', () => {
    expect(gateway.parseWebhook(payload, signStripePayload(payload, SECRET, nowSeconds - 300)).kind).toBe(
      'account_updated',
    );
    const strict = createStripeGateway({
      secretKey: 'sk_test_unit',
      webhookSecret: SECRET,
      webhookToleranceSeconds: 10,
      now: () => NOW,
    });
    expect(
      failure(() => strict.parseWebhook(payload, signStripePayload(payload, SECRET, nowSeconds - 11))).reason,
    ).toBe('timestamp_outside_tolerance');
  });
});

describe('input validation happens before any network call', () => {
  const expiresAt = new Date(NOW.getTime() + 3_600_000);
  const checkout = {
    tradeId: 't1',
    amountCents: 1000,
    description: 'Chutes de lin',
    successUrl: 'https://retaille.test/trades/t1?session={CHECKOUT_SESSION_ID}',
    cancelUrl: 'https://retaille.test/trades/t1',
    expiresAt,
  };
  it.each([
    ['a fractional amount', () => gateway.createCheckoutSession({ ...checkout, amountCents: 10.5 })],
    ['a negative amount', () => gateway.createCheckoutSession({ ...checkout, amountCents: -1 })],
    ['an empty description', () => gateway.createCheckoutSession({ ...checkout, description: ' ' })],
    [
      'a non-http cancel url',
      () => gateway.createCheckoutSession({ ...checkout, cancelUrl: 'javascript:alert(1)' }),
    ],
    [
      'a zero refund',
      () =>
        gateway.refund({
          tradeId: 't1',
          paymentIntentId: 'pi_1',
          amountCents: 0,
          reason: 'cancellation',
          refundSeq: 1,
        }),
    ],
    [
      'a refund sequence of 0',
      () =>
        gateway.refund({
          tradeId: 't1',
          paymentIntentId: 'pi_1',
          amountCents: 10,
          reason: 'cancellation',
          refundSeq: 0,
        }),
    ],
    [
      'a transfer of 0',
      () => gateway.transferToSeller({ tradeId: 't1', destinationAccountId: 'acct_1', amountCents: 0 }),
    ],
    [
      'an invalid email',
      () => gateway.createConnectedAccount({ siteId: 's1', email: 'nope', country: 'FR' }),
    ],
  ])('rejects %s', async (_name, run) => {
    await expect(run()).rejects.toMatchObject({ name: 'PaymentGatewayError', code: 'invalid_request' });
  });
});
