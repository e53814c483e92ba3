import { z } from 'zod';
import { WebhookSignatureError } from './payment-errors.ts';
import type { PaymentEvent } from './payment-gateway.ts';

/** Stripe object ids (`pi_…`, `cs_…`, `ch_…`, `acct_…`): printable, short, safe to store and log. */
const stripeId = z.string().regex(/^[A-Za-z0-9_]{1,255}$/);
const idOrObject = z.union([stripeId, z.object({ id: stripeId }).transform((o) => o.id)]);
/** Our trade ids are uuids: anything else in `metadata.tradeId` is a forged or broken event. */
const tradeIdSchema = z.uuid();
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .superRefine((m, ctx) => {
    if (m?.tradeId !== undefined && !tradeIdSchema.safeParse(m.tradeId).success) {
      ctx.addIssue({ code: 'custom', path: ['tradeId'], message: 'metadata.tradeId is not a trade id' });
    }
  });
/** Stripe amounts in cents; bounded so that sums stay far below 32-bit integer columns. */
const amount = z.number().int().nonnegative().max(1_000_000_000);

const eventEnvelope = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/),
  object: z.literal('event'),
  type: z.string().regex(/^[a-z0-9_.]{1,100}$/),
  created: z.number().int(),
  livemode: z.boolean(),
  data: z.object({ object: z.unknown() }),
});

const checkoutSession = z.object({
  id: stripeId,
  object: z.literal('checkout.session'),
  amount_total: amount.nullable(),
  payment_intent: idOrObject.nullable(),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  client_reference_id: z.string().nullish(),
  metadata,
});

const charge = z.object({
  id: stripeId,
  object: z.literal('charge'),
  amount_captured: amount,
  amount_refunded: amount,
  refunded: z.boolean(),
  payment_intent: idOrObject.nullable(),
  transfer_group: z.string().nullish(),
  metadata,
});

const account = z.object({
  id: stripeId,
  object: z.literal('account'),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  details_submitted: z.boolean(),
});

function parseObject<T extends z.ZodType>(schema: T, value: unknown, type: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new WebhookSignatureError(
      'malformed_payload',
      `Stripe event ${type} does not have the expected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * The trade of an event: `metadata.tradeId` (checked as a uuid by the schema), else the fallback
 * field we also set (`client_reference_id`, `transfer_group`) when it holds a uuid. A fallback that
 * is not a uuid belongs to something else on the Stripe account: not ours to act on.
 */
const tradeIdOf = (
  meta: Record<string, string> | null | undefined,
  fallback?: string | null,
): string | null => {
  if (meta?.tradeId !== undefined) return meta.tradeId;
  return fallback != null && tradeIdSchema.safeParse(fallback).success ? fallback : null;
};

/**
 * Maps a verified Stripe event (already JSON-parsed) to our domain event. An envelope or a
 * known type with an unexpected shape (a non-uuid `metadata.tradeId`, an id without `evt_`…)
 * throws `WebhookSignatureError('malformed_payload')`: the route answers 400 and nothing is
 * written, and Stripe's dashboard shows the failing deliveries, so an API-version drift is loud.
 * Checkout sessions that are not trades (no `tradeId`) are `unknown`: not ours to act on.
 */
export function toPaymentEvent(raw: unknown): PaymentEvent {
  const event = parseObject(eventEnvelope, raw, 'envelope');
  const base = { eventId: event.id, type: event.type, created: event.created, livemode: event.livemode };
  const unknown: PaymentEvent = { ...base, kind: 'unknown' };

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = parseObject(checkoutSession, event.data.object, event.type);
      const tradeId = tradeIdOf(session.metadata, session.client_reference_id);
      if (tradeId === null) return unknown;
      if (session.payment_intent === null || session.amount_total === null) {
        throw new WebhookSignatureError('malformed_payload', `${event.type} ${session.id} has no payment`);
      }
      return {
        ...base,
        kind: 'checkout_completed',
        tradeId,
        sessionId: session.id,
        paymentIntentId: session.payment_intent,
        amountCents: session.amount_total,
        paymentStatus: session.payment_status,
      };
    }
    case 'checkout.session.expired': {
      const session = parseObject(checkoutSession, event.data.object, event.type);
      const tradeId = tradeIdOf(session.metadata, session.client_reference_id);
      if (tradeId === null) return unknown;
      return { ...base, kind: 'checkout_expired', tradeId, sessionId: session.id };
    }
    case 'charge.refunded': {
      const c = parseObject(charge, event.data.object, event.type);
      if (c.payment_intent === null) return unknown;
      return {
        ...base,
        kind: 'payment_refunded',
        tradeId: tradeIdOf(c.metadata, c.transfer_group),
        paymentIntentId: c.payment_intent,
        chargeId: c.id,
        amountRefundedCents: c.amount_refunded,
        amountCapturedCents: c.amount_captured,
        fullyRefunded: c.refunded,
      };
    }
    case 'account.updated': {
      const a = parseObject(account, event.data.object, event.type);
      return {
        ...base,
        kind: 'account_updated',
        accountId: a.id,
        chargesEnabled: a.charges_enabled,
        payoutsEnabled: a.payouts_enabled,
        detailsSubmitted: a.details_submitted,
      };
    }
    default:
      return unknown;
  }
}
