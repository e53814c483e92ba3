import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { money } from './money.ts';
import {
  MAX_TRADE_TOTAL_CENTS,
  type PriceTradeInput,
  priceTrade,
  repriceForMeasuredWeight,
  splitAfterRefund,
} from './pricing.ts';

function errorKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

const amounts = (b: ReturnType<typeof priceTrade>) => ({
  subtotal: b.subtotal.cents,
  vat: b.vat.cents,
  total: b.total.cents,
  fee: b.platformFee.cents,
  payout: b.sellerPayout.cents,
});

describe('priceTrade', () => {
  // Hand-computed: subtotal = unit × qty (half-up), VAT = subtotal × rate (half-up),
  // total = subtotal + VAT, fee = subtotal × fee rate (half-up), payout = total − fee.
  it.each<[string, PriceTradeInput, ReturnType<typeof amounts>]>([
    [
      'free lot',
      { unitPriceCents: 0, quantity: 12.5, platformFeeBps: 500, sellerVatRateBps: 2000 },
      { subtotal: 0, vat: 0, total: 0, fee: 0, payout: 0 },
    ],
    [
      '2,50 €/kg × 12.5 kg, association without VAT, 8 % fee',
      { unitPriceCents: 250, quantity: 12.5, platformFeeBps: 800, sellerVatRateBps: null },
      { subtotal: 3125, vat: 0, total: 3125, fee: 250, payout: 2875 },
    ],
    [
      '1,99 € × 3 pieces, VAT 20 % (119.4 → 119), fee 5 % (29.85 → 30)',
      { unitPriceCents: 199, quantity: 3, platformFeeBps: 500, sellerVatRateBps: 2000 },
      { subtotal: 597, vat: 119, total: 716, fee: 30, payout: 686 },
    ],
    [
      'half a cent in the subtotal: 1,25 € × 0.5 = 62.5 → 63; VAT 5.5 % 3.465 → 3; fee 10 % 6.3 → 6',
      { unitPriceCents: 125, quantity: '0.5', platformFeeBps: 1000, sellerVatRateBps: 550 },
      { subtotal: 63, vat: 3, total: 66, fee: 6, payout: 60 },
    ],
    [
      'half a cent in the fee: 10 cents at 5 % = 0.5 → 1',
      { unitPriceCents: 10, quantity: 1, platformFeeBps: 500, sellerVatRateBps: 2000 },
      { subtotal: 10, vat: 2, total: 12, fee: 1, payout: 11 },
    ],
    [
      'half a cent in the VAT: 5 cents at 10 % = 0.5 → 1, no fee',
      { unitPriceCents: 5, quantity: 1, platformFeeBps: 0, sellerVatRateBps: 1000 },
      { subtotal: 5, vat: 1, total: 6, fee: 0, payout: 6 },
    ],
    [
      'binary float trap: 10 € × 1.005 kg is 10,05 € (not 10,04 €)',
      { unitPriceCents: 1000, quantity: 1.005, platformFeeBps: 250, sellerVatRateBps: 2000 },
      { subtotal: 1005, vat: 201, total: 1206, fee: 25, payout: 1181 },
    ],
    [
      'large: 1 234,56 € × 7.25 m², VAT 20 % 179011.2 → 179011, fee 10 % 89505.6 → 89506',
      { unitPriceCents: 123456, quantity: '7.25', platformFeeBps: 1000, sellerVatRateBps: 2000 },
      { subtotal: 895056, vat: 179011, total: 1074067, fee: 89506, payout: 984561 },
    ],
    [
      'a whole price taken as fee',
      { unitPriceCents: 300, quantity: 1, platformFeeBps: 10000, sellerVatRateBps: null },
      { subtotal: 300, vat: 0, total: 300, fee: 300, payout: 0 },
    ],
  ])('%s', (_label, input, expected) => {
    const b = priceTrade(input);
    expect(amounts(b)).toEqual(expected);
    expect(b.subtotal.cents + b.vat.cents).toBe(b.total.cents);
    expect(b.platformFee.cents + b.sellerPayout.cents).toBe(b.total.cents);
    expect(b.isFree).toBe(expected.total === 0);
  });

  it('keeps the inputs, with the quantity in canonical form', () => {
    const b = priceTrade({
      unitPriceCents: 250,
      quantity: '12.50',
      platformFeeBps: 800,
      sellerVatRateBps: null,
    });
    expect(b).toMatchObject({
      unitPrice: money(250),
      quantity: '12.5',
      platformFeeBps: 800,
      sellerVatRateBps: null,
    });
  });

  it('accepts a total of exactly the maximum', () => {
    const b = priceTrade({
      unitPriceCents: MAX_TRADE_TOTAL_CENTS / 4,
      quantity: 4,
      platformFeeBps: 500,
      sellerVatRateBps: null,
    });
    expect(b.total.cents).toBe(MAX_TRADE_TOTAL_CENTS);
  });

  it('treats a total that rounds to 0 € as free', () => {
    const b = priceTrade({ unitPriceCents: 1, quantity: 0.4, platformFeeBps: 500, sellerVatRateBps: 2000 });
    expect(b.isFree).toBe(true);
    expect(b.total.cents).toBe(0);
  });

  it.each<[Partial<PriceTradeInput>, string]>([
    [{ unitPriceCents: -100 }, 'VALIDATION money.negative'],
    [{ unitPriceCents: 12.5 }, 'VALIDATION money.notIntegerCents'],
    [{ quantity: -1 }, 'VALIDATION decimal.negative'],
    [{ quantity: '1,5' }, 'VALIDATION decimal.invalid'],
    [{ platformFeeBps: -1 }, 'VALIDATION pricing.invalidFeeRate'],
    [{ platformFeeBps: 10001 }, 'VALIDATION pricing.invalidFeeRate'],
    [{ platformFeeBps: 2.5 }, 'VALIDATION pricing.invalidFeeRate'],
    [{ sellerVatRateBps: -550 }, 'VALIDATION pricing.invalidVatRate'],
    [{ sellerVatRateBps: 20.5 }, 'VALIDATION pricing.invalidVatRate'],
    // 1 000 000 €/kg × 21 kg = 21 M€, above the 32-bit cents columns (the probe's 500).
    [{ unitPriceCents: 100_000_000, quantity: 21 }, 'VALIDATION pricing.totalTooLarge'],
    // 833 333,34 € HT + 20 % VAT = 1 000 000,01 € TTC: the cap is on what the buyer pays.
    [{ unitPriceCents: 83_333_334, quantity: 1 }, 'VALIDATION pricing.totalTooLarge'],
  ])('rejects %o', (patch, expected) => {
    const input = { unitPriceCents: 250, quantity: 2, platformFeeBps: 500, sellerVatRateBps: 2000, ...patch };
    expect(errorKey(() => priceTrade(input))).toBe(expected);
  });
});

