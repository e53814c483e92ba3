import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { gramsToKg, kgToGrams, measuredKgToGrams } from './weight.ts';

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
