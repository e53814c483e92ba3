import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { z } from 'zod';
import {
  PaymentGatewayError,
  type PaymentGatewayErrorCode,
  WebhookSignatureError,
} from './payment-errors.ts';
import {
  type CheckoutPaymentStatus,
  type CheckoutSessionState,
  type CheckoutSessionStatus,
  checkoutExpiresAt,
  type PaymentEvent,
  type PaymentGateway,
  type RefundReason,
  refundReasons,
  type TradeMoneyAtProvider,
} from './payment-gateway.ts';
import { toPaymentEvent } from './stripe-event-mapping.ts';

export interface StripeGatewayOptions {
  secretKey: string;
  /** Secret(s) of the platform webhook endpoint (several during a rotation). */
  webhookSecret: string | readonly string[];
  /** Secret(s) of the Connect webhook endpoint (`account.updated`…); its events are refused without one. */
  connectWebhookSecret?: string | readonly string[] | undefined;
  /** Default api.stripe.com; the emulator's host with `protocol: 'http'` to run offline. */
  host?: string | undefined;
  port?: number | string | undefined;
  protocol?: 'http' | 'https' | undefined;
  apiVersion?: Stripe.LatestApiVersion | undefined;
  /** Maximum age of a webhook signature, in seconds. */
  webhookToleranceSeconds?: number | undefined;
  maxNetworkRetries?: number | undefined;
  timeoutMs?: number | undefined;
  now?: (() => Date) | undefined;
}

export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The Stripe API version we speak, pinned: the one the pinned `stripe` SDK release targets, so
 * that neither an SDK update nor the account's default version changes objects under us.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

const id = z.string().min(1).max(200);
const cents = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const url = z.url({ protocol: /^https?$/ });

const accountInput = z.object({ siteId: id, email: z.email().optional(), country: z.literal('FR') });
const accountLinkInput = z.object({ accountId: id, refreshUrl: url, returnUrl: url });
const checkoutInput = z.object({
  tradeId: id,
  amountCents: cents,
  description: z.string().trim().min(1).max(250),
  // `{CHECKOUT_SESSION_ID}` is not a valid URL character sequence for every parser, so only check the scheme.
  successUrl: z.string().regex(/^https?:\/\//),
  cancelUrl: url,
  customerEmail: z.email().optional(),
  expiresAt: z.date(),
  attempt: z.number().int().positive().optional(),
});
const refundInput = z.object({
  tradeId: id,
  paymentIntentId: id,
  amountCents: cents,
  reason: z.enum(refundReasons),
  refundSeq: z.number().int().positive(),
});
const transferInput = z.object({
  tradeId: id,
  destinationAccountId: id,
  amountCents: cents,
  sourcePaymentIntentId: id.optional(),
  attempt: z.number().int().positive().optional(),
});

function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new PaymentGatewayError('invalid_request', z.prettifyError(parsed.error));
  return parsed.data;
}

const stripeRefundReason: Record<RefundReason, Stripe.RefundCreateParams.Reason> = {
  cancellation: 'requested_by_customer',
  weight_difference: 'requested_by_customer',
  dispute: 'requested_by_customer',
  duplicate: 'duplicate',
};

type Operation = 'account' | 'account_link' | 'checkout' | 'expire' | 'refund' | 'transfer' | 'retrieve';

function codeForStripeError(err: Stripe.errors.StripeError, op: Operation): PaymentGatewayErrorCode {
  if (err instanceof Stripe.errors.StripeIdempotencyError) return 'idempotency_conflict';
  if (err instanceof Stripe.errors.StripeAuthenticationError) return 'authentication';
  if (err instanceof Stripe.errors.StripePermissionError) return 'permission';
  if (err instanceof Stripe.errors.StripeRateLimitError) return 'rate_limited';
  if (err instanceof Stripe.errors.StripeConnectionError) return 'connection';
  if (err instanceof Stripe.errors.StripeAPIError) return 'stripe_unavailable';
  switch (err.code) {
    case 'resource_missing':
      return 'not_found';
    case 'amount_too_small':
      return 'amount_too_small';
    case 'charge_already_refunded':
      return 'refund_exceeds_payment';
    case 'amount_too_large':
      return op === 'refund' ? 'refund_exceeds_payment' : 'invalid_request';
    case 'insufficient_capabilities_for_transfer':
    case 'account_invalid':
      return 'destination_not_ready';
    case 'balance_insufficient':
      return 'insufficient_funds';
    default:
      return 'invalid_request';
  }
}

