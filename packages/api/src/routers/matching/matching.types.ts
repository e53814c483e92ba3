import { leftOutReasons, safeText } from '@retaille/domain';
import { z } from 'zod';

/** A proposal's schema is declared once in the domain (docs/decisions/013). */
export { type ProposalDto as Proposal, proposalSchema } from '@retaille/domain';

export const notificationsOutput = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['lot_matches_request', 'allocation_proposal']),
      requestId: z.string().nullable(),
      lotId: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
      read: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const markReadInput = z.object({ ids: z.union([z.array(z.uuid()).max(200), z.literal('all')]) });

const totals = z.object({
  kg: z.number(),
  tonneKm: z.number(),
  transportCo2eKg: z.number(),
  flows: z.number(),
});
/** A proposed flow of an allocation run: a lot's kg to a request, and its answer. */
const flowCore = z.object({
  lotId: z.string(),
  requestId: z.string(),
  kg: z.number(),
  distanceKm: z.number(),
  decision: z.enum(['accepted', 'ignored']).nullable(),
  lotTitle: z.string(),
  siteName: z.string(),
  requestTitle: z.string(),
});
const flow = flowCore.extend({
  from: z.object({ lat: z.number(), lon: z.number() }),
  to: z.object({ lat: z.number(), lon: z.number() }),
});
/** A flow proposed to the caller (`allocations.mine`): as requester, or for their site's lot. */
export const myFlowSchema = flowCore.extend({
  runId: z.string(),
  asRequester: z.boolean(),
  finishedAt: z.string().nullable(),
});
export const allocationRunSchema = z.object({
  id: z.string(),
  scope: z.string(),
  regionCode: z.string().nullable(),
  leaveOutLosingPairs: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  error: z.string().nullable(),
  summary: z
    .object({
      lots: z.number(),
      requests: z.number(),
      candidatePairs: z.number(),
      optimal: totals,
      greedy: totals,
      optimalAtGreedyKg: totals,
      solveMs: z.number(),
      /** Runs started with the option: the pairs left out and why (runs before it have none). */
      leaveOutLosingPairs: z.boolean().optional(),
      leftOutPairs: z.number().optional(),
      leftOut: z
        .array(
          z.object({
            lotId: z.string(),
            requestId: z.string(),
            materialKey: z.string(),
            distanceKm: z.number(),
            maxKg: z.number(),
            netKgCo2e: z.object({ low: z.number(), central: z.number(), high: z.number() }),
            reason: z.enum(leftOutReasons),
          }),
        )
        .optional(),
    })
    .nullable(),
  flows: z.array(flow),
  baselineFlows: z.array(flow),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AllocationRun = z.infer<typeof allocationRunSchema>;

export const startAllocationInput = z.object({
  regionCode: safeText()
    .regex(/^\d{2}$/, { error: 'allocation.regionUnknown' })
    .nullable()
    .default(null),
  /** Leave out the pairs whose default van trip emits more than they avoid (docs/impact-method.md §9). */
  leaveOutLosingPairs: z.boolean().default(false),
});
export const runIdInput = z.object({ runId: z.uuid({ error: 'field.uuid' }) });
export const decideFlowInput = z.object({
  runId: z.uuid(),
  lotId: z.uuid(),
  requestId: z.uuid(),
  decision: z.enum(['accepted', 'ignored']),
});
