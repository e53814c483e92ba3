import {
  DISPUTE_REASON_MAX_LENGTH,
  fromDecimalComma,
  HANDOVER_VEHICLE_KEYS,
  instantSchema,
  MAX_MEASURED_KG,
  MAX_TRADE_TOTAL_CENTS,
  safeText,
  type TradeDto,
  travelModes,
} from '@retaille/domain';
import { z } from 'zod';

const uuid = z.uuid({ error: 'field.uuid' });
/**
 * Decimal quantities and weights travel as numbers or strings; the server parses them exactly.
 * Bounded by the heaviest measured weight (1 000 t), which is also above any lot's quantity, so a
 * huge value is a field error here rather than an overflow later. The sign is left to the domain,
 * which answers a negative or zero weight with its own message.
 */
const decimal = z.union([
  z
    .number({ error: 'trade.decimal' })
    .min(-MAX_MEASURED_KG, { error: 'field.numberTooLarge' })
    .max(MAX_MEASURED_KG, { error: 'field.numberTooLarge' }),
  safeText()
    .trim()
    .regex(/^-?\d{1,15}([.,]\d{1,9})?$/, { error: 'trade.decimal' })
    .refine((v) => Math.abs(Number(fromDecimalComma(v))) <= MAX_MEASURED_KG, {
      error: 'field.numberTooLarge',
    }),
]);

export const tradeIdInput = z.object({ id: uuid });

export const requestTradeInput = z.object({
  lotId: uuid,
  quantity: decimal,
  buyerSiteId: uuid.nullable().optional(),
  message: safeText({ multiline: true }).trim().max(2000, { error: 'field.tooLong' }).optional(),
});

export const proposePickupInput = z.object({
  id: uuid,
  start: instantSchema('trade.pickupSlotInvalid'),
  end: instantSchema('trade.pickupSlotInvalid'),
});

/** How the lot travelled (docs/impact-method.md §4); absent = the labelled default (diesel van, round trip). */
export const handOverTravelInput = z.object({
  mode: z.enum(travelModes, { error: 'impact.tripModeWithoutFactor' }),
  roundTrip: z.boolean(),
  distanceKm: z
    .number({ error: 'impact.tripNegativeDistance' })
    .finite({ error: 'impact.tripNegativeDistance' })
    .nonnegative({ error: 'impact.tripNegativeDistance' })
    .max(5000, { error: 'impact.tripNegativeDistance' })
    .nullable()
    .optional(),
  alsoStopsAtSiteIds: z.array(uuid).max(50).optional(),
  tripId: uuid.nullable().optional(),
});
export const handOverInput = z.object({
  id: uuid,
  measuredKg: decimal,
  /** A vehicle of the transport factor registry (impact accounting); absent = the default van. */
  vehicleKey: z.enum(HANDOVER_VEHICLE_KEYS, { error: 'trade.vehicleUnknown' }).nullable().optional(),
  travel: handOverTravelInput.nullable().optional(),
});
export const confirmReceiptInput = z.object({ id: uuid, receivedKg: decimal.nullable().optional() });
export const openDisputeInput = z.object({
  id: uuid,
  reason: safeText({ multiline: true })
    .trim()
    .min(1, { error: 'trade.disputeReasonRequired' })
    .max(DISPUTE_REASON_MAX_LENGTH, { error: 'trade.disputeReasonTooLong' }),
});
export const resolveDisputeInput = z.object({
  id: uuid,
  resolution: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('refund_full') }),
    z.object({
      kind: z.literal('refund_partial'),
      refundCents: z.number().int().positive().max(MAX_TRADE_TOTAL_CENTS, { error: 'field.numberTooLarge' }),
    }),
    z.object({ kind: z.literal('release') }),
  ]),
});
export const sendTradeMessageInput = z.object({
  id: uuid,
  body: safeText({ multiline: true })
    .trim()
    .min(1, { error: 'field.required' })
    .max(2000, { error: 'field.tooLong' }),
});

/** The trade contract is declared once, in the domain (ADR 013). */
export { priceBreakdownSchema, tradeMessageSchema, tradeSchema } from '@retaille/domain';
export type TradeOutput = TradeDto;

const iso = z.string();
export const checkoutUrlSchema = z.object({ url: z.string(), expiresAt: iso });

/** Filters of « Mes échanges » (kept in the page's URL as `cote` and `statut`). */
export const tradeListInput = z.object({
  role: z.enum(['all', 'buyer', 'seller']).default('all'),
  status: z.enum(['all', 'action', 'ongoing', 'done', 'closed']).default('all'),
});
