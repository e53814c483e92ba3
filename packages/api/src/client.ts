/**
 * What the web app may import: the router's type, the zod schemas of the procedures and the
 * message table. Nothing here pulls server code into the browser bundle.
 */

export * from './errors/localize.ts';
export * from './errors/messages.ts';
export type { AppRouter } from './router.ts';
export * from './routers/account/account.types.ts';
export * from './routers/geo/search-communes.types.ts';
export * from './routers/impact/circuits.types.ts';
export * from './routers/impact/impact.types.ts';
export * from './routers/lots/lot.types.ts';
export * from './routers/matching/matching.types.ts';
export * from './routers/notifications/notifications.types.ts';
export * from './routers/offers/offer.types.ts';
export * from './routers/operations/operations.types.ts';
export * from './routers/pagination.types.ts';
export * from './routers/payments/payments.types.ts';
export * from './routers/requests/request.types.ts';
export * from './routers/saved-searches/saved-search.types.ts';
export * from './routers/sites/list-sites.types.ts';
export * from './routers/sites/members.types.ts';
export * from './routers/sites/site.types.ts';
export * from './routers/sites/update-site.types.ts';
export * from './routers/sourcing/sourcing.types.ts';
export * from './routers/tours/pooled-tours.types.ts';
export * from './routers/tours/tours.types.ts';
export * from './routers/trades/trade.types.ts';
export * from './routers/trades/trade-timeline.types.ts';
export type { ErrorData } from './trpc.ts';
