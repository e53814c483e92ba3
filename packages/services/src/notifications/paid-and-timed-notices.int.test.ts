import { mailOutboxRepository, tradeRepository } from '@retaille/db';
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

/** Priced trades (payment to make, payment received) and timed transitions (expiries), through the Stripe emulator. */
let s: TestServices;
let seller: UserActor;
let siteId: string;
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  // The worker runs when the test says (see notification.service.int.test.ts).
  s.jobs.rebind('trade.notify', async () => {});
  seller = await createTestUser(s, { name: 'Atelier payant' });
  siteId = (await createTestSite(s, seller)).id;
  await onboardTestSeller(s, seller, siteId);
});
afterAll(async () => {
  await s.database.close();
});

async function tell(tradeId: string) {
  for (const e of await s.trades.history(tradeId)) {
    await s.notifications.handleTradeEvent({ tradeId, eventId: e.id, event: e.transition });
  }
}
const noticesOf = async (user: UserActor, tradeId: string) =>
  (await s.notifications.list(user, { limit: 50 })).items.filter((n) => n.tradeId === tradeId);
const mailsTo = async (user: UserActor, tradeId: string) =>
  (await mailOutboxRepository.listMail(s.database.db, { to: user.email, limit: 50 })).filter((m) =>
    m.text_body.includes(tradeId),
  );

it('a priced acceptance asks the buyer to pay at once (with the amount); the payment tells the seller', async () => {
  const buyer = await createTestUser(s, { name: 'Acheteuse' });
  const lot = await s.lots.create(seller, lotInput(siteId, { priceCents: 500, title: 'Chêne payant' }));
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
  await s.trades.accept(seller, t.id);
  await tell(t.id);
  const due = await mailsTo(buyer, t.id);
  expect(due.map((m) => m.subject)).toEqual(['Paiement à effectuer — Payment to make : Chêne payant']);
  expect(due[0]!.text_body).toMatch(/Montant à régler : 10,00\s€/u);
  expect(due[0]!.text_body).toMatch(/Amount to pay: €10\.00/);
  expect((await s.notifications.summary(buyer)).tradesWaitingOnMe).toBe(1);

  await s.trades.checkoutUrl(buyer, t.id);
  const sessionId = (await tradeRepository.findTrade(s.database.db, t.id))!.checkout_session_id!;
  await s.emulator!.payCheckoutSession(sessionId, 'acheteur@example.test');
  const event = s.emulator!.events.findLast((e) => e.type === 'checkout.session.completed')!;
  const payload = s.emulator!.payloadOf(event.id);
  await s.trades.handleStripeWebhook(payload, s.emulator!.signatureHeader(payload));
  await tell(t.id);
  await tell(t.id);
  const paid = (await noticesOf(seller, t.id)).filter((n) => n.kind === 'trade_paid');
  expect(paid).toHaveLength(1);
  expect(paid[0]!.payload).toMatchObject({ buyerName: 'Acheteuse', totalCents: 1000 });
  // The payment-due notice had moved on by the time a late worker ran again: nothing new for the buyer.
  expect((await mailsTo(buyer, t.id)).length).toBe(1);
  expect((await s.notifications.summary(buyer)).tradesWaitingOnMe).toBe(0);

  // The timeline carries the amounts.
  const timeline = await s.timeline.timeline(seller, t.id);
  expect(timeline.map((e) => [e.transition, e.amountCents])).toEqual([
    ['request', null],
    ['accept', 1000],
    ['mark_paid', 1000],
  ]);
  expect(timeline[2]!.actorRole).toBe('system');
});

it('an unanswered request expires: both sides are told, in-app', async () => {
  const buyer = await createTestUser(s);
  const lot = await s.lots.create(seller, lotInput(siteId));
  const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
  await s.trades.runDueTimers(new Date(Date.now() + 8 * DAY), t.id);
  expect((await s.trades.get(buyer, t.id)).state).toBe('expired');
  await tell(t.id);
  expect((await noticesOf(buyer, t.id)).map((n) => n.kind)).toEqual(['trade_expired']);
  // The request itself had moved on (expired) before the late worker: no call to act.
  expect((await noticesOf(seller, t.id)).map((n) => n.kind)).toEqual(['trade_expired']);
  expect(await mailsTo(buyer, t.id)).toEqual([]);
});
