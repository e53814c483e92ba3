import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { assertReceiptAgrees, gramsToKg, kgToGrams, measuredKgToGrams } from './weight.ts';

function errorKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('weights in grams', () => {
  it.each([
    ['12.3456', 12346],
    ['12.3455', 12346],
    [12.3454, 12345],
    [0.0005, 1],
    [0.0004, 0],
    [40, 40000],
    ['1e-3', 1],
  ])('%o kg → %d g', (kg, grams) => {
    expect(kgToGrams(kg)).toBe(grams);
  });

  it.each([
    [-1, 'VALIDATION decimal.negative'],
    ['12,5', 'VALIDATION decimal.invalid'],
    [1e30, 'VALIDATION weight.tooLarge'],
  ])('rejects %o kg', (kg, expected) => {
    expect(errorKey(() => kgToGrams(kg))).toBe(expected);
  });

  it('requires a measured weight of at least a gram', () => {
    expect(measuredKgToGrams('0.001')).toBe(1);
    expect(errorKey(() => measuredKgToGrams(0))).toBe('VALIDATION weight.notPositive');
    expect(errorKey(() => measuredKgToGrams('0.0004'))).toBe('VALIDATION weight.notPositive');
  });

  it('refuses a measured weight that would overflow the 32-bit grams column', () => {
    expect(measuredKgToGrams('1000000')).toBe(1_000_000_000);
    expect(errorKey(() => measuredKgToGrams('1000000.001'))).toBe('VALIDATION weight.tooLarge');
    // The probe's value: 2 147 484 kg is 2 147 484 000 g, one kilogram above int4.
    expect(errorKey(() => measuredKgToGrams('2147484'))).toBe('VALIDATION weight.tooLarge');
  });

  it.each([
    [12346, '12.346'],
    [1000, '1'],
    [5, '0.005'],
    [0, '0'],
  ])('%d g → %s kg', (grams, kg) => {
    expect(gramsToKg(grams)).toBe(kg);
  });

  it.each([[-1], [1.5]])('rejects %d g', (grams) => {
    expect(errorKey(() => gramsToKg(grams))).toBe('VALIDATION weight.invalidGrams');
  });
});

describe('weight errors name the field and the message key', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (isDomainError(e)) return e.details;
      throw e;
    }
    throw new Error('did not throw');
  }

  it.each([
    ['kgToGrams, default field', () => kgToGrams(1e30), 'weightKg', 'weight.tooLarge'],
    ['kgToGrams, given field', () => kgToGrams('1e30', 'massKg'), 'massKg', 'weight.tooLarge'],
    ['measuredKgToGrams, default field', () => measuredKgToGrams(0), 'measuredKg', 'weight.notPositive'],
    [
      'measuredKgToGrams, given field',
      () => measuredKgToGrams('0', 'handoverKg'),
      'handoverKg',
      'weight.notPositive',
    ],
  ])('%s', (_name, fn, path, key) => {
    expect(details(fn)).toEqual({ fields: [{ path, key }] });
  });

  it('passes the field name down to the decimal parser', () => {
    expect(details(() => measuredKgToGrams('abc'))).toMatchObject({ fields: [{ path: 'measuredKg' }] });
    expect(details(() => kgToGrams('abc'))).toMatchObject({ fields: [{ path: 'weightKg' }] });
  });

  it('accepts the largest safe number of grams and refuses one more', () => {
    expect(kgToGrams('9007199254740.991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(errorKey(() => kgToGrams('9007199254740.992'))).toBe('VALIDATION weight.tooLarge');
  });

  it('says which gram count was invalid', () => {
    expect(details(() => gramsToKg(1.5))).toEqual({ grams: '1.5' });
    expect(details(() => gramsToKg(-2))).toEqual({ grams: '-2' });
  });
});

describe('the heaviest measured weight', () => {
  it('accepts 1 000 t and refuses one gram more, saying the limit', () => {
    expect(measuredKgToGrams(1_000_000)).toBe(1_000_000_000);
    try {
      measuredKgToGrams('1000000.001', 'handoverKg');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && { key: e.key, ...e.details }).toEqual({
        key: 'weight.tooLarge',
        fields: [{ path: 'handoverKg', key: 'weight.tooLarge', params: { max: 1_000_000 } }],
      });
    }
  });
});

describe('assertReceiptAgrees: the refusal a buyer sees', () => {
  it('names the received weight field and states the handover weight in kg', () => {
    let refusal: unknown;
    try {
      assertReceiptAgrees(10_000, 10_201);
    } catch (e) {
      refusal = e;
    }
    expect(isDomainError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: 'VALIDATION',
      key: 'trade.receiptWeightDiffers',
      details: {
        fields: [{ path: 'receivedKg', key: 'trade.receiptWeightDiffers', params: { handoverKg: '10' } }],
      },
    });
  });
});
