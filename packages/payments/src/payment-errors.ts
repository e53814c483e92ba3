export const paymentGatewayErrorCodes = [
  'invalid_request',
  'not_found',
  /** The idempotency key was already used with different parameters. */
  'idempotency_conflict',
  'amount_too_small',
  /** Refunding more than what is left of the payment, or a payment already fully refunded. */
  'refund_exceeds_payment',
  /** The connected account cannot receive transfers yet (onboarding not finished). */
  'destination_not_ready',
  'insufficient_funds',
  'authentication',
  'permission',
  'rate_limited',
  'connection',
  'stripe_unavailable',
  'unexpected_response',
] as const;
export type PaymentGatewayErrorCode = (typeof paymentGatewayErrorCodes)[number];

const retryableCodes: ReadonlySet<PaymentGatewayErrorCode> = new Set([
  'rate_limited',
  'connection',
  'stripe_unavailable',
]);

/** A payment provider failure, with Stripe's own code kept for logs. */
export class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';
  readonly code: PaymentGatewayErrorCode;
  readonly stripeCode: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;

  constructor(
    code: PaymentGatewayErrorCode,
    message: string,
    details: {
      stripeCode?: string | undefined;
      statusCode?: number | undefined;
      requestId?: string | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.stripeCode = details.stripeCode;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }

  /** Worth retrying later with the same idempotency key. */
  get retryable(): boolean {
    return retryableCodes.has(this.code);
  }
}

export const isPaymentGatewayError = (e: unknown): e is PaymentGatewayError =>
  e instanceof PaymentGatewayError;

export type WebhookSignatureFailure =
  | 'missing_header'
  | 'bad_signature'
  | 'timestamp_outside_tolerance'
  | 'malformed_payload';

/** The webhook request is not provably from Stripe, or is too old to trust: answer 400, write nothing. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  constructor(
    readonly reason: WebhookSignatureFailure,
    message: string,
  ) {
    super(message);
  }
}

export const isWebhookSignatureError = (e: unknown): e is WebhookSignatureError =>
  e instanceof WebhookSignatureError;
