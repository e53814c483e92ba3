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
