import { randomBytes } from 'node:crypto';
import type { PaymentGateway } from './payment-gateway.ts';
import { type StripeEmulator, startStripeEmulator } from './stripe-emulator.ts';
import { createStripeGateway } from './stripe-gateway.ts';

/** The Stripe settings of the configuration (the config package's keys, read by the server). */
export interface PaymentSettings {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_WEBHOOK_SECRET?: string | undefined;
  STRIPE_CONNECT_WEBHOOK_SECRET?: string | undefined;
  /** Simulation only: the emulator's API key (random when unset). */
  STRIPE_EMULATOR_SECRET_KEY?: string | undefined;
  /** Simulation only: an emulator another process runs (a cluster's primary); none is started here. */
  STRIPE_EMULATOR_URL?: string | undefined;
}

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

/**
 * Live Stripe with a configured key; otherwise the local emulator, started here. Only a
 * composition root calls this (apps/server, tests, scripts): services receive the gateway.
 */
export async function startPayments(
  settings: PaymentSettings,
  options: StartPaymentsOptions = {},
): Promise<Payments> {
  if (settings.STRIPE_SECRET_KEY) {
    const gateway = createStripeGateway({
      secretKey: settings.STRIPE_SECRET_KEY,
      webhookSecret: settings.STRIPE_WEBHOOK_SECRET ?? 'whsec_unset',
      connectWebhookSecret: settings.STRIPE_CONNECT_WEBHOOK_SECRET,
    });
    return { gateway, mode: 'live', stop: async () => {} };
  }
  if (settings.STRIPE_EMULATOR_URL) return joinEmulator(settings.STRIPE_EMULATOR_URL, settings);
  const webhookSecret = settings.STRIPE_WEBHOOK_SECRET ?? `whsec_sim_${randomBytes(16).toString('hex')}`;
  const connectWebhookSecret =
    settings.STRIPE_CONNECT_WEBHOOK_SECRET ?? `whsec_sim_connect_${randomBytes(16).toString('hex')}`;
  const emulator = await startStripeEmulator({
    webhookSecret,
    connectWebhookSecret,
    webhookUrl: options.webhookUrl,
    connectWebhookUrl: options.connectWebhookUrl,
    port: options.emulatorPort,
    stateFile: options.emulatorStateFile,
    secretKey: settings.STRIPE_EMULATOR_SECRET_KEY,
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

/**
 * Simulation in a process that shares another's emulator (the workers of a cluster): the same
 * keys, the emulator's address, nothing to stop. Webhooks reach whichever process answers the port.
 */
function joinEmulator(url: string, settings: PaymentSettings): Payments {
  const { hostname, port } = new URL(url);
  if (!settings.STRIPE_EMULATOR_SECRET_KEY || !settings.STRIPE_WEBHOOK_SECRET) {
    throw new Error('STRIPE_EMULATOR_URL needs STRIPE_EMULATOR_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  }
  const gateway = createStripeGateway({
    secretKey: settings.STRIPE_EMULATOR_SECRET_KEY,
    webhookSecret: settings.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: settings.STRIPE_CONNECT_WEBHOOK_SECRET,
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  return { gateway, mode: 'simulation', stop: async () => {} };
}
