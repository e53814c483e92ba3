/**
 * Pickup tours: one buyer's pickups in one tour, or pooled tours for a coordinator. Exact
 * (Held–Karp with time windows) for small tours, savings + local search above. Pure.
 */
export * from './held-karp.ts';
export * from './pickup-tour.schemas.ts';
export * from './plan-tours.ts';
export * from './pooled-tour.schemas.ts';
export * from './routing-instance.ts';
export * from './tour-request.ts';
export * from './vrp-heuristic.ts';
