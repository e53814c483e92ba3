import { z } from 'zod';
import { TRANSITION_NAMES } from './trade-machine.ts';
import { TRADE_STATES } from './trade-states.ts';

/**
 * The trade contract, declared once (ADR 013): the API validates its output with these schemas and
 * the services' DTO types are their `z.output`, so the two can no longer drift apart.
 */

const iso = z.string();

/** The price both sides see, in integer cents; computed on the server only. */
export const priceBreakdownSchema = z.object({
  unitPriceCents: z.number().int(),
  /** Canonical decimal string of the priced quantity. */
  quantity: z.string(),
  subtotalCents: z.number().int(),
  vatRateBps: z.number().int().nullable(),
  vatCents: z.number().int(),
  totalCents: z.number().int(),
  platformFeeBps: z.number().int(),
  platformFeeCents: z.number().int(),
  sellerPayoutCents: z.number().int(),
  isFree: z.boolean(),
});
export type PriceBreakdownDto = z.output<typeof priceBreakdownSchema>;

export const tradeSchema = z.object({
  id: z.string(),
  state: z.enum(TRADE_STATES),
  isPaid: z.boolean(),
  /** The caller's side of the trade. */
  role: z.enum(['buyer', 'seller', 'operator']),
  /** What the caller may do now (the UI's buttons). */
  availableTransitions: z.array(z.enum(TRANSITION_NAMES)),
  lot: z.object({ id: z.string(), title: z.string(), unit: z.string() }),
  sellerSite: z.object({ id: z.string(), name: z.string() }),
  buyer: z.object({ userId: z.string(), name: z.string(), siteId: z.string().nullable() }),
  quantity: z.string(),
  unit: z.string(),
  price: priceBreakdownSchema,
  /** After a per-kg repricing or a partial refund: what the trade finally retains. */
  final: z
    .object({
      totalCents: z.number().int(),
      platformFeeCents: z.number().int(),
      sellerPayoutCents: z.number().int(),
    })
    .nullable(),
  paidCents: z.number().int(),
  refundedCents: z.number().int(),
  pickup: z
    .object({
      start: iso,
      end: iso,
      proposedBy: z.enum(['buyer', 'seller']).nullable(),
      agreed: z.boolean(),
    })
    .nullable(),
  handoverKg: z.string().nullable(),
  receiptKg: z.string().nullable(),
  dispute: z
    .object({
      reason: z.string(),
      openedAt: iso,
      resolution: z.string().nullable(),
      refundCents: z.number().int().nullable(),
    })
    .nullable(),
  /** The next timed transition, e.g. when an unanswered request expires. */
  nextDeadline: z.object({ transition: z.string(), at: iso }).nullable(),
  stateEnteredAt: iso,
  createdAt: iso,
  updatedAt: iso,
});
export type TradeDto = z.output<typeof tradeSchema>;

export const tradeMessageSchema = z.object({
  id: z.string(),
  authorRole: z.enum(['buyer', 'seller', 'operator']),
  authorName: z.string().nullable(),
  mine: z.boolean(),
  body: z.string(),
  createdAt: iso,
});
export type TradeMessageDto = z.output<typeof tradeMessageSchema>;

export const paymentsStatusSchema = z.object({
  mode: z.enum(['live', 'simulation']),
  platformFeeBps: z.number().int(),
});
export type PaymentsStatusDto = z.output<typeof paymentsStatusSchema>;

export const paymentAccountStatusSchema = z.object({
  siteId: z.string(),
  state: z.enum(['none', 'pending', 'enabled']),
  /** The `transfers` capability is active: the site can receive its payouts from the platform. */
  transfersActive: z.boolean(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
});
export type PaymentAccountStatusDto = z.output<typeof paymentAccountStatusSchema>;
export type PaymentAccountState = PaymentAccountStatusDto['state'];
