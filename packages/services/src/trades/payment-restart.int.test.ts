import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@retaille/config';
import { type DatabaseHandle, paymentAccountRepository, tradeRepository } from '@retaille/db';
import { createTestDatabase } from '@retaille/db/testing';
import { type Payments, signStripePayload, startPayments } from '@retaille/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services.ts';
import { createTestSite, createTestUser, lotInput } from '../testing/test-services.ts';

/**
 * The quick start's emulator survives a restart: same port, state read back from its file. A
 * trade accepted before a restart is paid after it, through the link given before it, and after
 * a second restart its refund and the seller's transfer go through.
 */
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  PLATFORM_FEE_BPS: '1000',
  // Fixed secrets, as a configured server has: the restarted emulator signs with the same ones.
  STRIPE_WEBHOOK_SECRET: 'whsec_restart_platform',
  STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_restart_connect',
});

let database: DatabaseHandle;
let dir: string;
let port: number;
let payments: Payments | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What the quick start does at each start: the emulator on its port and file, then the services. */
async function start(): Promise<{ s: Services; payments: Payments }> {
  payments = await startPayments(config, {
    emulatorPort: port,
    emulatorStateFile: join(dir, 'stripe-emulator.json'),
  });
  // Webhooks are delivered by hand below, as the server's routes would hand them over.
  payments.emulator!.setAutoDelivery(false);
  const s = await createServices({ config, database, payments });
  return { s, payments };
}

async function restart(): Promise<{ s: Services; payments: Payments }> {
  await payments?.stop();
  payments = undefined;
  return start();
}

/** Delivers every recorded event of the given type to the service, signed for its endpoint. */
async function deliverAll(s: Services, p: Payments, type: string) {
  const emulator = p.emulator!;
  for (const event of emulator.events.filter((e) => e.type === type)) {
    const payload = emulator.payloadOf(event.id);
    const connect = event.account !== undefined;
    const secret = connect ? config.STRIPE_CONNECT_WEBHOOK_SECRET! : config.STRIPE_WEBHOOK_SECRET!;
    const header = signStripePayload(payload, secret, Math.floor(Date.now() / 1000));
    await s.trades.handleStripeWebhook(payload, header, connect ? 'connect' : 'platform');
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'retaille-emulator-'));
  port = await freePort();
});
afterAll(async () => {
  await payments?.stop();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Stripe emulator restart in simulation mode', () => {
  it('an accepted trade is paid through its old link after a restart; after another, the refund and the transfer go through', async () => {
    let { s, payments: p } = await start();
    const seller = await createTestUser(s);
    const buyer = await createTestUser(s);
    const siteId = (await createTestSite(s, seller)).id;
    await s.payments.onboard(seller, siteId);
    const account = await paymentAccountRepository.findSellerAccount(database.db, siteId);
    await p.emulator!.completeOnboarding(account!.stripe_account_id);
    await deliverAll(s, p, 'account.updated');
    const lot = await s.lots.create(
      seller,
      lotInput(siteId, {
        materialKey: 'linen',
        unit: 'kg',
        quantity: 10,
        dimensions: {},
        priceCents: 200,
      } as never),
    );
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 5 });
    expect((await s.trades.accept(seller, t.id)).state).toBe('payment_pending');
    const { url } = await s.trades.checkoutUrl(buyer, t.id);
    const sessionId = (await tradeRepository.findTrade(database.db, t.id))!.checkout_session_id!;

    // Restart 1, the trade awaiting payment: the link handed to the buyer still opens the page.
    ({ s, payments: p } = await restart());
    expect(p.emulator!.port).toBe(port);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/10,00\s€/);
    // The seller's account is still known and onboarded.
    expect((await s.payments.accountStatus(seller, siteId)).state).toBe('enabled');
    await p.emulator!.payCheckoutSession(sessionId, 'acheteur@example.test');
    await deliverAll(s, p, 'checkout.session.completed');
    expect(await s.trades.get(buyer, t.id)).toMatchObject({ state: 'paid', paidCents: 1000 });

    // Restart 2, the trade paid: the refund and the transfer use the payment made before it.
    ({ s, payments: p } = await restart());
    await s.trades.handOver(seller, t.id, '4.5');
    const done = await s.trades.confirmReceipt(buyer, t.id);
    expect(done).toMatchObject({ state: 'completed', refundedCents: 100 });
    const row = await tradeRepository.findTrade(database.db, t.id);
    expect(p.emulator!.find(row!.transfer_id!)).toMatchObject({
      amount: 810,
      destination: account!.stripe_account_id,
      transfer_group: t.id,
    });
    const effects = await tradeRepository.listPaymentEffects(database.db, t.id);
    expect(effects.filter((e) => e.status !== 'done')).toEqual([]);
    expect(p.emulator!.platformBalanceCents).toBe(1000 - 100 - 810);
  });
});