function toGatewayError(err: unknown, op: Operation): PaymentGatewayError {
  if (err instanceof PaymentGatewayError) return err;
  if (err instanceof Stripe.errors.StripeError) {
    return new PaymentGatewayError(codeForStripeError(err, op), err.message, {
      stripeCode: err.code,
      statusCode: err.statusCode,
      requestId: err.requestId,
      cause: err,
    });
  }
  return new PaymentGatewayError('unexpected_response', err instanceof Error ? err.message : String(err), {
    cause: err,
  });
}

const idOf = (v: string | { id: string } | null): string | null =>
  v === null || typeof v === 'string' ? v : v.id;

const toUnixSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/**
 * The one `t=` of a Stripe-Signature header. The SDK signs and checks against the LAST `t=` it
 * finds, so a header with two (`t=<now>,t=<yesterday>,v1=<yesterday's signature>`) could pass a
 * freshness check made on the first: such headers are refused outright.
 */
function signatureTimestamp(header: string): number {
  const stamps = header
    .split(',')
    .map((part) => part.split('='))
    .filter(([k]) => k?.trim() === 't')
    .map(([, v]) => v?.trim() ?? '');
  if (stamps.length !== 1 || !/^\d{1,12}$/.test(stamps[0]!)) {
    throw new WebhookSignatureError('bad_signature', 'Stripe-Signature must carry exactly one numeric t=');
  }
  return Number(stamps[0]);
}

