/**
 * The payment port: the only thing services see of Stripe. Amounts are integer euro cents;
 * every mutation is idempotent, keyed by our own ids, so a service may safely retry any call.
 */

export interface CreateConnectedAccountInput {
  siteId: string;
  email?: string | undefined;
  country: 'FR';
}

export interface CreateAccountLinkInput {
  accountId: string;
  /** Where Stripe sends the seller when the link has expired or was already used: create a new link there. */
  refreshUrl: string;
  returnUrl: string;
}

export interface AccountStatus {
  /**
   * The `transfers` capability is active: the account can receive our payouts. With separate
   * charges and transfers this is the only capability a seller needs (the platform charges).
   */
  transfersActive: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface CreateCheckoutSessionInput {
  tradeId: string;
  amountCents: number;
  /** Line item label shown to the buyer on the payment page. */
  description: string;
  /** `{CHECKOUT_SESSION_ID}` in the URL is replaced by the session id, as Stripe does. */
  successUrl: string;
  cancelUrl: string;
  customerEmail?: string | undefined;
  /**
   * When the payment is due. The session's `expires_at` is this deadline clamped into Stripe's
   * window counted from the session's creation (`checkoutExpiresAt`); pass the same deadline on
   * retries so the idempotent request keeps the same parameters.
   */
  expiresAt: Date;
  /**
   * Payment attempt number, for a new session after the previous one expired. Attempt 1 (the
   * default) uses the key `checkout:<tradeId>`, attempt n > 1 `checkout:<tradeId>:<n>`.
   */
  attempt?: number | undefined;
}

/** Stripe accepts a Checkout `expires_at` from 30 minutes to 24 hours after the session's creation. */
export const CHECKOUT_MIN_TTL_MS = 30 * 60_000;
export const CHECKOUT_MAX_TTL_MS = 24 * 3_600_000;
/** Room for clock skew and network time between our clock and Stripe's. */
const CHECKOUT_TTL_MARGIN_MS = 2 * 60_000;

/**
 * The `expires_at` of a Checkout Session created at `createdAt` for a payment due by `deadline`:
 * the deadline itself when Stripe accepts it, else clamped into Stripe's window counted from the
 * session's own creation (a late retry gets at least 32 minutes; the trade's own timer still
 * expires the session at the deadline). Whole seconds, as Stripe counts.
 */
export function checkoutExpiresAt(deadline: Date, createdAt: Date): Date {
  const min = createdAt.getTime() + CHECKOUT_MIN_TTL_MS + CHECKOUT_TTL_MARGIN_MS;
  const max = createdAt.getTime() + CHECKOUT_MAX_TTL_MS - CHECKOUT_TTL_MARGIN_MS;
  const ms = Math.min(Math.max(deadline.getTime(), min), max);
  return new Date(Math.floor(ms / 1000) * 1000);
}

export interface CheckoutSessionRef {
  sessionId: string;
  url: string;
}

export type CheckoutSessionStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'paid' | 'unpaid' | 'no_payment_required';

export interface CheckoutSessionState {
  sessionId: string;
  tradeId: string | null;
  status: CheckoutSessionStatus;
  paymentStatus: CheckoutPaymentStatus;
  paymentIntentId: string | null;
  amountCents: number;
}

/**
 * What `expireCheckoutSession` found: `expired` (now or before), or `complete` when the buyer
 * paid first — the caller must then settle or refund instead of cancelling silently.
 */
export type ExpireCheckoutResult =
  | { status: 'expired' }
  | { status: 'complete'; paymentIntentId: string | null; amountCents: number };

export const refundReasons = ['cancellation', 'weight_difference', 'dispute', 'duplicate'] as const;
export type RefundReason = (typeof refundReasons)[number];

export interface RefundInput {
  tradeId: string;
  paymentIntentId: string;
  amountCents: number;
  reason: RefundReason;
  /** 1, 2, … per trade: the n-th refund of a trade has its own idempotency key. */
  refundSeq: number;
}

export interface TransferToSellerInput {
  tradeId: string;
  destinationAccountId: string;
  amountCents: number;
  /**
   * The trade's payment. When given, the transfer is tied to its charge (`source_transaction`),
   * so it succeeds even while the charged funds are still pending on the platform balance.
   */
  sourcePaymentIntentId?: string | undefined;
  /**
   * Stripe stores an error under its idempotency key too (once the request started executing):
   * after a definitive refusal, fix the cause and retry with `attempt: 2, 3…`
   * (`transfer:<tradeId>:<n>`). Keep the same attempt after a retryable error.
   */
  attempt?: number | undefined;
}

interface PaymentEventBase {
  /** Stripe event id (`evt_…`): the deduplication key. */
  eventId: string;
  /** Stripe event type, e.g. `checkout.session.completed`. */
  type: string;
  /** Unix seconds at which Stripe created the event (not when it was delivered). */
  created: number;
  livemode: boolean;
}

export interface CheckoutCompletedEvent extends PaymentEventBase {
  kind: 'checkout_completed';
  tradeId: string;
  sessionId: string;
  paymentIntentId: string;
  amountCents: number;
  paymentStatus: CheckoutPaymentStatus;
}

export interface CheckoutExpiredEvent extends PaymentEventBase {
  kind: 'checkout_expired';
  tradeId: string;
  sessionId: string;
}

export interface PaymentRefundedEvent extends PaymentEventBase {
  kind: 'payment_refunded';
  tradeId: string | null;
  paymentIntentId: string;
  chargeId: string;
  /** Cumulative: everything refunded on the charge so far. Monotonic, so safe out of order. */
  amountRefundedCents: number;
  amountCapturedCents: number;
  fullyRefunded: boolean;
}

export interface AccountUpdatedEvent extends PaymentEventBase {
  kind: 'account_updated';
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

/** A verified event we do not act on (other types, or checkout sessions that are not trades). */
export interface UnknownPaymentEvent extends PaymentEventBase {
  kind: 'unknown';
}

export type PaymentEvent =
  | CheckoutCompletedEvent
  | CheckoutExpiredEvent
  | PaymentRefundedEvent
  | AccountUpdatedEvent
  | UnknownPaymentEvent;

export type PaymentEventKind = PaymentEvent['kind'];

/**
 * Stripe sends platform events (Checkout, charges, refunds) and Connect events (`account.updated`
 * on connected accounts) to two different webhook endpoints, each with its own signing secret.
 */
export type WebhookEndpoint = 'platform' | 'connect';

/**
 * What the provider holds for one trade, read back for reconciliation: the payments received on
 * the trade's payment intents, the refunds made on them, and the transfers of its transfer group.
 */
export interface TradeMoneyAtProvider {
  chargedCents: number;
  refunds: { id: string; paymentIntentId: string; amountCents: number; status: string }[];
  transfers: { id: string; amountCents: number; reversedCents: number; destination: string }[];
}

export interface PaymentGateway {
  /** Express connected account for a seller site; key `account:<siteId>`. Persist the id: the key only lasts 24 h at Stripe. */
  createConnectedAccount(input: CreateConnectedAccountInput): Promise<{ accountId: string }>;
  /** Single-use onboarding link; create a fresh one each time the seller starts onboarding. */
  createAccountLink(input: CreateAccountLinkInput): Promise<{ url: string }>;
  getAccountStatus(accountId: string): Promise<AccountStatus>;
  /** Platform charge (separate charges and transfers), `transfer_group` = trade id; key `checkout:<tradeId>`. */
  createCheckoutSession(input: CreateCheckoutSessionInput): Promise<CheckoutSessionRef>;
  getCheckoutSession(sessionId: string): Promise<CheckoutSessionState>;
  /** Idempotent: expiring an expired session is a no-op, a completed one is reported. */
  expireCheckoutSession(sessionId: string): Promise<ExpireCheckoutResult>;
  /** Key `refund:<tradeId>:<refundSeq>`. */
  refund(input: RefundInput): Promise<{ refundId: string }>;
  /**
   * Key `transfer:<tradeId>`, `transfer_group` = trade id. Checks first that the destination can
   * receive transfers, so an unfinished onboarding fails without spending the key.
   */
  transferToSeller(input: TransferToSellerInput): Promise<{ transferId: string }>;
  /** Read-only: the provider's objects of a trade (`transfer_group` = trade id), for reconciliation. */
  getTradeMoney(input: {
    tradeId: string;
    paymentIntentIds: readonly string[];
  }): Promise<TradeMoneyAtProvider>;
  /**
   * Verifies the `Stripe-Signature` header against the raw body (never a re-serialised JSON) and
   * maps the event. Throws `WebhookSignatureError` on a bad signature or a stale timestamp, and
   * when the payload was signed with the other endpoint's secret (default endpoint: `platform`).
   */
  parseWebhook(
    rawBody: string | Buffer,
    signatureHeader: string | undefined,
    endpoint?: WebhookEndpoint,
  ): PaymentEvent;
}
