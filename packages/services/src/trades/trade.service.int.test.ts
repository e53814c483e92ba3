import {
  ledgerRepository,
  lotRepository,
  paymentAccountRepository,
  siteRepository,
  tradeRepository,
} from '@retaille/db';
import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { checkLedger } from './ledger-check.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let s: TestServices;
// The emulator checks Checkout expiry against the real time: start the test clock now.
const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
let seller: UserActor;
let buyer: UserActor;
let admin: UserActor;
let sellerSiteId: string;
let buyerSiteId: string;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

async function newLot(overrides: Record<string, unknown> = {}) {
  return s.lots.create(seller, lotInput(sellerSiteId, overrides as never));
}
async function lotQuantities(id: string) {
  const lot = await lotRepository.findLot(s.database.db, id);
  return { reserved: Number(lot!.quantity_reserved), sold: Number(lot!.quantity_sold), status: lot!.status };
}
/** A seller with a verified site of their own, for tests that change the site (Stripe, VAT). */
async function ownSeller() {
  const actor = await createTestUser(s);
  return { actor, siteId: (await createTestSite(s, actor)).id };
}
/**
 * Settles every promise and counts the outcomes: `ok`, or the DomainError key (`trade.…`);
 * anything else (a raw database error) counts as `unexpected: <message>` so that it fails loudly.
 */
