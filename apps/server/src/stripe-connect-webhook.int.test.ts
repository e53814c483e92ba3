import type { AddressInfo } from 'node:net';
import { paymentAccountRepository } from '@retaille/db';
import type { StripeEmulator } from '@retaille/payments';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_CONNECT_WEBHOOK_PATH, STRIPE_WEBHOOK_PATH } from './http-paths.ts';
import { buildServer } from './server.ts';

/**
 * Stripe's two webhook endpoints: platform events at STRIPE_WEBHOOK_PATH, Connect events
 * (`account.updated` on a seller's account) at STRIPE_CONNECT_WEBHOOK_PATH, each verified with its
 * own secret; an event signed with the other endpoint's secret is refused.
 */
let s: TestServices;
let app: FastifyInstance;
let emulator: StripeEmulator;
let base: string;

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  emulator = s.emulator!;
  app = await buildServer({ config: s.config, services: s });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  emulator.setWebhookUrl(`${base}${STRIPE_WEBHOOK_PATH}`);
  emulator.setConnectWebhookUrl(`${base}${STRIPE_CONNECT_WEBHOOK_PATH}`);
});
afterAll(async () => {
  await app.close();
  await s.database.close();
});

describe('Stripe Connect webhook endpoint', () => {
  it('receives account.updated with its own secret; the platform secret, or the platform route, is refused', async () => {
    const owner = await createTestUser(s);
    const siteId = (await createTestSite(s, owner)).id;
    await s.payments.onboard(owner, siteId);
    const account = await paymentAccountRepository.findSellerAccount(s.database.db, siteId);
    const accountId = account!.stripe_account_id;
    emulator.setAutoDelivery(false);
    const mark = emulator.events.length;
    await emulator.completeOnboarding(accountId);
    const [pending, active] = emulator.events.slice(mark).filter((e) => e.type === 'account.updated');
    expect(pending?.account).toBe(accountId);

    // Signed with the platform endpoint's secret: refused by the Connect route, nothing written.
    const [wrongSecret] = await emulator.deliver(pending!.id, { signature: 'other_endpoint' });
    expect(wrongSecret).toMatchObject({ status: 400, url: `${base}${STRIPE_CONNECT_WEBHOOK_PATH}` });
    // Properly signed for Connect, but posted to the platform route: refused too.
    const [wrongRoute] = await emulator.deliver(pending!.id, { url: `${base}${STRIPE_WEBHOOK_PATH}` });
    expect(wrongRoute?.status).toBe(400);
    expect(await paymentAccountRepository.countProcessedEvents(s.database.db)).toBe(0);

    // The right secret on the right route: processed once, then deduplicated.
    const delivered = await emulator.deliverInOrder([pending!.id, active!.id, active!.id]);
    expect(delivered.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(await paymentAccountRepository.countProcessedEvents(s.database.db)).toBe(2);
    const stored = await paymentAccountRepository.findSellerAccount(s.database.db, siteId);
    expect(stored).toMatchObject({ payouts_enabled: true, details_submitted: true });
    expect((await s.payments.accountStatus(owner, siteId)).state).toBe('enabled');
  });
});
