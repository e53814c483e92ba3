import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { errorDetails } from '../testing/error-details.ts';
import { assertChargeable, lotReachesMinimumCharge, MIN_CHARGE_CENTS, priceTrade } from './pricing.ts';

const price = (unitPriceCents: number, quantity: string, sellerVatRateBps: number | null = null) =>
  priceTrade({ unitPriceCents, quantity, platformFeeBps: 0, sellerVatRateBps });

function keyOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.key : 'not a DomainError';
  }
}

describe('minimum charge (Stripe: 0,50 €)', () => {
  it('is 50 cents', () => {
    expect(MIN_CHARGE_CENTS).toBe(50);
  });

  it.each([
    ['free lot', 0, '3', null, undefined],
    ['rounds to 0 €: free', 1, '0.4', null, undefined],
    ['1 cent', 1, '1', null, 'pricing.belowMinimumCharge'],
    ['49 cents', 49, '1', null, 'pricing.belowMinimumCharge'],
    ['50 cents', 50, '1', null, undefined],
    ['42 cents + 20 % VAT = 50 cents', 42, '1', 2000, undefined],
    ['41 cents + 20 % VAT = 49 cents', 41, '1', 2000, 'pricing.belowMinimumCharge'],
    ['10 cents × 5', 10, '5', null, undefined],
    ['10 cents × 4.9', 10, '4.9', null, 'pricing.belowMinimumCharge'],
  ] as const)('a trade: %s', (_label, unit, qty, vat, key) => {
    expect(keyOf(() => assertChargeable(price(unit, qty, vat)))).toBe(key);
  });

  it('names the field and the minimum in the error', () => {
    const error = (() => {
      try {
        assertChargeable(price(20, '2'), 'quantity');
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.details).toMatchObject({
      fields: [{ path: 'quantity', key: 'pricing.belowMinimumCharge', params: { minCents: 50 } }],
      totalCents: 40,
    });
  });

  it.each([
    [null, '1', null, true],
    [0, '1', null, true],
    [49, '1', null, false],
    [50, '1', null, true],
    [1, '50', null, true],
    [1, '49', null, false],
    [41, '1', 2000, false],
    [42, '1', 2000, true],
    [5, '9.8', null, false],
    [5, '9.9', null, true],
  ] as const)('a lot at %s cents × %s (VAT %s bps) reaches it: %s', (unit, qty, vat, ok) => {
    expect(lotReachesMinimumCharge({ unitPriceCents: unit, quantity: qty, sellerVatRateBps: vat })).toBe(ok);
  });

  it('refuses a trade below the minimum as a validation error of its quantity by default', () => {
    expect(errorDetails(() => assertChargeable(price(20, '2')))).toEqual({
      code: 'VALIDATION',
      key: 'pricing.belowMinimumCharge',
      fields: [{ path: 'quantity', key: 'pricing.belowMinimumCharge', params: { minCents: 50 } }],
      totalCents: 40,
    });
  });

  it('points at the lot’s quantity when it cannot be read', () => {
    expect(
      errorDetails(() =>
        lotReachesMinimumCharge({ unitPriceCents: 100, quantity: 'deux', sellerVatRateBps: null }),
      ),
    ).toEqual({
      code: 'VALIDATION',
      key: 'decimal.invalid',
      fields: [{ path: 'quantity', key: 'decimal.invalid' }],
      value: 'deux',
    });
  });
});
