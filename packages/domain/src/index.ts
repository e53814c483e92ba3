/**
 * Retaille's pure domain: rules with no I/O. Time and ids are passed in.
 * Nothing here imports kysely, pg, stripe, @trpc or node:*.
 */
export * from './accounts/account.schemas.ts';
export * from './geo/codes.ts';
export * from './geo/commune-directory.ts';
export * from './geo/departements.ts';
export * from './geo/distance.ts';
export * from './impact/index.ts';
export * from './lots/lot.schemas.ts';
export * from './lots/lot-rules.ts';
export * from './lots/request.schemas.ts';
export * from './matching/index.ts';
export * from './materials/index.ts';
export * from './money/index.ts';
export * from './notifications/notification-kinds.ts';
export * from './shared/errors.ts';
export * from './shared/input-schemas.ts';
export * from './shared/paris-clock.ts';
export * from './sites/opening-hours.ts';
export * from './sites/roles.ts';
export * from './sites/sectors.ts';
export * from './sites/site.schemas.ts';
export * from './sites/site.ts';
export * from './sites/territory.ts';
export * from './sourcing/index.ts';
export * from './tours/index.ts';
export * from './trades/index.ts';
