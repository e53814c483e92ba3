/**
 * The settlement repricing effects, `refund_weight_difference` and `refund_partial`, run on trade
 * rows written straight to a fresh database: the refund each queues and the split the trade keeps.
 * Lean on purpose (no accounts, no payment emulator): the services mutation run re-runs it for
 * every mutant of the two handlers. The whole paths are in payment-restart.int.test.ts (a per-kg
 * trade handed over lighter) and operations.int.test.ts (a dispute resolved with a partial refund).
 */
import { type DatabaseHandle, lotRepository, type TradeRow, tradeRepository } from '@retaille/db';
import { createTestDatabase, insertTestSite } from '@retaille/db/testing';
import { DomainError, priceTrade } from '@retaille/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEffect } from './trade-effect-handlers.ts';

let handle: DatabaseHandle;
let lotId: string;
let siteId: string;
const buyerId = 'buyer-settlement';
const now = new Date('2026-11-10T09:00:00.000Z');
// 200 c/kg, 10 % platform fee, 20 % VAT: 10 kg are 2 000 + 400 VAT = 2 400 c.
const PRICE = { unitPriceCents: 200, platformFeeBps: 1000, sellerVatRateBps: 2000 };

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await db
    .insertInto('auth_user')
    .values({ id: buyerId, email: 'buyer@example.test', name: 'Buyer', emailVerified: true })
    .execute();
  siteId = await insertTestSite(db);
  lotId = (
    await lotRepository.insertLot(db, {
      site_id: siteId,
      title: 'Lin',
      material_key: 'linen',
      family_key: 'textile',
      composition: null,
      condition: 'offcut',
      unit: 'kg',
      quantity: 100,
      lat: 45.76,
      lon: 4.83,
      searchText: 'lin',
    })
  ).id;
});
afterAll(() => handle.close());

async function trade(o: {
  unit?: string;
  handoverGrams?: number | null;
  paidCents?: number;
}): Promise<TradeRow> {
  const price = priceTrade({ ...PRICE, quantity: '10' });
  return tradeRepository.insertTrade(handle.db, {
    lot_id: lotId,
    seller_site_id: siteId,
    buyer_user_id: buyerId,
    quantity: 10,
    unit: o.unit ?? 'kg',
    unit_price_cents: price.unitPrice.cents,
    subtotal_cents: price.subtotal.cents,
    vat_rate_bps: price.sellerVatRateBps,
    vat_cents: price.vat.cents,
    total_cents: price.total.cents,
    platform_fee_bps: price.platformFeeBps,
    platform_fee_cents: price.platformFee.cents,
    seller_payout_cents: price.sellerPayout.cents,
    is_paid: true,
    paid_cents: o.paidCents ?? price.total.cents,
    payment_intent_id: 'pi_settlement',
    handover_grams: o.handoverGrams === undefined ? null : o.handoverGrams,
    state: 'received',
    state_entered_at: now,
    created_at: now,
    updated_at: now,
  });
}

const run = (row: TradeRow, effect: Parameters<typeof runEffect>[0]) =>
  handle.db.transaction().execute((trx) =>
    runEffect(effect, {
      trx,
      trade: row,
      now,
      event: null,
      enqueue: async () => {
        throw new Error('no job expected');
      },
      deps: { recordImpact: async () => undefined as never },
    }),
  );
const refunds = async (row: TradeRow) =>
  (await tradeRepository.listPaymentEffects(handle.db, row.id)).map((e) => ({
    kind: e.kind,
    amount: e.amount_cents,
    reason: e.reason,
    paymentIntent: e.payment_intent_id,
  }));

describe('refund_weight_difference', () => {
  it('reprices a per-kg trade handed over lighter and refunds the difference', async () => {
    const row = await trade({ handoverGrams: 7500 });
    const lighter = priceTrade({ ...PRICE, quantity: '7.5' });
    expect(lighter.total.cents).toBe(1800);
    expect(await run(row, { type: 'refund_weight_difference' })).toEqual({
      final_total_cents: 1800,
      final_platform_fee_cents: lighter.platformFee.cents,
      final_seller_payout_cents: lighter.sellerPayout.cents,
    });
    expect(lighter.platformFee.cents).not.toBe(priceTrade({ ...PRICE, quantity: '10' }).platformFee.cents);
    expect(await refunds(row)).toEqual([
      { kind: 'refund', amount: 600, reason: 'weight_difference', paymentIntent: 'pi_settlement' },
    ]);
  });

  it('keeps the agreed price, with nothing refunded, when the lot weighed as much or more, or was not weighed', async () => {
    const agreed = priceTrade({ ...PRICE, quantity: '10' });
    const kept = {
      final_total_cents: 2400,
      final_platform_fee_cents: agreed.platformFee.cents,
      final_seller_payout_cents: agreed.sellerPayout.cents,
    };
    for (const handoverGrams of [10_000, 12_000, null]) {
      const row = await trade({ handoverGrams });
      expect(await run(row, { type: 'refund_weight_difference' }), String(handoverGrams)).toEqual(kept);
      expect(await refunds(row)).toEqual([]);
    }
  });

  it('never reprices a trade counted in pieces, whatever its weight at handover', async () => {
    const row = await trade({ unit: 'piece', handoverGrams: 2000 });
    expect(await run(row, { type: 'refund_weight_difference' })).toMatchObject({ final_total_cents: 2400 });
    expect(await refunds(row)).toEqual([]);
  });
});

describe('refund_partial', () => {
  it('refunds part of what was paid and splits what the trade keeps between the fee and the seller', async () => {
    // Paid 1 800 (a weight refund already decided elsewhere), 500 refunded now: 1 300 kept.
    const row = await trade({ paidCents: 1800 });
    const changes = await run(row, { type: 'refund_partial', refundCents: 500 });
    expect(changes).toMatchObject({ dispute_refund_cents: 500, final_total_cents: 1300 });
    const c = changes as { final_platform_fee_cents: number; final_seller_payout_cents: number };
    expect(c.final_platform_fee_cents + c.final_seller_payout_cents).toBe(1300);
    expect(c.final_platform_fee_cents).toBeGreaterThan(0);
    expect(c.final_seller_payout_cents).toBeGreaterThan(c.final_platform_fee_cents);
    expect(await refunds(row)).toEqual([
      { kind: 'refund', amount: 500, reason: 'dispute', paymentIntent: 'pi_settlement' },
    ]);
  });

  it('counts refunds already decided, and refuses one beyond what is left, writing nothing', async () => {
    const row = await trade({});
    await run(row, { type: 'refund_partial', refundCents: 600 });
    expect(await run(row, { type: 'refund_partial', refundCents: 1000 })).toMatchObject({
      dispute_refund_cents: 1000,
      final_total_cents: 800,
    });
    const refused = await run(row, { type: 'refund_partial', refundCents: 801 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ key: 'trade.refundExceedsPaid' });
    expect((await refunds(row)).map((r) => r.amount)).toEqual([600, 1000]);
  });
});
