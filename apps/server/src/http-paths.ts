/**
 * The HTTP paths this server answers besides tRPC, owned here (the composition root): services and
 * the payment package never name a route. main.ts points the Stripe emulator at the webhook paths.
 */
export const AUTH_BASE_PATH = '/api/auth';
export const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';
/** Stripe's Connect endpoint (events on connected accounts), with its own signing secret. */
export const STRIPE_CONNECT_WEBHOOK_PATH = '/api/webhooks/stripe-connect';
/** The header every cookie-authenticated state change must carry (CSRF, see plugins/csrf-guard.ts). */
export const CSRF_HEADER = 'x-retaille-csrf';
