import { tradeActorSchema, tradeStateSchema } from '@retaille/domain';
import { z } from 'zod';

/** One step of a trade's history (`trade_event`), amounts in cents and weights in kg. */
export const tradeTimelineOutput = z.array(
  z.object({
    seq: z.number().int(),
    transition: z.string(),
    fromState: tradeStateSchema,
    toState: tradeStateSchema,
    actorRole: tradeActorSchema,
    actorName: z.string().nullable(),
    at: z.string(),
    quantity: z.string().nullable(),
    unit: z.string(),
    handoverKg: z.string().nullable(),
    slot: z.object({ start: z.string(), end: z.string() }).nullable(),
    reason: z.string().nullable(),
    resolution: z.string().nullable(),
    amountCents: z.number().int().nullable(),
  }),
);
export type TradeTimelineEvent = z.infer<typeof tradeTimelineOutput>[number];

/** The payout to the seller and the refunds to the buyer of a paid trade, with where each stands. */
export const tradePaymentsOutput = z.array(
  z.object({
    kind: z.enum(['transfer', 'refund']),
    reason: z.enum(['cancellation', 'weight_difference', 'dispute', 'duplicate']).nullable(),
    amountCents: z.number().int(),
    status: z.enum(['pending', 'retrying', 'operator', 'done', 'settled_off_platform']),
    dueSince: z.string(),
    updatedAt: z.string(),
  }),
);
export type TradeMoneyMovement = z.infer<typeof tradePaymentsOutput>[number];
