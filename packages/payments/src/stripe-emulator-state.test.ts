import { describe, expect, it } from 'vitest';
import { StripeApiError } from './stripe-emulator-params.ts';
import { type EmitOptions, StripeEmulatorState, type StripeObject } from './stripe-emulator-state.ts';
import { parseStripeForm } from './stripe-form-encoding.ts';

const T0 = new Date('2027-03-01T10:00:00Z');
const t0 = Math.floor(T0.getTime() / 1000);

function setup() {
  let now = T0;
  const emitted: { type: string; object: StripeObject; options: EmitOptions }[] = [];
  const state = new StripeEmulatorState({
    now: () => now,
    publicBaseUrl: () => 'http://127.0.0.1:1',
    emit: (type, object, options) => emitted.push({ type, object: structuredClone(object), options }),
  });
  const form = (s: string) => parseStripeForm(s);
  const session = (amount = 1000, extra = '') =>
    state.createCheckoutSession(
      form(
        `mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=${amount}` +
          `&line_items[0][price_data][product_data][name]=Chutes&payment_intent_data[transfer_group]=trade-1` +
          `&payment_intent_data[metadata][tradeId]=trade-1&metadata[tradeId]=trade-1&success_url=http://a/s&cancel_url=http://a/c${extra}`,
      ),
    );
  const paid = (amount = 1000) => {
    const s = session(amount);
    const r = state.payCheckoutSession(s.id, 'buyer@example.fr');
    return r.session.payment_intent as string;
  };
  const account = () =>
    state.createAccount(
      form(
        'type=express&country=FR&capabilities[transfers][requested]=true&capabilities[card_payments][requested]=true',
      ),
    );
  const request = { requestId: 'req_1', idempotencyKey: null };
  return { state, emitted, form, session, paid, account, request, setNow: (d: Date) => (now = d) };
}

function apiError(run: () => unknown): StripeApiError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StripeApiError);
    return err as StripeApiError;
  }
  throw new Error('expected a StripeApiError');
}

describe('checkout sessions', () => {
  it('creates an open, unpaid session whose PaymentIntent only exists once paid', () => {
    const { state, session, emitted } = setup();
    const s = session(2500);
    expect(s).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2500,
    });
    expect(s.id).toMatch(/^cs_test_/);
    expect(s.payment_intent).toBeNull();
    expect(s.expires_at).toBe(t0 + 86_400);
    const paid = state.payCheckoutSession(s.id, null);
    expect(paid.outcome).toBe('paid');
    const intent = state.retrievePaymentIntent(paid.session.payment_intent as string);
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount_received: 2500,
      transfer_group: 'trade-1',
      metadata: { tradeId: 'trade-1' },
    });
    expect(emitted.map((e) => e.type)).toEqual([
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ]);
    expect(state.payCheckoutSession(s.id, null).outcome).toBe('already_paid');
    expect(emitted).toHaveLength(3);
    expect(state.platformBalanceCents).toBe(2500);
  });

  it.each([
    ['&mode=subscription', 'mode', 'parameter_invalid'],
    ['&success_url=', 'success_url', 'parameter_missing'],
    [
      '&line_items[0][price_data][unit_amount]=abc',
      'line_items[0][price_data][unit_amount]',
      'parameter_invalid_integer',
    ],
    ['&foo=bar', 'foo', 'parameter_unknown'],
    [
      '&payment_intent_data[application_fee_amount]=5',
      'payment_intent_data[application_fee_amount]',
      'parameter_unknown',
    ],
    [`&expires_at=${t0 + 600}`, 'expires_at', 'parameter_invalid'],
    [`&expires_at=${t0 + 90_000}`, 'expires_at', 'parameter_invalid'],
    ['&customer_email=nope', 'customer_email', 'email_invalid'],
  ])('rejects %s', (extra, param, code) => {
    const { session } = setup();
    const err = apiError(() => session(1000, extra));
    expect(err.status).toBe(400);
    expect(err.body).toMatchObject({ type: 'invalid_request_error', param, code });
    expect(err.storable).toBe(false);
  });

  it('rejects totals under €0.50', () => {
    const { session } = setup();
    expect(apiError(() => session(49)).body.code).toBe('amount_too_small');
  });

  it('expires on request, when due, and never twice', () => {
    const { state, session, emitted, request, setNow } = setup();
    const a = session();
    state.expireCheckoutSession(a.id, request);
    expect(state.retrieveCheckoutSession(a.id)).toMatchObject({ status: 'expired', url: null });
    expect(apiError(() => state.expireCheckoutSession(a.id, request)).status).toBe(400);
    const b = session();
    setNow(new Date(T0.getTime() + 86_400_000));
    expect(state.expireDueSessions()).toEqual([b.id]);
    expect(state.payCheckoutSession(b.id, null).outcome).toBe('expired');
    expect(emitted.filter((e) => e.type === 'checkout.session.expired')).toHaveLength(2);
  });

  it('answers 404 resource_missing for an unknown session', () => {
    const { state } = setup();
    expect(apiError(() => state.retrieveCheckoutSession('cs_test_nope'))).toMatchObject({
      status: 404,
      body: { code: 'resource_missing' },
    });
  });
});

