import { mailOutboxRepository, offerRepository, tradeRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  requestInput,
  type TestServices,
} from '../testing/test-services.ts';

/** Issue 12, item 5: a workshop offers a lot to the designer of a fitting request. */
let s: TestServices;
let seller: UserActor;
let otherSeller: UserActor;
let designer: UserActor;
let siteId: string;
let otherSiteId: string;

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
const newLot = (overrides = {}) => s.lots.create(seller, lotInput(siteId, { quantity: 10, ...overrides }));
const newRequest = () =>
  s.requests.create(designer, requestInput({ unit: 'piece', quantityMin: 1, quantityMax: 5 }));

beforeAll(async () => {
  s = await createTestServices({}, { payments: true });
  seller = await createTestUser(s);
  otherSeller = await createTestUser(s);
  designer = await createTestUser(s, { email: `designer-${Date.now()}@example.test` });
  siteId = (await createTestSite(s, seller)).id;
  otherSiteId = (await createTestSite(s, otherSeller)).id;
});
afterAll(() => s.database.close());

describe('offering a lot to a request', () => {
  it('tells the designer (in-app and e-mailed at once), who accepts in one click: the trade starts accepted', async () => {
    const lot = await newLot();
    const request = await newRequest();
    const offer = await s.offers.create(seller, {
      lotId: lot.id,
      requestId: request.id,
      quantity: 3,
      message: 'Pour vous',
    });
    expect(offer).toMatchObject({ status: 'open', quantity: 3, unit: 'piece', lotTitle: lot.title });

    const notices = await s.notifications.list(designer);
    const notice = notices.items.find((n) => n.kind === 'lot_offer');
    expect(notice).toMatchObject({ lotId: lot.id, requestId: request.id, read: false });
    expect(notice!.payload).toMatchObject({ offerId: offer.id, lotTitle: lot.title, quantity: 3 });
    const mails = await mailOutboxRepository.listMail(s.database.db, { to: designer.email, limit: 10 });
    expect(mails.length).toBe(1);

    const { tradeId, offer: accepted } = await s.offers.accept(designer, offer.id);
    expect(accepted).toMatchObject({ status: 'accepted', tradeId });
    const trade = await s.trades.get(designer, tradeId);
    expect(trade).toMatchObject({ state: 'accepted', role: 'buyer' });
    expect(Number(trade.quantity)).toBe(3);
    // Through the lifecycle: requested by the designer, accepted by the member who offered.
    const events = await tradeRepository.listEvents(s.database.db, tradeId);
    expect(events.map((e) => [e.transition, e.actor_role, e.actor_user_id])).toEqual([
      ['request', 'buyer', designer.userId],
      ['accept', 'seller', seller.userId],
    ]);
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(3);
    // Accepting again does nothing more.
    expect((await rejection(s.offers.accept(designer, offer.id))).key).toBe('offer.notOpen');
  });

  it('accepts once when the designer clicks twice at the same time', async () => {
    const lot = await newLot();
    const offer = await s.offers.create(seller, {
      lotId: lot.id,
      requestId: (await newRequest()).id,
      quantity: 2,
    });
    const outcomes = await Promise.allSettled([
      s.offers.accept(designer, offer.id),
      s.offers.accept(designer, offer.id),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as DomainError).key).toBe('offer.notOpen');
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(2);
  });

  it('survives the server stopping between the request and the acceptance: the offer keeps its trade and resumes', async () => {
    const lot = await newLot();
    const offer = await s.offers.create(seller, {
      lotId: lot.id,
      requestId: (await newRequest()).id,
      quantity: 2,
    });
    // What a crash after the first transaction leaves: the request written and the offer claimed
    // with it, the seller's acceptance never run.
    const requested = await s.trades.request(
      designer,
      { lotId: lot.id, quantity: 2 },
      async (trx, tradeId) => {
        expect(
          await offerRepository.moveOffer(trx, offer.id, 'open', 'accepting', { trade_id: tradeId }),
        ).toBeDefined();
      },
    );
    expect((await s.offers.listReceived(designer)).find((o) => o.id === offer.id)).toMatchObject({
      status: 'accepting',
      tradeId: requested.id,
    });
    // Accepting the offer again finishes that trade rather than requesting a second one.
    const { tradeId, offer: accepted } = await s.offers.accept(designer, offer.id);
    expect(tradeId).toBe(requested.id);
    expect(accepted.status).toBe('accepted');
    expect((await s.trades.get(designer, tradeId)).state).toBe('accepted');
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(2);
  });

  it('a claimed offer whose request the seller accepted by hand closes without a second trade', async () => {
    const lot = await newLot();
    const offer = await s.offers.create(seller, {
      lotId: lot.id,
      requestId: (await newRequest()).id,
      quantity: 1,
    });
    const requested = await s.trades.request(
      designer,
      { lotId: lot.id, quantity: 1 },
      async (trx, tradeId) => {
        await offerRepository.moveOffer(trx, offer.id, 'open', 'accepting', { trade_id: tradeId });
      },
    );
    await s.trades.accept(seller, requested.id);
    const { tradeId } = await s.offers.accept(designer, offer.id);
    expect(tradeId).toBe(requested.id);
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(1);
    expect((await rejection(s.offers.accept(designer, offer.id))).key).toBe('offer.notOpen');
  });

  it('a request written with a claim that fails is rolled back with it', async () => {
    const lot = await newLot();
    const before = (await s.lots.get(seller, lot.id)).reserved;
    const e = await rejection(
      s.trades.request(designer, { lotId: lot.id, quantity: 1 }, async () => {
        throw new DomainError('CONFLICT', 'offer.notOpen');
      }),
    );
    expect(e.key).toBe('offer.notOpen');
    expect(
      (await s.tradeList.listMine(designer, { limit: 100 })).items.filter((t) => t.lot.id === lot.id),
    ).toEqual([]);
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(before);
  });

  it('a priced lot of an onboarded site starts awaiting payment', async () => {
    const payingSeller = await createTestUser(s);
    const paying = await createTestSite(s, payingSeller);
    await onboardTestSeller(s, payingSeller, paying.id);
    const lot = await s.lots.create(payingSeller, lotInput(paying.id, { priceCents: 500 }));
    const offer = await s.offers.create(payingSeller, {
      lotId: lot.id,
      requestId: (await newRequest()).id,
      quantity: 1,
    });
    const { tradeId } = await s.offers.accept(designer, offer.id);
    expect((await s.trades.get(designer, tradeId)).state).toBe('payment_pending');
  });

  it('refuses an offer to a closed request, of another site’s lot, or of more than is available', async () => {
    const lot = await newLot({ quantity: 4 });
    const closed = await newRequest();
    await s.requests.close(designer, closed.id, 'closed');
    expect(
      await rejection(s.offers.create(seller, { lotId: lot.id, requestId: closed.id, quantity: 1 })),
    ).toMatchObject({ code: 'CONFLICT', key: 'offer.requestClosed' });

    const open = await newRequest();
    expect(
      await rejection(s.offers.create(otherSeller, { lotId: lot.id, requestId: open.id, quantity: 1 })),
    ).toMatchObject({ code: 'FORBIDDEN', key: 'offer.notLotSite' });

    const tooMuch = await rejection(
      s.offers.create(seller, { lotId: lot.id, requestId: open.id, quantity: 4.001 }),
    );
    expect(tooMuch.code).toBe('VALIDATION');
    expect(tooMuch.details.fields).toEqual([
      { path: 'quantity', key: 'trade.quantityExceedsAvailable', params: { available: 4, unit: 'piece' } },
    ]);
    // Twice the same open offer is refused; another site's lot offered by its own member is fine.
    await s.offers.create(seller, { lotId: lot.id, requestId: open.id, quantity: 4 });
    expect(
      (await rejection(s.offers.create(seller, { lotId: lot.id, requestId: open.id, quantity: 1 }))).key,
    ).toBe('offer.alreadyOpen');
    const theirs = await s.lots.create(otherSeller, lotInput(otherSiteId));
    expect(
      (await s.offers.create(otherSeller, { lotId: theirs.id, requestId: open.id, quantity: 1 })).status,
    ).toBe('open');
  });

  it('an offer whose request closed in the meantime cannot be accepted; other users cannot touch it', async () => {
    const lot = await newLot();
    const request = await newRequest();
    const offer = await s.offers.create(seller, { lotId: lot.id, requestId: request.id, quantity: 1 });
    expect((await rejection(s.offers.accept(seller, offer.id))).key).toBe('offer.notFound');
    expect((await rejection(s.offers.decline(otherSeller, offer.id))).key).toBe('offer.notFound');
    await s.requests.close(designer, request.id, 'fulfilled');
    expect((await rejection(s.offers.accept(designer, offer.id))).key).toBe('offer.requestClosed');
    expect((await s.offers.decline(designer, offer.id)).status).toBe('declined');
    expect((await s.offers.listForLot(seller, lot.id)).map((o) => o.status)).toEqual(['declined']);
    expect((await rejection(s.offers.listForLot(otherSeller, lot.id))).code).toBe('FORBIDDEN');
  });

  it('reopens the offer and withdraws the request when the lot can no longer cover it', async () => {
    const lot = await newLot({ quantity: 3 });
    const offer = await s.offers.create(seller, {
      lotId: lot.id,
      requestId: (await newRequest()).id,
      quantity: 3,
    });
    // Someone else takes 2 of the 3 pieces first.
    const other = await createTestUser(s);
    const t = await s.trades.request(other, { lotId: lot.id, quantity: 2 });
    await s.trades.accept(seller, t.id);
    const e = await rejection(s.offers.accept(designer, offer.id));
    expect(e.code).toBe('VALIDATION');
    expect((await s.offers.listReceived(designer)).find((o) => o.id === offer.id)?.status).toBe('open');
    expect((await s.lots.get(seller, lot.id)).reserved).toBe(2);
  });
});
