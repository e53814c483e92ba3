import type { AddressInfo } from 'node:net';
import { paymentAccountRepository, tradeRepository } from '@retaille/db';
import type { StripeEmulator } from '@retaille/payments';
import { checkLedger, type UserActor } from '@retaille/services';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_WEBHOOK_PATH } from './http-paths.ts';
import { buildServer } from './server.ts';

/**
 * Paid trades end to end: the real `stripe` SDK talks to the local emulator, whose signed
 * webhooks reach the real Fastify route over HTTP.
 */
let s: TestServices;
let app: FastifyInstance;
let emulator: StripeEmulator;
let webhookUrl: string;
let seller: UserActor;
let buyer: UserActor;
let admin: UserActor;
let sellerSiteId: string;

async function processedEvents(): Promise<number> {
  return paymentAccountRepository.countProcessedEvents(s.database.db);
}

/** A per-kg lot at 2 €/kg, 10 kg, and a trade of 5 kg accepted by the seller. */
async function acceptedPaidTrade() {
  const lot = await s.lots.create(
    seller,
    lotInput(sellerSiteId, {
      title: 'Chutes de lin',
      materialKey: 'linen',
      unit: 'kg',
      quantity: 10,
      dimensions: {},
      priceCents: 200,
    } as never),
  );
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 5 });
  const accepted = await s.trades.accept(seller, t.id);
  expect(accepted.state).toBe('payment_pending');
  await s.trades.checkoutUrl(buyer, t.id);
  const row = await tradeRepository.findTrade(s.database.db, t.id);
  return { tradeId: t.id, lotId: lot.id, sessionId: row!.checkout_session_id! };
}

function eventOf(type: string, tradeId: string, from = 0) {
  const e = emulator.events
    .slice(from)
    .find((ev) => ev.type === type && JSON.stringify(ev.data.object).includes(tradeId));
  if (!e) throw new Error(`no ${type} event for ${tradeId}`);
  return e;
}