describe('repriceForMeasuredWeight', () => {
  // 2,50 €/kg × 12.5 kg, VAT 20 %, fee 8 %: 3125 + 625 = 3750 paid, fee 250, payout 3500.
  const original = priceTrade({
    unitPriceCents: 250,
    quantity: 12.5,
    platformFeeBps: 800,
    sellerVatRateBps: 2000,
  });

  it.each([
    // 11.2 kg: 2800 + 560 = 3360; fee 224; payout 3136; refund 3750 − 3360 = 390
    ['11.2', '11.2', { subtotal: 2800, vat: 560, total: 3360, fee: 224, payout: 3136 }, 390],
    ['12.5', '12.5', { subtotal: 3125, vat: 625, total: 3750, fee: 250, payout: 3500 }, 0],
    // More than paid for: the buyer pays what was agreed.
    ['13.04', '12.5', { subtotal: 3125, vat: 625, total: 3750, fee: 250, payout: 3500 }, 0],
    ['0', '0', { subtotal: 0, vat: 0, total: 0, fee: 0, payout: 0 }, 3750],
  ])('measured %s kg → billed %s kg', (measured, billed, expected, refund) => {
    const r = repriceForMeasuredWeight(original, measured);
    expect(r.billedKg).toBe(billed);
    expect(r.measuredKg).toBe(String(Number(measured)));
    expect(amounts(r.final)).toEqual(expected);
    expect(r.refund.cents).toBe(refund);
    expect(r.final.total.cents + r.refund.cents).toBe(original.total.cents);
  });

  it('rounds the repriced subtotal half-up', () => {
    // 3,33 €/kg × 10 kg = 3330, fee 5 % = 166.5 → 167. At 9.995 kg: 3328.335 → 3328, fee 166.4 → 166.
    const paid = priceTrade({
      unitPriceCents: 333,
      quantity: 10,
      platformFeeBps: 500,
      sellerVatRateBps: null,
    });
    expect(amounts(paid)).toEqual({ subtotal: 3330, vat: 0, total: 3330, fee: 167, payout: 3163 });
    const r = repriceForMeasuredWeight(paid, 9.995);
    expect(amounts(r.final)).toEqual({ subtotal: 3328, vat: 0, total: 3328, fee: 166, payout: 3162 });
    expect(r.refund.cents).toBe(2);
  });

  it('leaves a free trade free', () => {
    const free = priceTrade({ unitPriceCents: 0, quantity: 20, platformFeeBps: 800, sellerVatRateBps: null });
    const r = repriceForMeasuredWeight(free, 18);
    expect(r.refund.cents).toBe(0);
    expect(r.final.isFree).toBe(true);
  });

  it('rejects a negative weight', () => {
    expect(errorKey(() => repriceForMeasuredWeight(original, -1))).toBe('VALIDATION decimal.negative');
  });
});

describe('splitAfterRefund', () => {
  const paid = priceTrade({
    unitPriceCents: 250,
    quantity: 12.5,
    platformFeeBps: 800,
    sellerVatRateBps: 2000,
  });

  it.each([
    // 2750 kept, split 250 : 3500 → 183.33 / 2566.67 → 183 / 2567 (largest remainder)
    [1000, 0, { retained: 2750, fee: 183, payout: 2567 }],
    [0, 0, { retained: 3750, fee: 250, payout: 3500 }],
    [3750, 0, { retained: 0, fee: 0, payout: 0 }],
    [750, 1000, { retained: 2000, fee: 133, payout: 1867 }],
  ])('refund %d after %d already refunded', (refund, already, expected) => {
    const s = splitAfterRefund(paid, money(refund), money(already));
    expect({ retained: s.retained.cents, fee: s.platformFee.cents, payout: s.sellerPayout.cents }).toEqual(
      expected,
    );
    expect(s.platformFee.cents + s.sellerPayout.cents).toBe(s.retained.cents);
  });

  it.each([
    [3751, 0],
    [751, 3000],
  ])('rejects refunding %d after %d (more than paid)', (refund, already) => {
    expect(errorKey(() => splitAfterRefund(paid, money(refund), money(already)))).toBe(
      'VALIDATION trade.refundExceedsPaid',
    );
  });

  it('splits nothing for a free trade', () => {
    const free = priceTrade({ unitPriceCents: 0, quantity: 1, platformFeeBps: 800, sellerVatRateBps: null });
    const s = splitAfterRefund(free, money(0));
    expect(s.retained.cents + s.platformFee.cents + s.sellerPayout.cents).toBe(0);
  });
});
