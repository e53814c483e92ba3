/**
 * The trade lifecycle as a transition table with a pure `applyTransition()`, its effects and
 * timers as data, and the double-entry journal for money and material.
 */
export * from './ledger.ts';
export * from './lot-quantity.ts';
export * from './trade.schemas.ts';
export * from './trade-effects.ts';
export * from './trade-machine.ts';
export * from './trade-states.ts';
export * from './trade-timings.ts';
export * from './weight.ts';
