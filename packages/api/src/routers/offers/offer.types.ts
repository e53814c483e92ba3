import { safeText } from '@retaille/domain';
import { z } from 'zod';

const uuid = z.uuid({ error: 'field.uuid' });

export const createOfferInput = z.object({
  lotId: uuid,
  requestId: uuid,
  /** In the lot's unit. */
  quantity: z
    .number({ error: 'trade.decimal' })
    .positive({ error: 'trade.quantityInvalid' })
    .max(1_000_000, { error: 'field.numberTooLarge' }),
  message: safeText({ multiline: true }).trim().max(2000, { error: 'field.tooLong' }).optional(),
});
export type CreateOfferInput = z.input<typeof createOfferInput>;

export const offerIdInput = z.object({ id: uuid });

export const offerSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  lotTitle: z.string(),
  requestId: z.string(),
  requestTitle: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  quantity: z.number(),
  unit: z.string(),
  priceCents: z.number().nullable(),
  message: z.string(),
  status: z.enum(['open', 'accepting', 'accepted', 'declined', 'withdrawn']),
  tradeId: z.string().nullable(),
  createdAt: z.string(),
});
export type OfferOutput = z.infer<typeof offerSchema>;
