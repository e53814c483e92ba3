/**
 * Money in integer euro cents with explicit half-up rounding, and trade pricing
 * (subtotal, VAT, platform fee, seller payout) computed on the server only.
 */
export * from './decimal.ts';
export * from './format-eur.ts';
export * from './money.ts';
export * from './pricing.ts';
