import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWebhookSignatureError, PaymentGatewayError, WebhookSignatureError } from './payment-errors.ts';
import type {
  CreateCheckoutSessionInput,
  PaymentEvent,
  PaymentGateway,
  WebhookEndpoint,
} from './payment-gateway.ts';
import { type StripeEmulator, signStripePayload, startStripeEmulator } from './stripe-emulator.ts';
import type { ChargeObject, PaymentIntentObject, TransferObject } from './stripe-emulator-state.ts';
import { createStripeGateway } from './stripe-gateway.ts';

const WEBHOOK_SECRET = 'whsec_int_test_secret';
const CONNECT_WEBHOOK_SECRET = 'whsec_int_test_connect_secret';

interface Received {
  status: number;
  event?: PaymentEvent;
  rejected?: string;
}

/** Stands in for the server's webhook route: verify on the raw body, answer 400 on a bad signature. */
async function startReceiver(gateway: PaymentGateway, endpoint: WebhookEndpoint = 'platform') {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let r: Received;
      if (failures > 0) {
        failures--;
        r = { status: 500 };
      } else {
        try {
          r = {
            status: 200,
            event: gateway.parseWebhook(
              Buffer.concat(chunks),
              req.headers['stripe-signature'] as string,
              endpoint,
            ),
          };
        } catch (err) {
          if (!isWebhookSignatureError(err)) throw err;
          r = { status: 400, rejected: err.reason };
        }
      }
      received.push(r);
      res.writeHead(r.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    events: () => received.flatMap((r) => (r.event === undefined ? [] : [r.event])),
    failNext(n: number) {
      failures = n;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let emulator: StripeEmulator;
let gateway: PaymentGateway;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** Stands in for the Connect endpoint: account events arrive there only. */
let connectReceiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  emulator = await startStripeEmulator({
    webhookSecret: WEBHOOK_SECRET,
    connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
    webhookRetryDelayMs: 10,
  });
  gateway = createStripeGateway({
    secretKey: emulator.secretKey,
    webhookSecret: WEBHOOK_SECRET,
    connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
    ...emulator.clientOptions,
  });
  receiver = await startReceiver(gateway);
  connectReceiver = await startReceiver(gateway, 'connect');
  emulator.setWebhookUrl(receiver.url);
  emulator.setConnectWebhookUrl(connectReceiver.url);
});

afterAll(async () => {
  await emulator?.stop();
  await receiver?.stop();
  await connectReceiver?.stop();
});

const inOneHour = () => new Date(Date.now() + 3_600_000);

function checkoutInput(over: Partial<CreateCheckoutSessionInput> = {}): CreateCheckoutSessionInput {
  const tradeId = over.tradeId ?? randomUUID();
  return {
    tradeId,
    amountCents: 2350,
    description: 'Chutes de lin lavé, 4 kg',
    successUrl: `https://retaille.test/trades/${tradeId}/paid?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `https://retaille.test/trades/${tradeId}`,
    customerEmail: 'atelier@example.fr',
    expiresAt: inOneHour(),
    ...over,
  };
}

async function paidTrade(amountCents = 1000) {
  const input = checkoutInput({ amountCents });
  const { sessionId } = await gateway.createCheckoutSession(input);
  await emulator.payCheckoutSession(sessionId);
  const state = await gateway.getCheckoutSession(sessionId);
  return { tradeId: input.tradeId, sessionId, paymentIntentId: state.paymentIntentId as string };
}

async function onboardedAccount() {
  const { accountId } = await gateway.createConnectedAccount({
    siteId: `site-${randomUUID()}`,
    country: 'FR',
  });
  await emulator.completeOnboarding(accountId);
  return accountId;
}

async function gatewayError(promise: Promise<unknown>): Promise<PaymentGatewayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaymentGatewayError);
  return err as PaymentGatewayError;
}

