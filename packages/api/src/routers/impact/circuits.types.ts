import { calendarDateSchema, safeText } from '@retaille/domain';
import { z } from 'zod';
import { impactDashboardOutput } from './impact.types.ts';

/** The circuits map's period: real Paris days, inclusive, at most three years. */
export const circuitsInput = z
  .object({ from: calendarDateSchema, to: calendarDateSchema })
  .refine((f) => f.from <= f.to, { path: ['to'], error: 'impact.periodReversed' });

export const circuitsExportInput = z
  .object({
    from: calendarDateSchema,
    to: calendarDateSchema,
    lang: safeText()
      .pipe(z.enum(['fr', 'en'], { error: 'field.required' }))
      .default('fr'),
  })
  .refine((f) => f.from <= f.to, { path: ['to'], error: 'impact.periodReversed' });

const point = z.object({ lat: z.number(), lon: z.number() });

export const circuitsOutput = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  scope: impactDashboardOutput.shape.scope,
  shortCircuitKm: z.number(),
  nodes: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['site', 'commune', 'area', 'unknown']),
      label: z.string(),
      point: point.nullable(),
      sentKg: z.number(),
      receivedKg: z.number(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      fromLabel: z.string(),
      toLabel: z.string(),
      trades: z.number().int(),
      massKg: z.number(),
      shortTrades: z.number().int(),
      tourTrades: z.number().int(),
      kmAvoided: z.number(),
    }),
  ),
  totals: z.object({
    trades: z.number().int(),
    massKg: z.number(),
    shortTrades: z.number().int(),
    shortShare: z.number().min(0).max(1).nullable(),
    tourTrades: z.number().int(),
    kmAvoided: z.number(),
  }),
  truncated: z.boolean(),
});
export type Circuits = z.infer<typeof circuitsOutput>;

export const circuitsExportOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  body: z.string(),
});
