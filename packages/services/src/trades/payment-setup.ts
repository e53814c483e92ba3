import { randomBytes } from 'node:crypto';
import type { Config } from '@retaille/config';
import { DomainError } from '@retaille/domain';
import {
  createStripeGateway,
  type PaymentGateway,
  type StripeEmulator,
  startStripeEmulator,
  WebhookSignatureError,
} from '@retaille/payments';

export const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';

export interface Payments {
  gateway: PaymentGateway;
  mode: 'live' | 'simulation';
  /** In simulation: the local Stripe emulator (point its webhooks at the server once it listens). */
  emulator?: StripeEmulator;
  stop(): Promise<void>;
}

/** Live Stripe with a configured key; otherwise the local emulator on a free port. */
export async function startPayments(
  config: Config,
  options: { webhookUrl?: string; webhookRetryDelayMs?: number } = {},
): Promise<Payments> {
  if (config.STRIPE_SECRET_KEY) {
    const gateway = createStripeGateway({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? 'whsec_unset',
    });
    return { gateway, mode: 'live', stop: async () => {} };
  }
  const webhookSecret = config.STRIPE_WEBHOOK_SECRET ?? `whsec_sim_${randomBytes(16).toString('hex')}`;
  const emulator = await startStripeEmulator({
    webhookSecret,
    webhookUrl: options.webhookUrl,
    ...(options.webhookRetryDelayMs !== undefined
      ? { webhookRetryDelayMs: options.webhookRetryDelayMs }
      : {}),
  });
  const gateway = createStripeGateway({
    secretKey: emulator.secretKey,
    webhookSecret,
    ...emulator.clientOptions,
    maxNetworkRetries: 0,
  });
  return { gateway, mode: 'simulation', emulator, stop: () => emulator.stop() };
}

const unavailable = (): never => {
  throw new DomainError('CONFLICT', 'payments.unavailable');
};

/** For compositions without payments (most tests): free trades work, paid ones say payments are off. */
export const paymentsUnavailable: PaymentGateway = {
  createConnectedAccount: async () => unavailable(),
  createAccountLink: async () => unavailable(),
  getAccountStatus: async () => unavailable(),
  createCheckoutSession: async () => unavailable(),
  getCheckoutSession: async () => unavailable(),
  expireCheckoutSession: async () => unavailable(),
  refund: async () => unavailable(),
  transferToSeller: async () => unavailable(),
  parseWebhook: () => {
    throw new WebhookSignatureError('bad_signature', 'Payments are not configured');
  },
};