describe('refunds', () => {
  it('refunds partially, then the rest, then refuses', () => {
    const { state, form, paid, request, emitted } = setup();
    const pi = paid(1000);
    expect(state.createRefund(form(`payment_intent=${pi}&amount=300`), request).amount).toBe(300);
    expect(
      apiError(() => state.createRefund(form(`payment_intent=${pi}&amount=701`), request)).body.code,
    ).toBe('amount_too_large');
    expect(state.createRefund(form(`payment_intent=${pi}`), request).amount).toBe(700);
    expect(apiError(() => state.createRefund(form(`payment_intent=${pi}&amount=1`), request)).body.code).toBe(
      'charge_already_refunded',
    );
    const refunded = emitted.filter((e) => e.type === 'charge.refunded').map((e) => e.object);
    expect(refunded).toMatchObject([
      { amount_refunded: 300, refunded: false },
      { amount_refunded: 1000, refunded: true },
    ]);
  });

  it.each([
    ['', 'parameter_missing'],
    ['payment_intent=pi_nope', 'resource_missing'],
    ['payment_intent=PI&amount=0', 'parameter_invalid_integer'],
    ['payment_intent=PI&reason=because', 'parameter_invalid_string'],
  ])('rejects %s', (body, code) => {
    const { state, form, paid, request } = setup();
    const pi = paid();
    expect(apiError(() => state.createRefund(form(body.replace('PI', pi)), request)).body.code).toBe(code);
  });
});

describe('transfers', () => {
  it('needs an onboarded destination, and funds', () => {
    const { state, form, paid, account, request, emitted } = setup();
    const acct = account();
    paid(1000);
    const body = `amount=800&currency=eur&destination=${acct.id}&transfer_group=trade-1`;
    expect(apiError(() => state.createTransfer(form(body), request)).body.code).toBe(
      'insufficient_capabilities_for_transfer',
    );
    state.completeOnboarding(acct.id);
    expect(emitted.at(-1)).toMatchObject({ type: 'account.updated', options: { account: acct.id } });
    expect(state.retrieveAccount(acct.id)).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    });
    expect(state.createTransfer(form(body), request)).toMatchObject({
      object: 'transfer',
      amount: 800,
      destination: acct.id,
    });
    expect(apiError(() => state.createTransfer(form(body), request)).body.code).toBe('balance_insufficient');
  });

  it('limits a transfer tied to a charge to what is left of that charge', () => {
    const { state, form, paid, account, request } = setup();
    const acct = account();
    state.completeOnboarding(acct.id);
    const pi = paid(1000);
    const charge = state.retrievePaymentIntent(pi).latest_charge as string;
    state.createRefund(form(`payment_intent=${pi}&amount=100`), request);
    const body = (amount: number) =>
      `amount=${amount}&currency=eur&destination=${acct.id}&source_transaction=${charge}`;
    expect(apiError(() => state.createTransfer(form(body(901)), request)).body.code).toBe('amount_too_large');
    expect(state.createTransfer(form(body(900)), request).source_transaction).toBe(charge);
  });

  it('rejects an unknown destination', () => {
    const { state, form, request } = setup();
    expect(
      apiError(() => state.createTransfer(form('amount=1&currency=eur&destination=acct_nope'), request)).body
        .code,
    ).toBe('resource_missing');
  });
});

describe('onboarding links', () => {
  it('are single use and expire after five minutes', () => {
    const { state, form, account, setNow } = setup();
    const acct = account();
    const link = (s: string) =>
      state.createAccountLink(
        form(
          `account=${acct.id}&refresh_url=http://a/refresh&return_url=http://a/return&type=account_onboarding${s}`,
        ),
      );
    const token = (url: string) => url.split('/').at(-1) as string;
    const first = link('');
    expect(first.url).toMatch(new RegExp(`/connect/onboarding/${acct.id}/`));
    const late = link('');
    expect(state.visitAccountLink(acct.id, token(first.url))).toEqual({ redirect: 'http://a/return' });
    expect(state.visitAccountLink(acct.id, token(first.url))).toEqual({ redirect: 'http://a/refresh' });
    setNow(new Date(T0.getTime() + 301_000));
    expect(state.visitAccountLink(acct.id, token(late.url))).toEqual({ redirect: 'http://a/refresh' });
    expect(state.visitAccountLink('acct_other', token(late.url))).toBeUndefined();
  });
});
