/**
 * `TradeCommands.request` on its own: what a request stores (quantity, price, history, timer,
 * message) and every refusal, with the key and field a user sees. Lean on purpose (no payment
 * emulator, no concurrency): the services mutation run re-runs it for every mutant of `request`.
 */
import { lotRepository, moderationRepository, siteRepository, tradeRepository } from '@retaille/db';
import { DomainError, priceTrade } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import {
  allowPricedLots,
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { MESSAGE_MAX_LENGTH } from './trade-context.ts';

let s: TestServices;
const clock = new Date('2026-11-10T09:00:00.000Z');
let seller: UserActor;
let buyer: UserActor;
let sellerSiteId: string;
let buyerSiteId: string;

beforeAll(async () => {
  s = await createTestServices({ PLATFORM_FEE_BPS: '1000' }, { now: () => clock });
  seller = await createTestUser(s);
  buyer = await createTestUser(s);
  sellerSiteId = (await createTestSite(s, seller)).id;
  buyerSiteId = (await createTestSite(s, buyer)).id;
  await allowPricedLots(s, sellerSiteId);
  await siteRepository.updateSite(s.database.db, sellerSiteId, { vat_rate_bps: 2000 });
});
afterAll(() => s.database.close());

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
const newLot = (overrides: Record<string, unknown> = {}) =>
  s.lots.create(seller, lotInput(sellerSiteId, overrides as never));
const tradesOfBuyer = async () =>
  (await tradeRepository.listTradesOfUser(s.database.db, buyer.userId, [])).length;

describe('a request', () => {
  it('stores the canonical quantity, the free price, its history, its expiry timer and the trimmed message', async () => {
    const lot = await newLot({ materialKey: 'linen', unit: 'kg', quantity: 12, dimensions: {} });
    const dto = await s.trades.request(buyer, { lotId: lot.id, quantity: '4.50', message: '  Bonjour  ' });
    expect(dto).toMatchObject({ state: 'requested', isPaid: false, role: 'buyer' });
    // The answer is the trade as the buyer reads it afterwards: lot, seller site, buyer, next deadline.
    expect(dto).toEqual(await s.trades.get(buyer, dto.id));
    expect(dto.nextDeadline?.transition).toBe('expire_request');
    const row = (await tradeRepository.findTrade(s.database.db, dto.id))!;
    expect(row).toMatchObject({
      lot_id: lot.id,
      seller_site_id: sellerSiteId,
      buyer_user_id: buyer.userId,
      buyer_site_id: null,
      quantity: 4.5,
      unit: 'kg',
      unit_price_cents: 0,
      total_cents: 0,
      is_paid: false,
      state: 'requested',
    });
    expect(row.state_entered_at).toEqual(clock);
    expect(row.created_at).toEqual(clock);
    const [event, ...more] = await tradeRepository.listEvents(s.database.db, dto.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      transition: 'request',
      from_state: 'initial',
      to_state: 'requested',
      actor_role: 'buyer',
      actor_user_id: buyer.userId,
    });
    expect(event!.params).toMatchObject({ quantity: '4.5' });
    const timers = await tradeRepository.listTimers(s.database.db, dto.id);
    expect(timers.map((t) => t.transition)).toEqual(['expire_request']);
    expect(timers[0]!.due_at.getTime()).toBeGreaterThan(clock.getTime());
    const messages = await tradeRepository.listMessages(s.database.db, dto.id);
    expect(messages).toMatchObject([{ body: 'Bonjour', author_user_id: buyer.userId, author_role: 'buyer' }]);
    // Requests do not reserve: the lot is untouched until the seller accepts.
    expect(await lotRepository.findLot(s.database.db, lot.id)).toMatchObject({ quantity_reserved: 0 });
  });

  it('prices a paid request with the seller VAT and the platform fee, for a site of the buyer', async () => {
    const lot = await newLot({ priceCents: 250 });
    const dto = await s.trades.request(buyer, { lotId: lot.id, quantity: 3, buyerSiteId, message: '   ' });
    const expected = priceTrade({
      unitPriceCents: 250,
      quantity: '3',
      platformFeeBps: 1000,
      sellerVatRateBps: 2000,
    });
    expect(expected.vat.cents).toBeGreaterThan(0);
    expect(expected.platformFee.cents).toBeGreaterThan(0);
    expect(dto).toMatchObject({ isPaid: true, price: { totalCents: expected.total.cents, isFree: false } });
    expect(await tradeRepository.findTrade(s.database.db, dto.id)).toMatchObject({
      buyer_site_id: buyerSiteId,
      quantity: 3,
      unit: 'piece',
      unit_price_cents: 250,
      subtotal_cents: expected.subtotal.cents,
      vat_rate_bps: 2000,
      vat_cents: expected.vat.cents,
      total_cents: expected.total.cents,
      platform_fee_bps: 1000,
      platform_fee_cents: expected.platformFee.cents,
      seller_payout_cents: expected.sellerPayout.cents,
      is_paid: true,
    });
    // A blank message is not a message.
    expect(await tradeRepository.listMessages(s.database.db, dto.id)).toEqual([]);
  });

  it('may be made of a lot already partly reserved, up to what is left', async () => {
    const lot = await newLot({ quantity: 10 });
    const first = await s.trades.request(buyer, { lotId: lot.id, quantity: 7 });
    // Without a message, none is written to the conversation.
    expect(await tradeRepository.listMessages(s.database.db, first.id)).toEqual([]);
    await s.trades.accept(seller, first.id);
    expect((await lotRepository.findLot(s.database.db, lot.id))?.quantity_reserved).toBe(7);
    const rest = await s.trades.request(buyer, { lotId: lot.id, quantity: 3 });
    expect(rest.state).toBe('requested');
    const over = await refusal(s.trades.request(buyer, { lotId: lot.id, quantity: '3.001' }));
    expect(over).toMatchObject({
      code: 'VALIDATION',
      key: 'trade.quantityExceedsAvailable',
      details: { fields: [{ path: 'quantity', params: { available: 3, unit: 'piece' } }] },
    });
    // Wholly reserved, the lot still takes requests (a reservation may be released) but none fits.
    await s.trades.accept(seller, rest.id);
    expect((await lotRepository.findLot(s.database.db, lot.id))?.status).toBe('reserved');
    expect(await refusal(s.trades.request(buyer, { lotId: lot.id, quantity: 1 }))).toMatchObject({
      key: 'trade.quantityExceedsAvailable',
      details: { fields: [{ params: { available: 0 } }] },
    });
  });

  it('runs `within` in its transaction: a failure there leaves no trade', async () => {
    const lot = await newLot();
    const seen: string[] = [];
    const dto = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 }, async (_trx, id) => {
      seen.push(id);
    });
    expect(seen).toEqual([dto.id]);
    const before = await tradesOfBuyer();
    await expect(
      s.trades.request(buyer, { lotId: lot.id, quantity: 1 }, async () => {
        throw new Error('offer gone');
      }),
    ).rejects.toThrow('offer gone');
    expect(await tradesOfBuyer()).toBe(before);
  });
});

