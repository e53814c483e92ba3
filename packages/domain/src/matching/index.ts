/**
 * Matching: proposal scores for a request (transport emissions from the impact module's
 * `computeTransportEmissions`, the one transport model), and the network-wide allocation that
 * serves the most kg at the least tonne-km (with its greedy baseline).
 */
export * from './allocation.ts';
export * from './allocation-run.ts';
export * from './break-even.ts';
export * from './compatibility.ts';
export { type MinCostFlowProblem, minCostFlow } from './network-simplex.ts';
export * from './proposal.schemas.ts';
export * from './score.ts';