function api(
  path: string,
  init: { method?: string; body?: string; key?: string | null; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? emulator.secretKey}`;
  if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey;
  return fetch(`${emulator.url}${path}`, { method: init.method ?? 'POST', headers, body: init.body ?? null });
}

describe('Connect onboarding', () => {
  it('creates an Express account once per site and enables it when the seller visits the link', async () => {
    const siteId = `site-${randomUUID()}`;
    const { accountId } = await gateway.createConnectedAccount({
      siteId,
      email: 'vendeur@example.fr',
      country: 'FR',
    });
    expect(accountId).toMatch(/^acct_/);
    expect(
      await gateway.createConnectedAccount({ siteId, email: 'vendeur@example.fr', country: 'FR' }),
    ).toEqual({
      accountId,
    });
    expect(await gateway.getAccountStatus(accountId)).toEqual({
      transfersActive: false,
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: false,
    });
    // Only `transfers` is requested: the platform charges, the seller receives transfers.
    expect(emulator.find(accountId)).toMatchObject({ capabilities: { transfers: 'inactive' } });
    expect(Object.keys((emulator.find(accountId) as { capabilities: object }).capabilities)).toEqual([
      'transfers',
    ]);

    const refreshUrl = 'https://retaille.test/sites/onboarding/refresh';
    const returnUrl = 'https://retaille.test/sites/onboarding/done';
    const { url } = await gateway.createAccountLink({ accountId, refreshUrl, returnUrl });
    const visit = await fetch(url, { redirect: 'manual' });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe(returnUrl);
    await emulator.idle();

    // charges_enabled stays false without card_payments; transfers went pending, then active.
    expect(await gateway.getAccountStatus(accountId)).toEqual({
      transfersActive: true,
      chargesEnabled: false,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
    const updates = emulator.events.filter((e) => e.type === 'account.updated' && e.account === accountId);
    expect(updates.map((e) => (e.data.object as { capabilities: object }).capabilities)).toEqual([
      { transfers: 'pending' },
      { transfers: 'active' },
    ]);
    expect(
      connectReceiver.events().filter((e) => e.kind === 'account_updated' && e.accountId === accountId),
    ).toEqual([
      expect.objectContaining({ type: 'account.updated', detailsSubmitted: true, payoutsEnabled: false }),
      expect.objectContaining({ type: 'account.updated', payoutsEnabled: true }),
    ]);
    // Connect events never reach the platform endpoint.
    expect(receiver.events().filter((e) => e.kind === 'account_updated')).toEqual([]);

    const again = await fetch(url, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe(refreshUrl);
  });
});

describe('hosted checkout', () => {
  it('a buyer pays on the page; the platform receives one verified checkout.session.completed', async () => {
    const input = checkoutInput();
    const { sessionId, url } = await gateway.createCheckoutSession(input);
    expect(sessionId).toMatch(/^cs_test_/);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Simulation Stripe — aucun paiement réel');
    expect(html).toContain('23,50');
    expect(html).toMatch(/<label for="email">/);
    expect(html).toMatch(/<button type="submit" name="action" value="pay">Payer \/ Pay<\/button>/);
    expect(html).toMatch(/<button type="submit" name="action" value="decline">Refuser \/ Decline<\/button>/);
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBeDefined();

    const submit = () =>
      fetch(new URL(action as string, url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'atelier@example.fr', action: 'pay' }).toString(),
        redirect: 'manual',
      });
    const paid = await submit();
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      `https://retaille.test/trades/${input.tradeId}/paid?session=${sessionId}`,
    );
    await emulator.idle();

    const completed = () =>
      receiver.events().filter((e) => e.kind === 'checkout_completed' && e.tradeId === input.tradeId);
    expect(completed()).toEqual([
      expect.objectContaining({
        type: 'checkout.session.completed',
        sessionId,
        amountCents: 2350,
        paymentStatus: 'paid',
        paymentIntentId: expect.stringMatching(/^pi_/),
        eventId: expect.stringMatching(/^evt_/),
      }),
    ]);
    const state = await gateway.getCheckoutSession(sessionId);
    expect(state).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      tradeId: input.tradeId,
      amountCents: 2350,
    });
    const intent = emulator.find(state.paymentIntentId as string) as PaymentIntentObject;
    expect(intent).toMatchObject({ transfer_group: input.tradeId, metadata: { tradeId: input.tradeId } });

    // Paying twice changes nothing and sends nothing.
    const twice = await submit();
    expect(twice.headers.get('location')).toBe(paid.headers.get('location'));
    await emulator.idle();
    expect(completed()).toHaveLength(1);

    // Cancelling after the buyer paid is reported, not hidden.
    expect(await gateway.expireCheckoutSession(sessionId)).toEqual({
      status: 'complete',
      paymentIntentId: state.paymentIntentId,
      amountCents: 2350,
    });
  });

  it('declining leaves the session open; expiring it sends checkout.session.expired, once', async () => {
    const input = checkoutInput();
    const { sessionId, url } = await gateway.createCheckoutSession(input);
    const declined = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=decline',
      redirect: 'manual',
    });
    expect(declined.status).toBe(303);
    expect(declined.headers.get('location')).toBe(input.cancelUrl);
    expect((await gateway.getCheckoutSession(sessionId)).status).toBe('open');

    expect(await gateway.expireCheckoutSession(sessionId)).toEqual({ status: 'expired' });
    expect(await gateway.expireCheckoutSession(sessionId)).toEqual({ status: 'expired' });
    await emulator.idle();
    expect(
      receiver.events().filter((e) => e.kind === 'checkout_expired' && e.sessionId === sessionId),
    ).toEqual([expect.objectContaining({ tradeId: input.tradeId, type: 'checkout.session.expired' })]);
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Simulation Stripe — aucun paiement réel');
  });

  it('rejects what Stripe rejects', async () => {
    expect(
      await gatewayError(gateway.createCheckoutSession(checkoutInput({ amountCents: 49 }))),
    ).toMatchObject({
      code: 'amount_too_small',
      stripeCode: 'amount_too_small',
      statusCode: 400,
    });
    // Stripe's window for expires_at, counted from the session's creation: 30 min to 24 h.
    const created = Math.floor(Date.now() / 1000);
    const form = (expiresAt: number, amount = 2350) =>
      [
        'mode=payment',
        'success_url=https://retaille.test/ok',
        'line_items[0][quantity]=1',
        'line_items[0][price_data][currency]=eur',
        `line_items[0][price_data][unit_amount]=${amount}`,
        'line_items[0][price_data][product_data][name]=Lot',
        `expires_at=${expiresAt}`,
      ].join('&');
    for (const expiresAt of [created + 29 * 60, created + 24 * 3600 + 60]) {
      const res = await api('/v1/checkout/sessions', { body: form(expiresAt) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { param: 'expires_at' } });
    }
    const small = await api('/v1/checkout/sessions', { body: form(created + 3600, 49) });
    expect(await small.json()).toMatchObject({ error: { code: 'amount_too_small' } });
    expect(await gatewayError(gateway.getCheckoutSession('cs_test_missing'))).toMatchObject({
      code: 'not_found',
      statusCode: 404,
    });
    expect(await gatewayError(gateway.getAccountStatus('acct_missing'))).toMatchObject({ code: 'not_found' });
  });
});

