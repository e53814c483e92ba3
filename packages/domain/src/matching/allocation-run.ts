import type { LosingPairsSummary } from './break-even.ts';

/** The life of a network-wide allocation run, queued by a coordinator and solved by a job. */
export const allocationRunStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type AllocationRunStatus = (typeof allocationRunStatuses)[number];

/** What a requester or the lot's site answered to a proposed flow. */
export const flowDecisions = ['accepted', 'ignored'] as const;
export type FlowDecision = (typeof flowDecisions)[number];

export interface AllocationTotals {
  kg: number;
  tonneKm: number;
  transportCo2eKg: number;
  flows: number;
}

/** The figures kept with a finished run: its size and the optimum against the greedy baseline. */
export interface AllocationSummary {
  lots: number;
  requests: number;
  candidatePairs: number;
  optimal: AllocationTotals;
  greedy: AllocationTotals;
  /** The optimiser asked to serve exactly what greedy serves: tonne-km for the same kg. */
  optimalAtGreedyKg: AllocationTotals;
  solveMs: number;
}

/** The summary as a run stores it: runs stored before pairs could be left out lack those fields. */
export type StoredAllocationSummary = AllocationSummary & Partial<LosingPairsSummary>;
