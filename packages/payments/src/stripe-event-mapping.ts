import { z } from 'zod';
import { PaymentGatewayError } from './payment-errors.ts';
import type { PaymentEvent } from './payment-gateway.ts';

const idOrObject = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)]);
const metadata = z.record(z.string(), z.string()).nullish();

const eventEnvelope = z.object({
  id: z.string().startsWith('evt_'),
  object: z.literal('event'),
  type: z.string(),
  created: z.number().int(),
  livemode: z.boolean(),
  data: z.object({ object: z.unknown() }),
});

const checkoutSession = z.object({
  id: z.string(),
  object: z.literal('checkout.session'),
  amount_total: z.number().int().nonnegative().nullable(),
  payment_intent: idOrObject.nullable(),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  client_reference_id: z.string().nullish(),
  metadata,
});

const charge = z.object({
  id: z.string(),
  object: z.literal('charge'),
  amount_captured: z.number().int().nonnegative(),
  amount_refunded: z.number().int().nonnegative(),
  refunded: z.boolean(),
  payment_intent: idOrObject.nullable(),
  transfer_group: z.string().nullish(),
  metadata,
});

const account = z.object({
  id: z.string(),
  object: z.literal('account'),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  details_submitted: z.boolean(),
});

function parseObject<T extends z.ZodType>(schema: T, value: unknown, type: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PaymentGatewayError(
      'unexpected_response',
      `Stripe event ${type} does not have the expected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

const tradeIdOf = (
  meta: Record<string, string> | null | undefined,
  fallback?: string | null,
): string | null => meta?.tradeId ?? fallback ?? null;

/**
 * Maps a verified Stripe event (already JSON-parsed) to our domain event. Known types with an
 * unexpected shape throw, so an API-version drift is loud; checkout sessions that are not
 * trades (no `tradeId`) are `unknown`, since they are not ours to act on.
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
        throw new PaymentGatewayError('unexpected_response', `${event.type} ${session.id} has no payment`);
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