describe('Checkout expiry counted from the session itself', () => {
  it('a late retry whose deadline is 10 minutes away still gets a session Stripe accepts, open 30+ minutes', async () => {
    const deadline = new Date(Date.now() + 10 * 60_000);
    const { sessionId } = await gateway.createCheckoutSession(checkoutInput({ expiresAt: deadline }));
    const session = emulator.find(sessionId) as { created: number; expires_at: number };
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
    expect(session.expires_at - session.created).toBeLessThan(35 * 60);
  });

  it('a deadline more than 24 h away is cut to what Stripe accepts', async () => {
    const deadline = new Date(Date.now() + 25 * 3_600_000);
    const { sessionId } = await gateway.createCheckoutSession(checkoutInput({ expiresAt: deadline }));
    const session = emulator.find(sessionId) as { created: number; expires_at: number };
    expect(session.expires_at - session.created).toBeLessThanOrEqual(24 * 3600);
  });
});

describe('idempotency', () => {
  it('gives the same session for the same trade, and refuses the same key with other parameters', async () => {
    const input = checkoutInput();
    const first = await gateway.createCheckoutSession(input);
    expect(await gateway.createCheckoutSession(input)).toEqual(first);
    expect(await gatewayError(gateway.createCheckoutSession({ ...input, amountCents: 9999 }))).toMatchObject({
      code: 'idempotency_conflict',
      statusCode: 400,
    });
    const retry = await gateway.createCheckoutSession({ ...input, attempt: 2 });
    expect(retry.sessionId).not.toBe(first.sessionId);
  });

  it('replays the stored response with Idempotent-Replayed, and does not store rejected parameters', async () => {
    const key = `account:raw-${randomUUID()}`;
    const body = 'type=express&country=FR&capabilities[transfers][requested]=true';
    const rejected = await api('/v1/accounts', { body: `${body}&colour=blue`, idempotencyKey: key });
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'parameter_unknown', param: 'colour' },
    });

    const a = await api('/v1/accounts', { body, idempotencyKey: key });
    const b = await api('/v1/accounts', { body, idempotencyKey: key });
    expect(a.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { id: string; object: string }[];
    expect(ja).toMatchObject({ object: 'account', id: expect.stringMatching(/^acct_/) });
    expect(jb).toEqual(ja);

    const conflict = await api('/v1/accounts', { body: `${body}&email=x@example.fr`, idempotencyKey: key });
    expect(conflict.status).toBe(400);
    expect(await conflict.json()).toMatchObject({ error: { type: 'idempotency_error' } });
  });
});

