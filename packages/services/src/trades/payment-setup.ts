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
/** Stripe's Connect endpoint (events on connected accounts), with its own signing secret. */
export const STRIPE_CONNECT_WEBHOOK_PATH = '/api/webhooks/stripe-connect';

export interface Payments {
  gateway: PaymentGateway;
  mode: 'live' | 'simulation';
  /** In simulation: the local Stripe emulator (point its webhooks at the server once it listens). */
  emulator?: StripeEmulator;
  stop(): Promise<void>;
}

export interface StartPaymentsOptions {
  webhookUrl?: string;
  connectWebhookUrl?: string;
  webhookRetryDelayMs?: number;
  /**
   * Simulation: the emulator's port and state file. The server passes the configured ones
   * (STRIPE_EMULATOR_PORT, next to the database) so that a restart keeps every link and account;
   * left out, the emulator takes a free port and keeps its state in memory (tests).
   */
  emulatorPort?: number;
  emulatorStateFile?: string;
}

/** Live Stripe with a configured key; otherwise the local emulator. */
export async function startPayments(config: Config, options: StartPaymentsOptions = {}): Promise<Payments> {
  if (config.STRIPE_SECRET_KEY) {
    const gateway = createStripeGateway({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? 'whsec_unset',
      connectWebhookSecret: config.STRIPE_CONNECT_WEBHOOK_SECRET,
    });
    return { gateway, mode: 'live', stop: async () => {} };
  }
  const webhookSecret = config.STRIPE_WEBHOOK_SECRET ?? `whsec_sim_${randomBytes(16).toString('hex')}`;
  const connectWebhookSecret =
    config.STRIPE_CONNECT_WEBHOOK_SECRET ?? `whsec_sim_connect_${randomBytes(16).toString('hex')}`;
  const emulator = await startStripeEmulator({
    webhookSecret,
    connectWebhookSecret,
    webhookUrl: options.webhookUrl,
    connectWebhookUrl: options.connectWebhookUrl,
    port: options.emulatorPort,
    stateFile: options.emulatorStateFile,
    ...(options.webhookRetryDelayMs !== undefined
      ? { webhookRetryDelayMs: options.webhookRetryDelayMs }
      : {}),
  });
  const gateway = createStripeGateway({
    secretKey: emulator.secretKey,
    webhookSecret,
    connectWebhookSecret,
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
