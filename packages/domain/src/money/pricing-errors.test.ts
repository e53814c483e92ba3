import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { money } from './money.ts';
import { assertRefundable, MAX_TRADE_TOTAL_CENTS, priceTrade, repriceForMeasuredWeight } from './pricing.ts';

// Pricing errors reach the buyer as field messages: the field path, the key and the numbers
// in the details are what the web form and the API show.
function details(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { key: e.key, ...e.details };
    throw e;
  }
  throw new Error('did not throw');
}

const base = { unitPriceCents: 1000, quantity: '2', platformFeeBps: 1000, sellerVatRateBps: 2000 };

describe('pricing errors name the field', () => {
  it.each<[string, () => unknown, unknown]>([
    [
      'a fee rate above 100 %',
      () => priceTrade({ ...base, platformFeeBps: 10_001 }),
      {
        key: 'pricing.invalidFeeRate',
        fields: [{ path: 'platformFeeBps', key: 'pricing.invalidFeeRate' }],
        bps: '10001',
      },
    ],
    [
      'a negative VAT rate',
      () => priceTrade({ ...base, sellerVatRateBps: -1 }),
      {
        key: 'pricing.invalidVatRate',
        fields: [{ path: 'sellerVatRateBps', key: 'pricing.invalidVatRate' }],
        bps: '-1',
      },
    ],
    [
      'a total above the ceiling',
      () => priceTrade({ ...base, unitPriceCents: MAX_TRADE_TOTAL_CENTS, sellerVatRateBps: null }),
      {
        key: 'pricing.totalTooLarge',
        fields: [
          { path: 'quantity', key: 'pricing.totalTooLarge', params: { maxCents: MAX_TRADE_TOTAL_CENTS } },
        ],
        totalCents: 2 * MAX_TRADE_TOTAL_CENTS,
      },
    ],
    [
      'a refund above what was paid',
      () => assertRefundable({ paid: money(1000), alreadyRefunded: money(300), refund: money(701) }),
      {
        key: 'trade.refundExceedsPaid',
        fields: [{ path: 'refundCents', key: 'trade.refundExceedsPaid' }],
        paidCents: 1000,
        alreadyRefundedCents: 300,
        refundCents: 701,
      },
    ],
  ])('%s', (_name, fn, expected) => {
    expect(details(fn)).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    ['priceTrade', () => priceTrade({ ...base, quantity: '2,5' }), 'quantity'],
    [
      'repriceForMeasuredWeight (measured)',
      () => repriceForMeasuredWeight(priceTrade(base), 'abc'),
      'measuredKg',
    ],
    [
      'repriceForMeasuredWeight (agreed)',
      () => repriceForMeasuredWeight({ ...priceTrade(base), quantity: 'x' }, '1'),
      'quantity',
    ],
  ])('%s names the bad decimal', (_name, fn, path) => {
    expect(details(fn)).toMatchObject({ fields: [{ path }] });
  });

  it('accepts a total exactly at the ceiling', () => {
    expect(
      priceTrade({ ...base, unitPriceCents: MAX_TRADE_TOTAL_CENTS, quantity: 1, sellerVatRateBps: null })
        .total.cents,
    ).toBe(MAX_TRADE_TOTAL_CENTS);
  });
});