describe('refunds', () => {
  it('refunds partially, then fully, then refuses to refund more than was paid', async () => {
    const { tradeId, paymentIntentId } = await paidTrade(1000);
    const refund = (amountCents: number, refundSeq: number) =>
      gateway.refund({ tradeId, paymentIntentId, amountCents, reason: 'weight_difference', refundSeq });

    const first = await refund(300, 1);
    expect(first.refundId).toMatch(/^re_/);
    expect(await refund(300, 1)).toEqual(first);
    expect(await gatewayError(refund(250, 1))).toMatchObject({ code: 'idempotency_conflict' });
    expect(await gatewayError(refund(800, 2))).toMatchObject({
      code: 'refund_exceeds_payment',
      stripeCode: 'amount_too_large',
    });
    await refund(700, 3);
    expect(await gatewayError(refund(1, 4))).toMatchObject({
      code: 'refund_exceeds_payment',
      stripeCode: 'charge_already_refunded',
    });

    await emulator.idle();
    const refunds = receiver.events().filter((e) => e.kind === 'payment_refunded' && e.tradeId === tradeId);
    expect(refunds).toEqual([
      expect.objectContaining({
        paymentIntentId,
        amountRefundedCents: 300,
        amountCapturedCents: 1000,
        fullyRefunded: false,
      }),
      expect.objectContaining({ paymentIntentId, amountRefundedCents: 1000, fullyRefunded: true }),
    ]);
  });
});