/** `PaymentGateway` on the real `stripe` SDK — against Stripe, or against the local emulator. */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const now = options.now ?? (() => new Date());
  const tolerance = options.webhookToleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const secrets =
    typeof options.webhookSecret === 'string' ? [options.webhookSecret] : [...options.webhookSecret];
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new Error('createStripeGateway: webhookSecret must not be empty');
  }
  const connect = options.connectWebhookSecret ?? [];
  const connectSecrets = (typeof connect === 'string' ? [connect] : [...connect]).filter((s) => s !== '');
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
  };
  if (options.host !== undefined) config.host = options.host;
  if (options.port !== undefined) config.port = options.port;
  if (options.protocol !== undefined) config.protocol = options.protocol;
  config.apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
  const stripe = new Stripe(options.secretKey, config);

  async function call<T>(op: Operation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toGatewayError(err, op);
    }
  }

  function sessionState(s: Stripe.Checkout.Session): CheckoutSessionState {
    const status: CheckoutSessionStatus =
      s.status === 'complete' ? 'complete' : s.status === 'expired' ? 'expired' : 'open';
    const paymentStatus: CheckoutPaymentStatus =
      s.payment_status === 'paid'
        ? 'paid'
        : s.payment_status === 'no_payment_required'
          ? 'no_payment_required'
          : 'unpaid';
    return {
      sessionId: s.id,
      tradeId: s.metadata?.tradeId ?? s.client_reference_id ?? null,
      status,
      paymentStatus,
      paymentIntentId: idOf(s.payment_intent),
      amountCents: s.amount_total ?? 0,
    };
  }

  return {
    async createConnectedAccount(input) {
      const { siteId, email, country } = validate(accountInput, input);
      const params: Stripe.AccountCreateParams = {
        type: 'express',
        country,
        // Separate charges and transfers: the platform charges, the seller only receives transfers.
        capabilities: { transfers: { requested: true } },
        metadata: { siteId },
      };
      if (email !== undefined) params.email = email;
      const account = await call('account', () =>
        stripe.accounts.create(params, { idempotencyKey: `account:${siteId}` }),
      );
      return { accountId: account.id };
    },

    async createAccountLink(input) {
      const { accountId, refreshUrl, returnUrl } = validate(accountLinkInput, input);
      // Links are single-use: a stable key would hand back an already-used link for 24 h. The key
      // only makes this call's own network retries safe.
      const link = await call('account_link', () =>
        stripe.accountLinks.create(
          { account: accountId, refresh_url: refreshUrl, return_url: returnUrl, type: 'account_onboarding' },
          { idempotencyKey: `account-link:${accountId}:${randomUUID()}` },
        ),
      );
      return { url: link.url };
    },

    async getAccountStatus(accountId) {
      validate(id, accountId);
      const account = await call('retrieve', () => stripe.accounts.retrieve(accountId));
      return {
        transfersActive: account.capabilities?.transfers === 'active',
        chargesEnabled: account.charges_enabled ?? false,
        payoutsEnabled: account.payouts_enabled ?? false,
        detailsSubmitted: account.details_submitted ?? false,
      };
    },

    async createCheckoutSession(input) {
      const v = validate(checkoutInput, input);
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'payment',
        // Cards only: the session completes paid or not at all, never "paid later" (SEPA debit).
        allowed_payment_method_types: ['card'],
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'eur',
              unit_amount: v.amountCents,
              product_data: { name: v.description },
            },
          },
        ],
        payment_intent_data: { transfer_group: v.tradeId, metadata: { tradeId: v.tradeId } },
        metadata: { tradeId: v.tradeId },
        client_reference_id: v.tradeId,
        success_url: v.successUrl,
        cancel_url: v.cancelUrl,
        expires_at: toUnixSeconds(checkoutExpiresAt(v.expiresAt, now())),
      };
      if (v.customerEmail !== undefined) params.customer_email = v.customerEmail;
      const attempt = v.attempt ?? 1;
      let idempotencyKey = attempt === 1 ? `checkout:${v.tradeId}` : `checkout:${v.tradeId}:${attempt}`;
      // A late retry clamps expires_at to its own creation time: other parameters, so another key.
      if (params.expires_at !== toUnixSeconds(v.expiresAt)) idempotencyKey += `:exp${params.expires_at}`;
      const session = await call('checkout', () =>
        stripe.checkout.sessions.create(params, { idempotencyKey }),
      );
      if (session.url === null) {
        throw new PaymentGatewayError('unexpected_response', `Checkout Session ${session.id} has no url`);
      }
      return { sessionId: session.id, url: session.url };
    },

    async getCheckoutSession(sessionId) {
      validate(id, sessionId);
      return sessionState(await call('retrieve', () => stripe.checkout.sessions.retrieve(sessionId)));
    },

    async expireCheckoutSession(sessionId) {
      validate(id, sessionId);
      try {
        await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire:${sessionId}` });
        return { status: 'expired' };
      } catch (err) {
        const mapped = toGatewayError(err, 'expire');
        if (mapped.code !== 'invalid_request') throw mapped;
        // Stripe refuses to expire a session that is not open: find out whether it already expired or was paid.
        const state = sessionState(
          await call('retrieve', () => stripe.checkout.sessions.retrieve(sessionId)),
        );
        if (state.status === 'expired') return { status: 'expired' };
        if (state.status === 'complete') {
          return {
            status: 'complete',
            paymentIntentId: state.paymentIntentId,
            amountCents: state.amountCents,
          };
        }
        throw mapped;
      }
    },

    async refund(input) {
      const v = validate(refundInput, input);
      const refund = await call('refund', () =>
        stripe.refunds.create(
          {
            payment_intent: v.paymentIntentId,
            amount: v.amountCents,
            reason: stripeRefundReason[v.reason],
            metadata: { tradeId: v.tradeId, reason: v.reason, refundSeq: String(v.refundSeq) },
          },
          { idempotencyKey: `refund:${v.tradeId}:${v.refundSeq}` },
        ),
      );
      return { refundId: refund.id };
    },

    async getTradeMoney(input) {
      validate(id, input.tradeId);
      let chargedCents = 0;
      const refunds: TradeMoneyAtProvider['refunds'] = [];
      for (const pi of input.paymentIntentIds) {
        validate(id, pi);
        const intent = await call('retrieve', () => stripe.paymentIntents.retrieve(pi));
        chargedCents += intent.amount_received ?? 0;
        for await (const r of stripe.refunds.list({ payment_intent: pi, limit: 100 })) {
          refunds.push({
            id: r.id,
            paymentIntentId: pi,
            amountCents: r.amount,
            status: r.status ?? 'unknown',
          });
        }
      }
      const transfers: TradeMoneyAtProvider['transfers'] = [];
      for await (const t of stripe.transfers.list({ transfer_group: input.tradeId, limit: 100 })) {
        transfers.push({
          id: t.id,
          amountCents: t.amount,
          reversedCents: t.amount_reversed,
          destination: typeof t.destination === 'string' ? t.destination : (t.destination?.id ?? ''),
        });
      }
      return { chargedCents, refunds, transfers };
    },

    async transferToSeller(input) {
      const v = validate(transferInput, input);
      const destination = await call('retrieve', () => stripe.accounts.retrieve(v.destinationAccountId));
      if (destination.capabilities?.transfers !== 'active') {
        throw new PaymentGatewayError(
          'destination_not_ready',
          `Connected account ${v.destinationAccountId} cannot receive transfers yet`,
        );
      }
      const params: Stripe.TransferCreateParams = {
        amount: v.amountCents,
        currency: 'eur',
        destination: v.destinationAccountId,
        transfer_group: v.tradeId,
        metadata: { tradeId: v.tradeId },
      };
      if (v.sourcePaymentIntentId !== undefined) {
        const sourceId = v.sourcePaymentIntentId;
        const intent = await call('retrieve', () => stripe.paymentIntents.retrieve(sourceId));
        const chargeId = idOf(intent.latest_charge);
        if (chargeId === null) {
          throw new PaymentGatewayError(
            'invalid_request',
            `PaymentIntent ${sourceId} has no charge to transfer from`,
          );
        }
        params.source_transaction = chargeId;
      }
      const attempt = v.attempt ?? 1;
      const idempotencyKey = attempt === 1 ? `transfer:${v.tradeId}` : `transfer:${v.tradeId}:${attempt}`;
      const transfer = await call('transfer', () => stripe.transfers.create(params, { idempotencyKey }));
      return { transferId: transfer.id };
    },

    parseWebhook(rawBody, signatureHeader, endpoint = 'platform'): PaymentEvent {
      if (signatureHeader === undefined || signatureHeader.trim() === '') {
        throw new WebhookSignatureError('missing_header', 'No Stripe-Signature header');
      }
      const signedAt = signatureTimestamp(signatureHeader);
      const receivedAt = now();
      // The SDK checks the age of the timestamp it verified (with our clock); a signature dated
      // in the future is ours to refuse, since the SDK only looks at the past.
      if (tolerance > 0 && signedAt - toUnixSeconds(receivedAt) > tolerance) {
        throw new WebhookSignatureError(
          'timestamp_outside_tolerance',
          `Webhook signed ${signedAt - toUnixSeconds(receivedAt)} s in the future, tolerance is ${tolerance} s`,
        );
      }
      let event: Stripe.Event | undefined;
      let stale = false;
      for (const secret of endpoint === 'connect' ? connectSecrets : secrets) {
        try {
          event = stripe.webhooks.constructEvent(
            rawBody,
            signatureHeader,
            secret,
            tolerance,
            undefined,
            receivedAt.getTime(),
          );
          break;
        } catch (err) {
          if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
            // The SDK checks the signature before the age: this secret matched, but too long ago.
            if (/tolerance/i.test(err.message)) stale = true;
            continue;
          }
          throw new WebhookSignatureError(
            'malformed_payload',
            err instanceof Error ? err.message : String(err),
          );
        }
      }
      if (event === undefined) {
        if (stale) {
          throw new WebhookSignatureError(
            'timestamp_outside_tolerance',
            `Webhook signed ${toUnixSeconds(receivedAt) - signedAt} s ago, tolerance is ${tolerance} s`,
          );
        }
        throw new WebhookSignatureError(
          'bad_signature',
          'No signature matches the payload for the webhook secret',
        );
      }
      return toPaymentEvent(event);
    },
  };
}
