/**
 * Payments for Retaille: Stripe Connect behind our own `PaymentGateway` (separate charges and
 * transfers, idempotency keys from our ids, verified webhooks mapped to domain events), and a
 * local Stripe emulator for tests and offline demos.
 */
export * from './payment-errors.ts';
export * from './payment-gateway.ts';
export {
  type PaymentSettings,
  type Payments,
  type StartPaymentsOptions,
  startPayments,
} from './start-payments.ts';
export {
  type DeliverOptions,
  type EmulatorEvent,
  type StripeEmulator,
  type StripeEmulatorOptions,
  signStripePayload,
  startStripeEmulator,
  type WebhookDelivery,
} from './stripe-emulator.ts';
export type {
  AccountObject,
  ChargeObject,
  CheckoutSessionObject,
  PaymentIntentObject,
  RefundObject,
  StripeObject,
  TransferObject,
} from './stripe-emulator-state.ts';
export { toPaymentEvent } from './stripe-event-mapping.ts';
export {
  createStripeGateway,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type StripeGatewayOptions,
} from './stripe-gateway.ts';