describe('a refused request writes nothing', () => {
  it('names the lot, its status, its seller and the moderation hold', async () => {
    const before = await tradesOfBuyer();
    expect(
      await refusal(s.trades.request(buyer, { lotId: '00000000-0000-4000-8000-000000000000', quantity: 1 })),
    ).toMatchObject({ code: 'NOT_FOUND', key: 'lot.notFound' });
    const draft = await newLot({ publish: false });
    expect(await refusal(s.trades.request(buyer, { lotId: draft.id, quantity: 1 }))).toMatchObject({
      code: 'CONFLICT',
      key: 'trade.lotNotAvailable',
    });
    const lot = await newLot();
    expect(await refusal(s.trades.request(seller, { lotId: lot.id, quantity: 1 }))).toMatchObject({
      code: 'FORBIDDEN',
      key: 'trade.ownLot',
    });
    await moderationRepository.insertHold(s.database.db, {
      kind: 'lot',
      subjectId: lot.id,
      reason: 'test',
      by: seller.userId,
      at: clock,
    });
    expect(await refusal(s.trades.request(buyer, { lotId: lot.id, quantity: 1 }))).toMatchObject({
      key: 'moderation.lotHidden',
    });
    expect(await tradesOfBuyer()).toBe(before);
    // A suspended account requests nothing, on a lot open to everyone else.
    const suspended = await createTestUser(s);
    await moderationRepository.insertHold(s.database.db, {
      kind: 'account',
      subjectId: suspended.userId,
      reason: 'test',
      by: seller.userId,
      at: clock,
    });
    const open = await newLot();
    expect(await refusal(s.trades.request(suspended, { lotId: open.id, quantity: 1 }))).toMatchObject({
      key: 'moderation.accountSuspended',
    });
  });

  it('names the field: a site the buyer is not a member of, the quantity, a message too long', async () => {
    const before = await tradesOfBuyer();
    const lot = await newLot({ quantity: 10 });
    const field = async (p: Promise<unknown>) => {
      const e = await refusal(p);
      expect(e.code).toBe('VALIDATION');
      return (e.details as { fields: unknown[] }).fields;
    };
    expect(
      await field(s.trades.request(buyer, { lotId: lot.id, quantity: 1, buyerSiteId: sellerSiteId })),
    ).toEqual([{ path: 'buyerSiteId', key: 'trade.notBuyerSiteMember' }]);
    expect(await field(s.trades.request(buyer, { lotId: lot.id, quantity: 11 }))).toEqual([
      { path: 'quantity', key: 'trade.quantityExceedsAvailable', params: { available: 10, unit: 'piece' } },
    ]);
    expect(await field(s.trades.request(buyer, { lotId: lot.id, quantity: 0 }))).toEqual([
      { path: 'quantity', key: 'trade.quantityInvalid' },
    ]);
    expect(
      await field(
        s.trades.request(buyer, { lotId: lot.id, quantity: 1, message: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) }),
      ),
    ).toEqual([{ path: 'message', key: 'field.tooLong', params: { max: MESSAGE_MAX_LENGTH } }]);
    expect(await tradesOfBuyer()).toBe(before);
    // The longest message passes, spaces around it not counted.
    const longest = ` ${'x'.repeat(MESSAGE_MAX_LENGTH)} `;
    expect((await s.trades.request(buyer, { lotId: lot.id, quantity: 10, message: longest })).state).toBe(
      'requested',
    );
  });

  it('refuses a priced request below the minimum charge', async () => {
    const lot = await newLot({ priceCents: 10, quantity: 100 });
    expect(await refusal(s.trades.request(buyer, { lotId: lot.id, quantity: 1 }))).toMatchObject({
      code: 'VALIDATION',
    });
  });
});