beforeAll(async () => {
  s = await createTestServices({ PLATFORM_FEE_BPS: '1000' }, { payments: true });
  emulator = s.emulator!;
  app = await buildServer({ config: s.config, services: s });
  await app.listen({ port: 0, host: '127.0.0.1' });
  webhookUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${STRIPE_WEBHOOK_PATH}`;
  emulator.setWebhookUrl(webhookUrl);
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  admin = await createTestUser(s, { roles: ['admin'] });
  sellerSiteId = (await createTestSite(s, seller)).id;
  await s.database.db
    .updateTable('site')
    .set({ vat_rate_bps: 2000 })
    .where('id', '=', sellerSiteId)
    .execute();
  await s.payments.onboard(seller, sellerSiteId);
  const account = await paymentAccountRepository.findSellerAccount(s.database.db, sellerSiteId);
  await emulator.completeOnboarding(account!.stripe_account_id);
  await emulator.idle();
});
afterAll(async () => {
  await app.close();
  await s.database.close();
});

describe('paid trade through the Stripe emulator', () => {
  it('reports simulation mode to the web', async () => {
    const r = await app.inject('/trpc/payments.status');
    expect(r.json().result.data).toEqual({ mode: 'simulation', platformFeeBps: 1000 });
  });

  it('pays by Checkout, webhook marks paid, per-kg repricing refunds the difference, completion transfers the seller share', async () => {
    emulator.setAutoDelivery(true);
    const { tradeId, sessionId } = await acceptedPaidTrade();
    const priced = await s.trades.get(buyer, tradeId);
    expect(priced.price).toMatchObject({
      subtotalCents: 1000,
      vatCents: 200,
      totalCents: 1200,
      platformFeeCents: 100,
      sellerPayoutCents: 1100,
    });

    await emulator.payCheckoutSession(sessionId, 'acheteur@example.test');
    await emulator.idle();
    const paid = await s.trades.get(buyer, tradeId);
    expect(paid).toMatchObject({ state: 'paid', paidCents: 1200 });
    // Paying twice: the trade no longer awaits a payment.
    await expect(s.trades.checkoutUrl(buyer, tradeId)).rejects.toMatchObject({
      key: 'trade.notAwaitingPayment',
    });

    await s.trades.handOver(seller, tradeId, '4.5');
    const done = await s.trades.confirmReceipt(buyer, tradeId);
    expect(done.state).toBe('completed');
    // 4.5 kg × 2 € = 9 € HT + 1.80 € VAT = 10.80 €; 1.20 € back to the buyer; fee 0.90 €, seller 9.90 €.
    expect(done.final).toEqual({ totalCents: 1080, platformFeeCents: 90, sellerPayoutCents: 990 });
    expect(done.refundedCents).toBe(120);
    const row = await tradeRepository.findTrade(s.database.db, tradeId);
    expect(emulator.find(row!.transfer_id!)).toMatchObject({ amount: 990, transfer_group: tradeId });

    const ledger = await checkLedger(s.database.db);
    expect(ledger.balanced).toBe(true);
    const balance = (account: string) =>
      ledger.journal.balances.find((b) => b.account === account && b.unit === 'EUR')?.amountMinor ?? 0;
    expect(balance('stripe_clearing')).toBe(0);
    expect(balance('seller_payable')).toBe(0);
    expect(balance('seller_paid_out')).toBeGreaterThanOrEqual(990);
  });
});

describe('webhooks', () => {
  it('bad signature and stale timestamp → 400 and nothing written; 20 deliveries of one event → one effect', async () => {
    emulator.setAutoDelivery(false);
    const mark = emulator.events.length;
    const { tradeId, sessionId } = await acceptedPaidTrade();
    await emulator.payCheckoutSession(sessionId);
    const completed = eventOf('checkout.session.completed', tradeId, mark);
    const before = await processedEvents();

    const bad = await emulator.deliver(completed.id, { signature: 'invalid', url: webhookUrl });
    expect(bad.map((d) => d.status)).toEqual([400]);
    const stale = await emulator.deliver(completed.id, {
      timestamp: new Date(Date.now() - 3_600_000),
      url: webhookUrl,
    });
    expect(stale.map((d) => d.status)).toEqual([400]);
    const unsigned = await app.inject({
      method: 'POST',
      url: STRIPE_WEBHOOK_PATH,
      headers: { 'content-type': 'application/json' },
      payload: emulator.payloadOf(completed.id),
    });
    expect(unsigned.statusCode).toBe(400);
    expect(await processedEvents()).toBe(before);
    expect((await s.trades.get(buyer, tradeId)).state).toBe('payment_pending');

    const twenty = await emulator.deliver(completed.id, { times: 20, concurrent: true, url: webhookUrl });
    expect(twenty.every((d) => d.status === 200)).toBe(true);
    expect(await processedEvents()).toBe(before + 1);
    expect((await s.trades.get(buyer, tradeId)).state).toBe('paid');
    const history = await s.trades.history(tradeId);
    expect(history.filter((e) => e.transition === 'mark_paid')).toHaveLength(1);
    expect((await checkLedger(s.database.db)).balanced).toBe(true);
  });

  it('a payment that lands as the seller cancels is refunded; events delivered in reverse order change nothing more', async () => {
    emulator.setAutoDelivery(false);
    const mark = emulator.events.length;
    const { tradeId, sessionId, lotId } = await acceptedPaidTrade();
    await emulator.payCheckoutSession(sessionId);
    // The webhook has not arrived yet: the seller cancels a trade that looks unpaid.
    const cancelled = await s.trades.cancel(seller, tradeId);
    expect(cancelled.state).toBe('cancelled');
    const after = await s.trades.get(buyer, tradeId);
    expect(after).toMatchObject({ paidCents: 1200, refundedCents: 1200 });
    const lot = await s.database.db.selectFrom('lot').selectAll().where('id', '=', lotId).executeTakeFirst();
    expect(Number(lot!.quantity_reserved)).toBe(0);

    const ids = emulator.events.slice(mark).map((e) => e.id);
    expect(emulator.events.slice(mark).map((e) => e.type)).toContain('charge.refunded');
    const deliveries = await emulator.deliverInOrder([...ids].reverse(), { url: webhookUrl });
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const final = await s.trades.get(buyer, tradeId);
    expect(final).toMatchObject({ state: 'cancelled', paidCents: 1200, refundedCents: 1200 });
    const effects = await tradeRepository.listPaymentEffects(s.database.db, tradeId);
    expect(effects.filter((e) => e.kind === 'refund')).toHaveLength(1);
    expect((await checkLedger(s.database.db)).balanced).toBe(true);
  });
});

describe('disputes', () => {
  it('rejects a refund above the amount paid without writing anything, then settles a partial refund', async () => {
    emulator.setAutoDelivery(true);
    const { tradeId, sessionId } = await acceptedPaidTrade();
    await emulator.payCheckoutSession(sessionId);
    await emulator.idle();
    await s.trades.handOver(seller, tradeId, 5);
    await s.trades.openDispute(buyer, tradeId, 'Une partie du lin est tachée.');
    await expect(s.trades.resolveDispute(seller, tradeId, { kind: 'release' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const effectsBefore = await tradeRepository.listPaymentEffects(s.database.db, tradeId);
    await expect(
      s.trades.resolveDispute(admin, tradeId, { kind: 'refund_partial', refundCents: 1201 }),
    ).rejects.toMatchObject({ key: 'trade.refundExceedsPaid' });
    expect((await s.trades.get(buyer, tradeId)).state).toBe('disputed');
    expect(await tradeRepository.listPaymentEffects(s.database.db, tradeId)).toHaveLength(
      effectsBefore.length,
    );

    const resolved = await s.trades.resolveDispute(admin, tradeId, {
      kind: 'refund_partial',
      refundCents: 200,
    });
    expect(resolved).toMatchObject({ state: 'resolved', refundedCents: 200 });
    // 10 € retained: fee and payout shrink in proportion (100:1100) and still sum to 1000.
    expect(resolved.final).toEqual({ totalCents: 1000, platformFeeCents: 83, sellerPayoutCents: 917 });
    const row = await tradeRepository.findTrade(s.database.db, tradeId);
    expect(emulator.find(row!.transfer_id!)).toMatchObject({ amount: 917 });
    expect((await checkLedger(s.database.db)).balanced).toBe(true);
  });
});
