import { tradeRepository } from '@retaille/db';
import { operationsPlants } from '@retaille/db/testing';
import { createStripeGateway } from '@retaille/payments';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  type TestServices,
} from '../testing/test-services.ts';

/**
 * Reconciliation against the Stripe emulator: a clean paid trade reconciles; a planted missing
 * payout (the seller's account gone at the provider when the trade completed) and a planted double
 * refund (a second refund made at the provider behind the ledger's back) are both reported with
 * their trade, by the service and by the daily run's e-mail to the operators.
 */
let s: TestServices;
let admin: UserActor;

beforeAll(async () => {
  s = await createTestServices({ STRIPE_WEBHOOK_SECRET: 'whsec_reconciliation_test' }, { payments: true });
  admin = await createTestUser(s, { roles: ['admin'] });
});
afterAll(() => s.database.close());

async function completedPaidTrade(options: { breakPayout?: boolean } = {}) {
  const seller = await createTestUser(s);
  const buyer = await createTestUser(s);
  const site = await createTestSite(s, seller);
  const accountId = await onboardTestSeller(s, seller, site.id);
  const lot = await s.lots.create(seller, lotInput(site.id, { priceCents: 500 }));
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
  await s.trades.accept(seller, t.id);
  await s.trades.checkoutUrl(buyer, t.id);
  const row = await tradeRepository.findTrade(s.database.db, t.id);
  await s.emulator!.payCheckoutSession(row!.checkout_session_id!);
  const event = s.emulator!.events.findLast((e) => e.type === 'checkout.session.completed')!;
  const payload = s.emulator!.payloadOf(event.id);
  await s.trades.handleStripeWebhook(payload, s.emulator!.signatureHeader(payload));
  await s.trades.handOver(seller, t.id, '3');
  if (options.breakPayout)
    await operationsPlants.plantSellerAccountId(s.database.db, site.id, 'acct_missing_payout');
  expect((await s.trades.confirmReceipt(buyer, t.id)).state).toBe('completed');
  return {
    id: t.id,
    accountId,
    paymentIntentId: (await tradeRepository.findTrade(s.database.db, t.id))!.payment_intent_id!,
  };
}

it('reports a missing payout and a double refund with their trades; a clean trade has no difference', async () => {
  const clean = await completedPaidTrade();
  const missing = await completedPaidTrade({ breakPayout: true });
  const doubled = await completedPaidTrade();
  // A refund made at the provider that our books never decided: money left twice.
  const gateway = createStripeGateway({
    secretKey: s.emulator!.secretKey,
    webhookSecret: s.emulator!.webhookSecret,
    ...s.emulator!.clientOptions,
    maxNetworkRetries: 0,
  });
  await gateway.refund({
    tradeId: doubled.id,
    paymentIntentId: doubled.paymentIntentId,
    amountCents: 300,
    reason: 'duplicate',
    refundSeq: 99,
  });

  const report = await s.operations.reconciliation.report(admin);
  expect(report.ledgerBalanced).toBe(true);
  expect(report.ok).toBe(false);
  expect(report.differences.filter((d) => d.tradeId === clean.id)).toEqual([]);
  const payout = (await s.trades.get(admin, missing.id)).final!.sellerPayoutCents;
  expect(report.differences.filter((d) => d.tradeId === missing.id)).toEqual([
    expect.objectContaining({ kind: 'payout_missing', expectedCents: payout, actualCents: 0 }),
  ]);
  expect(report.differences.filter((d) => d.tradeId === doubled.id)).toEqual([
    expect.objectContaining({ kind: 'provider_refunds_differ', expectedCents: 0, actualCents: 300 }),
  ]);

  // The daily run: once a day, the operators are told of both.
  const daily = await s.operations.reconciliation.runDaily();
  expect(daily?.differences.map((d) => d.tradeId)).toEqual(expect.arrayContaining([missing.id, doubled.id]));
  expect(await s.operations.reconciliation.runDaily()).toBeNull();
  const mail = (await s.accounts.outbox(admin, admin.email)).find(
    (m) => m.kind === 'reconciliation-differences',
  );
  expect(mail?.text).toContain(missing.id);
  expect(mail?.text).toContain(doubled.id);

  // Fixed by an operator (the account back, the payout retried): only the double refund remains.
  await operationsPlants.plantSellerAccountId(
    s.database.db,
    (await s.trades.get(admin, missing.id)).sellerSite.id,
    missing.accountId,
  );
  const owed = (await s.operations.moneyOwed.list(admin)).find((x) => x.tradeId === missing.id)!;
  await s.operations.moneyOwed.retry(admin, owed.effectId);
  const after = await s.operations.reconciliation.report(admin);
  expect(after.differences.map((d) => d.kind)).toEqual(['provider_refunds_differ']);
});