describe('transfers', () => {
  it('refuses a seller who has not finished onboarding, then pays one who has, once', async () => {
    const { tradeId, paymentIntentId } = await paidTrade(2000);
    const { accountId } = await gateway.createConnectedAccount({
      siteId: `site-${randomUUID()}`,
      country: 'FR',
    });
    const transfer = () =>
      gateway.transferToSeller({
        tradeId,
        destinationAccountId: accountId,
        amountCents: 1800,
        sourcePaymentIntentId: paymentIntentId,
      });

    expect(await gatewayError(transfer())).toMatchObject({ code: 'destination_not_ready' });
    await emulator.completeOnboarding(accountId);
    const { transferId } = await transfer();
    expect(transferId).toMatch(/^tr_/);
    expect(await transfer()).toEqual({ transferId });

    const charge = emulator.find(
      (emulator.find(paymentIntentId) as PaymentIntentObject).latest_charge as string,
    );
    expect(emulator.find(transferId) as TransferObject).toMatchObject({
      amount: 1800,
      destination: accountId,
      transfer_group: tradeId,
      source_transaction: (charge as ChargeObject).id,
      metadata: { tradeId },
    });
  });

  it('Stripe refuses the transfer itself when the account cannot receive it', async () => {
    const { tradeId } = await paidTrade(1000);
    const { accountId } = await gateway.createConnectedAccount({
      siteId: `site-${randomUUID()}`,
      country: 'FR',
    });
    const res = await api('/v1/transfers', {
      body: `amount=100&currency=eur&destination=${accountId}&transfer_group=${tradeId}`,
      idempotencyKey: `transfer:${tradeId}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        code: 'insufficient_capabilities_for_transfer',
        param: 'destination',
      },
    });
  });

  it('the platform removes `transfers` (POST /v1/accounts/:id): the transfer fails as at Stripe; requested again, it pays', async () => {
    const { tradeId, paymentIntentId } = await paidTrade(1500);
    const accountId = await onboardedAccount();
    const mark = emulator.events.length;
    const remove = await api(`/v1/accounts/${accountId}`, {
      body: 'capabilities[transfers][requested]=false&metadata[reason]=kyc',
    });
    expect(remove.status).toBe(200);
    const removed = (await remove.json()) as { capabilities: Record<string, string>; metadata: object };
    expect(removed.capabilities).toEqual({});
    // Metadata is merged into what the account had (its siteId stays).
    expect(removed.metadata).toEqual({ siteId: expect.any(String), reason: 'kyc' });
    // The Connect endpoint hears of it, with what changed.
    const update = emulator.events.slice(mark).find((e) => e.type === 'account.updated');
    expect(update).toMatchObject({
      account: accountId,
      data: { previous_attributes: { capabilities: { transfers: 'active' } } },
    });
    expect((await gateway.getAccountStatus(accountId)).transfersActive).toBe(false);

    const raw = await api('/v1/transfers', {
      body: `amount=100&currency=eur&destination=${accountId}&transfer_group=${tradeId}`,
      idempotencyKey: `raw:${tradeId}`,
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'insufficient_capabilities_for_transfer',
        param: 'destination',
        doc_url: 'https://stripe.com/docs/error-codes/insufficient-capabilities-for-transfer',
        message:
          'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      },
    });
    const transfer = () =>
      gateway.transferToSeller({
        tradeId,
        destinationAccountId: accountId,
        amountCents: 1400,
        sourcePaymentIntentId: paymentIntentId,
      });
    expect(await gatewayError(transfer())).toMatchObject({ code: 'destination_not_ready' });

    // Unknown parameters and an unknown account are refused, nothing moves.
    const unknown = await api(`/v1/accounts/${accountId}`, {
      body: 'capabilities[transfers][requested]=true&type=custom',
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { param: string } }).error.param).toBe('type');
    expect(emulator.find(accountId)).toMatchObject({ capabilities: {} });
    expect(
      (await api('/v1/accounts/acct_missing', { body: 'capabilities[transfers][requested]=true' })).status,
    ).toBe(404);

    // Requested again on a verified account: pending, then active (two account.updated).
    const back = emulator.events.length;
    const restore = await api(`/v1/accounts/${accountId}`, {
      body: 'capabilities[transfers][requested]=true&metadata[reason]=',
    });
    expect(restore.status).toBe(200);
    expect(await restore.json()).toMatchObject({ capabilities: { transfers: 'active' } });
    expect(emulator.find(accountId)).toHaveProperty('metadata', { siteId: expect.any(String) });
    expect(
      emulator.events
        .slice(back)
        .filter((e) => e.type === 'account.updated')
        .map((e) => (e.data.object as { capabilities: Record<string, string> }).capabilities.transfers),
    ).toEqual(['pending', 'active']);
    expect((await transfer()).transferId).toMatch(/^tr_/);
  });

  it('cannot take more from a payment than it brought in; a refused key stays refused; nor pay an unknown account', async () => {
    const { tradeId, paymentIntentId } = await paidTrade(1000);
    const accountId = await onboardedAccount();
    const transfer = (amountCents: number, attempt?: number) =>
      gateway.transferToSeller({
        tradeId,
        destinationAccountId: accountId,
        amountCents,
        sourcePaymentIntentId: paymentIntentId,
        attempt,
      });
    expect(await gatewayError(transfer(1001))).toMatchObject({
      code: 'invalid_request',
      stripeCode: 'amount_too_large',
    });
    // As at Stripe, the refusal is stored under the key: replayed for the same parameters, a conflict for others.
    expect(await gatewayError(transfer(1001))).toMatchObject({ stripeCode: 'amount_too_large' });
    expect(await gatewayError(transfer(1000))).toMatchObject({ code: 'idempotency_conflict' });
    expect((await transfer(1000, 2)).transferId).toMatch(/^tr_/);
    expect(
      await gatewayError(
        gateway.transferToSeller({
          tradeId: `trade-${randomUUID()}`,
          destinationAccountId: 'acct_missing',
          amountCents: 10,
        }),
      ),
    ).toMatchObject({ code: 'not_found' });
  });
});

describe('webhook signatures', () => {
  it('a bad signature or a stale timestamp is a WebhookSignatureError, and the receiver answers 400', async () => {
    const { accountId } = await gateway.createConnectedAccount({
      siteId: `site-${randomUUID()}`,
      country: 'FR',
    });
    await emulator.completeOnboarding(accountId);
    const event = emulator.events.findLast((e) => e.type === 'account.updated' && e.account === accountId);
    expect(event).toBeDefined();
    const eventId = (event as { id: string }).id;
    const payload = emulator.payloadOf(eventId);

    const unix = (d: Date) => Math.floor(d.getTime() / 1000);
    const connectHeader = (at = new Date()) => signStripePayload(payload, CONNECT_WEBHOOK_SECRET, unix(at));
    expect(gateway.parseWebhook(payload, connectHeader(), 'connect')).toMatchObject({
      kind: 'account_updated',
      eventId,
    });
    const stale = new Date(Date.now() - 10 * 60_000);
    expect(() => gateway.parseWebhook(payload, connectHeader(stale), 'connect')).toThrow(
      WebhookSignatureError,
    );
    expect(() => gateway.parseWebhook(`${payload} `, connectHeader(), 'connect')).toThrow(
      WebhookSignatureError,
    );

    const [bad] = await emulator.deliver(eventId, { signature: 'invalid' });
    const [old] = await emulator.deliver(eventId, { timestamp: stale });
    const [otherEndpoint] = await emulator.deliver(eventId, { signature: 'other_endpoint' });
    expect([bad?.status, old?.status, otherEndpoint?.status]).toEqual([400, 400, 400]);
    expect(connectReceiver.received.slice(-3).map((r) => r.rejected)).toEqual([
      'bad_signature',
      'timestamp_outside_tolerance',
      'bad_signature',
    ]);
  });
});

describe('webhook delivery', () => {
  it('redelivers the same event 20 times, in sequence or all at once: deduplication is the receiver’s job', async () => {
    const { sessionId } = await paidTrade();
    const event = emulator.events.find(
      (e) => e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === sessionId,
    );
    const eventId = (event as { id: string }).id;
    const count = () => receiver.events().filter((e) => e.eventId === eventId).length;
    const before = count();

    const sequential = await emulator.deliver(eventId, { times: 20 });
    expect(sequential.map((d) => d.status)).toEqual(Array(20).fill(200));
    expect(count()).toBe(before + 20);

    const concurrent = await emulator.deliver(eventId, { times: 20, concurrent: true });
    expect(concurrent.every((d) => d.ok)).toBe(true);
    expect(count()).toBe(before + 40);
  });

  it('delivers recorded events in any order', async () => {
    emulator.setAutoDelivery(false);
    try {
      const from = emulator.events.length;
      const { tradeId, paymentIntentId } = await paidTrade(1500);
      await gateway.refund({
        tradeId,
        paymentIntentId,
        amountCents: 1500,
        reason: 'cancellation',
        refundSeq: 1,
      });
      const recorded = emulator.events.slice(from).map((e) => e.id);
      expect(emulator.events.slice(from).map((e) => e.type)).toEqual([
        'charge.succeeded',
        'payment_intent.succeeded',
        'checkout.session.completed',
        'refund.created',
        'charge.refunded',
      ]);
      const seen = receiver.received.length;
      await emulator.deliverInOrder([...recorded].reverse());
      const kinds = receiver.received.slice(seen).map((r) => r.event?.kind);
      expect(kinds).toEqual(['payment_refunded', 'unknown', 'checkout_completed', 'unknown', 'unknown']);
    } finally {
      emulator.setAutoDelivery(true);
    }
  });

  it('retries a failing endpoint, a bounded number of times', async () => {
    const recovering = await gateway.createConnectedAccount({
      siteId: `site-${randomUUID()}`,
      country: 'FR',
    });
    connectReceiver.failNext(2);
    await emulator.completeOnboarding(recovering.accountId);
    await emulator.idle();
    const attemptsFor = (accountId: string) => {
      const event = emulator.events.find((e) => e.type === 'account.updated' && e.account === accountId);
      return emulator.deliveries.filter((d) => d.eventId === event?.id).map((d) => [d.attempt, d.status]);
    };
    expect(attemptsFor(recovering.accountId)).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);

    const down = await gateway.createConnectedAccount({ siteId: `site-${randomUUID()}`, country: 'FR' });
    connectReceiver.failNext(10);
    await emulator.completeOnboarding(down.accountId);
    await emulator.idle();
    connectReceiver.failNext(0);
    expect(attemptsFor(down.accountId)).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
  });
});

describe('restart with a state file', () => {
  it('keeps sessions, payments, accounts and idempotent replays on the same port, and sends the webhooks the stopped process could not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retaille-emulator-'));
    const stateFile = join(dir, 'stripe-emulator.json');
    // A webhook endpoint that never answers: the first process stops with its deliveries pending.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const common = {
      webhookSecret: WEBHOOK_SECRET,
      connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
      secretKey: 'sk_test_emulator_restart',
      stateFile,
      webhookTimeoutMs: 300,
      redirectWaitMs: 10,
    };
    const first = await startStripeEmulator({
      ...common,
      webhookUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`,
    });
    const gatewayOf = (e: StripeEmulator) =>
      createStripeGateway({
        secretKey: e.secretKey,
        webhookSecret: WEBHOOK_SECRET,
        connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
        ...e.clientOptions,
        maxNetworkRetries: 0,
      });
    const before = gatewayOf(first);
    const input = checkoutInput({ amountCents: 1500 });
    const { sessionId, url } = await before.createCheckoutSession(input);
    const { accountId } = await before.createConnectedAccount({
      siteId: `site-${randomUUID()}`,
      country: 'FR',
    });
    await first.completeOnboarding(accountId);
    await first.payCheckoutSession(sessionId);
    const paymentIntentId = (await before.getCheckoutSession(sessionId)).paymentIntentId as string;
    const transferInput = {
      tradeId: input.tradeId,
      destinationAccountId: accountId,
      amountCents: 1000,
      sourcePaymentIntentId: paymentIntentId,
    };
    const { transferId } = await before.transferToSeller(transferInput);
    await first.stop();
    silent.closeAllConnections();
    silent.close();

    const second = await startStripeEmulator({ ...common, port: first.port });
    try {
      const after = gatewayOf(second);
      const hooks = await startReceiver(after);
      second.setWebhookUrl(hooks.url);
      await second.idle();
      expect(hooks.events()).toContainEqual(
        expect.objectContaining({ kind: 'checkout_completed', sessionId, tradeId: input.tradeId }),
      );
      await hooks.stop();

      expect(second.url).toBe(first.url);
      expect((await fetch(url)).status).toBe(200);
      expect(await after.getCheckoutSession(sessionId)).toMatchObject({
        status: 'complete',
        paymentIntentId,
      });
      expect(await after.getAccountStatus(accountId)).toMatchObject({ transfersActive: true });
      // The same idempotency key replays the transfer made before the restart: no second payout.
      expect(await after.transferToSeller(transferInput)).toEqual({ transferId });
      await after.refund({
        tradeId: input.tradeId,
        paymentIntentId,
        amountCents: 500,
        reason: 'weight_difference',
        refundSeq: 1,
      });
      expect(second.platformBalanceCents).toBe(0);
      expect(
        await gatewayError(
          after.refund({
            tradeId: input.tradeId,
            paymentIntentId,
            amountCents: 1001,
            reason: 'dispute',
            refundSeq: 2,
          }),
        ),
      ).toMatchObject({ code: 'refund_exceeds_payment' });
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a removed capability survives a restart', () => {
  it('the account stays without `transfers` after the emulator restarts on its state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retaille-emulator-cap-'));
    const common = {
      webhookSecret: WEBHOOK_SECRET,
      connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
      secretKey: 'sk_test_emulator_capability',
      stateFile: join(dir, 'stripe-emulator.json'),
      redirectWaitMs: 10,
    };
    const first = await startStripeEmulator(common);
    const stripeOf = (e: StripeEmulator) =>
      createStripeGateway({
        secretKey: e.secretKey,
        webhookSecret: WEBHOOK_SECRET,
        ...e.clientOptions,
        maxNetworkRetries: 0,
      });
    const { accountId } = await stripeOf(first).createConnectedAccount({ siteId: 'site-cap', country: 'FR' });
    await first.completeOnboarding(accountId);
    const res = await fetch(`${first.url}/v1/accounts/${accountId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${first.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'capabilities[transfers][requested]=false',
    });
    expect(res.status).toBe(200);
    await first.stop();
    const second = await startStripeEmulator(common);
    try {
      expect((await stripeOf(second).getAccountStatus(accountId)).transfersActive).toBe(false);
      expect(second.find(accountId)).toMatchObject({ capabilities: {} });
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Stripe-shaped HTTP errors', () => {
  it.each([
    ['no API key', () => api('/v1/accounts', { key: null }), 401, { type: 'invalid_request_error' }],
    [
      'a wrong API key',
      () => api('/v1/accounts', { key: 'sk_test_wrong' }),
      401,
      { type: 'invalid_request_error' },
    ],
    [
      'a missing parameter',
      () => api('/v1/checkout/sessions', { body: '' }),
      400,
      { type: 'invalid_request_error', code: 'parameter_missing', param: 'mode' },
    ],
    [
      'an unknown object',
      () => api('/v1/accounts/acct_missing', { method: 'GET' }),
      404,
      { type: 'invalid_request_error', code: 'resource_missing', message: "No such account: 'acct_missing'" },
    ],
    ['an unknown URL', () => api('/v1/charges'), 404, { type: 'invalid_request_error' }],
  ])('%s', async (_name, request, status, error) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(await res.json()).toMatchObject({ error });
  });

  it('an unreachable Stripe is a retryable connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createStripeGateway({
      secretKey: 'sk_test_x',
      webhookSecret: WEBHOOK_SECRET,
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    expect(await gatewayError(offline.getAccountStatus('acct_1'))).toMatchObject({
      code: 'connection',
      retryable: true,
    });
  });
});
