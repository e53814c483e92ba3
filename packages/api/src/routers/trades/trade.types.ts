import { DISPUTE_REASON_MAX_LENGTH, TRADE_STATES, TRANSITION_NAMES } from '@retaille/domain';
import { z } from 'zod';

const uuid = z.uuid({ error: 'field.uuid' });
/** Decimal quantities and weights travel as numbers or strings; the server parses them exactly. */
const decimal = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, { error: 'trade.decimal' }),
]);

export const tradeIdInput = z.object({ id: uuid });

export const requestTradeInput = z.object({
  lotId: uuid,
  quantity: decimal,
  buyerSiteId: uuid.nullable().optional(),
  message: z.string().trim().max(2000, { error: 'field.tooLong' }).optional(),
});

export const proposePickupInput = z.object({
  id: uuid,
  start: z.coerce.date({ error: 'trade.pickupSlotInvalid' }),
  end: z.coerce.date({ error: 'trade.pickupSlotInvalid' }),
});

/** Vehicles of the transport factor registry (impact accounting); absent = the default van. */
export const vehicleKeys = [
  'van_diesel_avg_defra',
  'van_bev_avg_defra',
  'hgv_rigid_avg_laden_defra',
  'hgv_all_avg_laden_defra',
] as const;
export const handOverInput = z.object({
  id: uuid,
  measuredKg: decimal,
  vehicleKey: z.enum(vehicleKeys, { error: 'trade.vehicleUnknown' }).nullable().optional(),
});
export const confirmReceiptInput = z.object({ id: uuid, receivedKg: decimal.nullable().optional() });
export const openDisputeInput = z.object({
  id: uuid,
  reason: z
    .string()
    .trim()
    .min(1, { error: 'trade.disputeReasonRequired' })
    .max(DISPUTE_REASON_MAX_LENGTH, { error: 'trade.disputeReasonTooLong' }),
});
export const resolveDisputeInput = z.object({
  id: uuid,
  resolution: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('refund_full') }),
    z.object({ kind: z.literal('refund_partial'), refundCents: z.number().int().positive() }),
    z.object({ kind: z.literal('release') }),
  ]),
});
export const sendTradeMessageInput = z.object({
  id: uuid,
  body: z.string().trim().min(1, { error: 'field.required' }).max(2000, { error: 'field.tooLong' }),
});

const iso = z.string();
export const priceBreakdownSchema = z.object({
  unitPriceCents: z.number().int(),
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

export const tradeSchema = z.object({
  id: z.string(),
  state: z.enum(TRADE_STATES),
  isPaid: z.boolean(),
  role: z.enum(['buyer', 'seller', 'operator']),
  availableTransitions: z.array(z.enum(TRANSITION_NAMES)),
  lot: z.object({ id: z.string(), title: z.string(), unit: z.string() }),
  sellerSite: z.object({ id: z.string(), name: z.string() }),
  buyer: z.object({ userId: z.string(), name: z.string(), siteId: z.string().nullable() }),
  quantity: z.string(),
  unit: z.string(),
  price: priceBreakdownSchema,
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
  nextDeadline: z.object({ transition: z.string(), at: iso }).nullable(),
  stateEnteredAt: iso,
  createdAt: iso,
  updatedAt: iso,
});
export type TradeOutput = z.infer<typeof tradeSchema>;

export const tradeMessageSchema = z.object({
  id: z.string(),
  authorRole: z.enum(['buyer', 'seller', 'operator']),
  authorName: z.string().nullable(),
  mine: z.boolean(),
  body: z.string(),
  createdAt: iso,
});

export const checkoutUrlSchema = z.object({ url: z.string(), expiresAt: iso });

export const paymentsStatusSchema = z.object({
  mode: z.enum(['live', 'simulation']),
  platformFeeBps: z.number().int(),
});
export const paymentSiteInput = z.object({ siteId: uuid });
export const onboardingLinkSchema = z.object({ url: z.string() });
export const paymentAccountStatusSchema = z.object({
  siteId: z.string(),
  state: z.enum(['none', 'pending', 'enabled']),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  detailsSubmitted: z.boolean(),
});