async function countOutcomes(promises: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const o of await Promise.allSettled(promises)) {
    const label =
      o.status === 'fulfilled'
        ? 'ok'
        : o.reason instanceof DomainError
          ? o.reason.key
          : `unexpected: ${(o.reason as Error)?.message ?? String(o.reason)}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}
const slot = () => ({
  start: new Date(clock.getTime() + DAY),
  end: new Date(clock.getTime() + DAY + 2 * HOUR),
});

beforeAll(async () => {
  s = await createTestServices({}, { payments: true, now: () => clock });
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  admin = await createTestUser(s, { roles: ['admin'] });
  sellerSiteId = (await createTestSite(s, seller)).id;
  buyerSiteId = (await createTestSite(s, buyer)).id;
});
afterAll(() => s.database.close());

describe('free trade', () => {
  it('runs from request to completion: reserve, hand over with weight, receipt, sold, material ledger', async () => {
    const lot = await newLot();
    const requested = await s.trades.request(buyer, {
      lotId: lot.id,
      quantity: 4,
      buyerSiteId,
      message: 'Bonjour, je passe jeudi ?',
    });
    expect(requested).toMatchObject({ state: 'requested', isPaid: false, role: 'buyer' });
    expect(requested.price).toMatchObject({ totalCents: 0, isFree: true });
    expect(requested.nextDeadline?.transition).toBe('expire_request');

    const asSeller = await s.trades.get(seller, requested.id);
    expect(asSeller.role).toBe('seller');
    expect(asSeller.availableTransitions.sort()).toEqual(['accept', 'decline']);

    const accepted = await s.trades.accept(seller, requested.id);
    expect(accepted.state).toBe('accepted');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 4, sold: 0, status: 'published' });

    await s.trades.proposePickup(seller, requested.id, slot());
    await expect(s.trades.agreePickup(seller, requested.id)).rejects.toMatchObject({
      key: 'trade.ownPickupProposal',
    });
    expect((await s.trades.agreePickup(buyer, requested.id)).state).toBe('pickup_scheduled');

    const handed = await s.trades.handOver(seller, requested.id, '3.95');
    expect(handed).toMatchObject({ state: 'handed_over', handoverKg: '3.95' });
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 0, sold: 4 });

    const done = await s.trades.confirmReceipt(buyer, requested.id, 3.9);
    // completionDelay is 0: the `complete` timer fires at once.
    expect(done.state).toBe('completed');
    expect(done.receiptKg).toBe('3.9');

    const history = await s.trades.history(requested.id);
    expect(history.map((e) => e.transition)).toEqual([
      'request',
      'accept',
      'propose_pickup',
      'agree_pickup',
      'hand_over',
      'confirm_receipt',
      'complete',
    ]);
    const entries = await ledgerRepository.listEntriesOfTrade(s.database.db, requested.id);
    expect(entries.map((e) => [e.account, e.amount_minor])).toEqual([
      [`site:${sellerSiteId}`, -3950],
      [`site:${buyerSiteId}`, 3950],
    ]);
    const messages = await s.trades.listMessages(seller, requested.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ authorRole: 'buyer', mine: false });
    const mine = (await s.tradeList.listMine(seller, { limit: 100 })).items;
    expect(mine.map((t) => t.id)).toContain(requested.id);
  });

  it('decline and withdraw hold nothing; cancel after acceptance releases the quantity', async () => {
    const lot = await newLot();
    const a = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
    expect((await s.trades.decline(seller, a.id)).state).toBe('declined');
    const b = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
    expect((await s.trades.cancel(buyer, b.id)).state).toBe('cancelled');
    const c = await s.trades.request(buyer, { lotId: lot.id, quantity: 10 });
    await s.trades.accept(seller, c.id);
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 10, status: 'reserved' });
    expect((await s.trades.cancel(seller, c.id)).state).toBe('cancelled');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 0, status: 'published' });
  });
});

describe('bad input: clear errors, nothing written', () => {
  it('refuses more than available, a zero or over-precise quantity, and a request on your own lot', async () => {
    const lot = await newLot();
    const before = await tradeRepository.listTradesOfUser(s.database.db, buyer.userId, []);
    expect((await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: 11 }))).key).toBe(
      'trade.quantityExceedsAvailable',
    );
    expect((await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: 0 }))).key).toBe(
      'trade.quantityInvalid',
    );
    expect((await rejection(s.trades.request(buyer, { lotId: lot.id, quantity: '1.0001' }))).key).toBe(
      'trade.quantityInvalid',
    );
    expect((await rejection(s.trades.request(seller, { lotId: lot.id, quantity: 1 }))).key).toBe(
      'trade.ownLot',
    );
    expect(await tradeRepository.listTradesOfUser(s.database.db, buyer.userId, [])).toHaveLength(
      before.length,
    );
  });

  it("refuses accepting someone else's trade, accepting twice and a negative weight", async () => {
    const lot = await newLot();
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 3 });
    const stranger = await createTestUser(s);
    expect((await rejection(s.trades.accept(stranger, t.id))).code).toBe('FORBIDDEN');
    expect((await rejection(s.trades.accept(buyer, t.id))).key).toBe('trade.notAllowedForActor');
    // The operator may cancel or resolve, never accept for the seller.
    expect((await rejection(s.trades.accept(admin, t.id))).key).toBe('trade.notAllowedForActor');
    await s.trades.accept(seller, t.id);
    expect((await rejection(s.trades.accept(seller, t.id))).key).toBe('trade.illegalTransition');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 3 });
    const negative = await rejection(s.trades.handOver(seller, t.id, -2));
    expect(negative.code).toBe('VALIDATION');
    expect((await rejection(s.trades.handOver(seller, t.id, 0))).code).toBe('VALIDATION');
    expect((await s.trades.get(seller, t.id)).state).toBe('accepted');
    expect(await ledgerRepository.listEntriesOfTrade(s.database.db, t.id)).toHaveLength(0);
    expect((await checkLedger(s.database.db)).balanced).toBe(true);
  });

  it('refuses a paid acceptance while the seller site has no enabled Stripe account', async () => {
    const own = await ownSeller();
    // An account whose onboarding never finished, stored as able to receive transfers (stale): the
    // lot is published and requested; Stripe says otherwise at acceptance.
    await s.payments.onboard(own.actor, own.siteId);
    const account = await paymentAccountRepository.findSellerAccount(s.database.db, own.siteId);
    await paymentAccountRepository.updateSellerAccountFlags(
      s.database.db,
      account!.stripe_account_id,
      { chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, transfersActive: true },
      clock,
    );
    const lot = await s.lots.create(own.actor, lotInput(own.siteId, { priceCents: 500 }));
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    expect(t.isPaid).toBe(true);
    expect((await rejection(s.trades.accept(own.actor, t.id))).key).toBe('payments.sellerNotOnboarded');
    expect((await s.trades.get(buyer, t.id)).state).toBe('requested');
  });

  it('refuses to accept a request the lot can no longer cover: CONFLICT trade.quantityUnavailable', async () => {
    // Requests do not reserve: two of 6 on a lot of 10 are both valid until one is accepted.
    const lot = await newLot({ quantity: 10 });
    const first = await s.trades.request(buyer, { lotId: lot.id, quantity: 6 });
    const second = await s.trades.request(buyer, { lotId: lot.id, quantity: 6 });
    await s.trades.accept(seller, first.id);
    const refused = await rejection(s.trades.accept(seller, second.id));
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      key: 'trade.quantityUnavailable',
      details: { available: '4.000' },
    });
    expect((await s.trades.get(seller, second.id)).state).toBe('requested');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 6, sold: 0, status: 'published' });
  });
});

describe('timers', () => {
  it('expire unanswered requests, and only once they are due', async () => {
    const lot = await newLot();
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    await s.trades.runDueTimers(new Date(clock.getTime() + 6 * DAY));
    expect((await s.trades.get(buyer, t.id)).state).toBe('requested');
    await s.trades.runDueTimers(new Date(clock.getTime() + 7 * DAY + 1));
    const expired = await s.trades.get(buyer, t.id);
    expect(expired.state).toBe('expired');
    expect((await s.trades.history(t.id)).at(-1)).toMatchObject({ actor_role: 'system' });
  });

  it('auto-confirm receipt 7 days after handover, then complete', async () => {
    const lot = await newLot();
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
    await s.trades.accept(seller, t.id);
    await s.trades.handOver(seller, t.id, 12);
    await s.trades.runDueTimers(new Date(clock.getTime() + 7 * DAY + 1));
    const done = await s.trades.get(buyer, t.id);
    expect(done.state).toBe('completed');
    expect((await s.trades.history(t.id)).map((e) => e.transition).slice(-2)).toEqual([
      'auto_confirm_receipt',
      'complete',
    ]);
  });
});

describe('paid trade (emulator, webhooks recorded and delivered by hand)', () => {
  it('expires an unpaid accepted trade after 24 h and releases the quantity', async () => {
    const emulator = s.emulator!;
    const { actor: seller, siteId: sellerSiteId } = await ownSeller();
    await siteRepository.updateSite(s.database.db, sellerSiteId, { vat_rate_bps: 2000 });
    const { url } = await s.payments.onboard(seller, sellerSiteId);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const account = (await s.payments.accountStatus(seller, sellerSiteId)) as { state: string };
    expect(account.state).toBe('pending');
    const row = await paymentAccountRepository.findSellerAccount(s.database.db, sellerSiteId);
    await emulator.completeOnboarding(row!.stripe_account_id);
    expect((await s.payments.accountStatus(seller, sellerSiteId)).state).toBe('enabled');

    const lot = await s.lots.create(seller, lotInput(sellerSiteId, { priceCents: 250 }));
    const t = await s.trades.request(buyer, { lotId: lot.id, quantity: 2 });
    expect(t.price).toMatchObject({ subtotalCents: 500, vatRateBps: 2000, vatCents: 100, totalCents: 600 });
    const accepted = await s.trades.accept(seller, t.id);
    expect(accepted.state).toBe('payment_pending');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 2 });
    const { url: checkout } = await s.trades.checkoutUrl(buyer, t.id);
    expect(checkout).toContain('127.0.0.1');
    expect((await rejection(s.trades.checkoutUrl(seller, t.id))).key).toBe('trade.notBuyer');

    await s.trades.runDueTimers(new Date(clock.getTime() + 24 * HOUR + 1));
    expect((await s.trades.get(buyer, t.id)).state).toBe('expired');
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 0 });
    const effects = await tradeRepository.listPaymentEffects(s.database.db, t.id);
    expect(effects).toMatchObject([{ kind: 'expire_checkout', status: 'done' }]);
    expect((await rejection(s.trades.checkoutUrl(buyer, t.id))).key).toBe('trade.notAwaitingPayment');
  });
});

const onPostgres = !!process.env.DATABASE_URL;
const engine = onPostgres ? 'PostgreSQL' : 'PGlite';

describe('concurrency', () => {
  // Issued all at once on both engines. On PostgreSQL the transactions overlap and the row locks
  // decide; PGlite is one session, so the same calls queue on its single connection.
  it(`50 concurrent requests, then 100 concurrent accepts (each trade twice) on a lot of 10: 10 accepted, 10 illegalTransition, 80 quantityUnavailable (${engine})`, async () => {
    const lot = await newLot({ quantity: 10 });
    // Buyers one by one (fixtures); the requests and accepts below are the concurrent part.
    const buyers: UserActor[] = [];
    for (let i = 0; i < 50; i++) buyers.push(await createTestUser(s));
    const requests = buyers.map((b) => s.trades.request(b, { lotId: lot.id, quantity: 1 }));
    expect(await countOutcomes(requests)).toEqual({ ok: 50 });
    const trades = await Promise.all(requests);

    const accepts = trades.flatMap((t) => [s.trades.accept(seller, t.id), s.trades.accept(seller, t.id)]);
    expect(await countOutcomes(accepts)).toEqual({
      ok: 10,
      'trade.illegalTransition': 10,
      'trade.quantityUnavailable': 80,
    });
    expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 10, sold: 0, status: 'reserved' });
    const states = await Promise.all(trades.map((t) => s.trades.history(t.id)));
    const accepted = states.filter((h) => h.some((e) => e.transition === 'accept'));
    expect(accepted).toHaveLength(10);
    for (const h of accepted) expect(h.filter((e) => e.transition === 'accept')).toHaveLength(1);
  });

  it.skipIf(!onPostgres)(
    'accepts arriving while the lot row is locked wait for it, then exactly the quantity left is accepted (PostgreSQL only: PGlite is one session, a held lock would block every other query)',
    async () => {
      const lot = await newLot({ quantity: 2 });
      const buyers = [await createTestUser(s), await createTestUser(s), await createTestUser(s)];
      const trades = await Promise.all(
        buyers.map((b) => s.trades.request(b, { lotId: lot.id, quantity: 1 })),
      );
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const lockHeld = new Promise<void>((r) => {
        locked = r;
      });
      // Another transaction holds the lot's row lock while the three accepts start.
      const holder = s.database.db.transaction().execute(async (trx) => {
        await lotRepository.lockLot(trx, lot.id);
        locked();
        await released;
      });
      await lockHeld;
      const outcomes = countOutcomes(trades.map((t) => s.trades.accept(seller, t.id)));
      let waiting = 0;
      try {
        // Proof that they truly overlap: three backends of this database wait on a lock.
        const deadline = Date.now() + 20_000;
        while (waiting < 3 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          const r = await s.database.pool.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'`,
          );
          waiting = r.rows[0]!.n;
        }
      } finally {
        release();
        await holder;
      }
      expect(waiting).toBe(3);
      expect(await outcomes).toEqual({ ok: 2, 'trade.quantityUnavailable': 1 });
      expect(await lotQuantities(lot.id)).toMatchObject({ reserved: 2, status: 'reserved' });
    },
  );
});
