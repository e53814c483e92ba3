import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import {
  compareDecimals,
  decimalToString,
  divideHalfUp,
  fromDecimalComma,
  parseDecimal,
  scaleHalfUp,
} from './decimal.ts';

function errorKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('parseDecimal', () => {
  it.each([
    [2.5, '2.5'],
    ['12', '12'],
    ['0012.500', '12.5'],
    [' 3.75 ', '3.75'],
    [1.005, '1.005'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    ['1E3', '1000'],
    ['2.5e-2', '0.025'],
    [0, '0'],
    [-0, '0'],
    ['-0', '0'],
    ['-0.000', '0'],
  ])('%o → %s', (input, canonical) => {
    expect(decimalToString(parseDecimal(input))).toBe(canonical);
  });

  it.each([
    ['', 'VALIDATION decimal.invalid'],
    ['1,5', 'VALIDATION decimal.invalid'],
    ['.5', 'VALIDATION decimal.invalid'],
    ['5.', 'VALIDATION decimal.invalid'],
    ['+5', 'VALIDATION decimal.invalid'],
    ['--5', 'VALIDATION decimal.invalid'],
    ['abc', 'VALIDATION decimal.invalid'],
    ['1e999', 'VALIDATION decimal.invalid'],
    ['9'.repeat(65), 'VALIDATION decimal.invalid'],
    [Number.NaN, 'VALIDATION decimal.invalid'],
    [Number.POSITIVE_INFINITY, 'VALIDATION decimal.invalid'],
    [-1, 'VALIDATION decimal.negative'],
    ['-0.01', 'VALIDATION decimal.negative'],
  ])('rejects %o', (input, expected) => {
    expect(errorKey(() => parseDecimal(input))).toBe(expected);
  });

  it('names the field in the error', () => {
    try {
      parseDecimal(-2, 'quantity');
    } catch (e) {
      expect(isDomainError(e) && e.details.fields).toEqual([{ path: 'quantity', key: 'decimal.negative' }]);
    }
    expect.assertions(1);
  });
});

describe('compareDecimals', () => {
  it.each([
    ['1.5', '1.50', 0],
    ['1.49', '1.5', -1],
    ['10', '9.999', 1],
    ['0', '0.000', 0],
  ] as const)('%s vs %s → %d', (a, b, expected) => {
    expect(compareDecimals(parseDecimal(a), parseDecimal(b))).toBe(expected);
  });
});

describe('rounding half-up', () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [0n, 7n, 0n],
    [7n, 7n, 1n],
    [10n, 3n, 3n],
    [11n, 3n, 4n],
  ])('%d / %d → %d', (n, d, q) => {
    expect(divideHalfUp(n, d)).toBe(q);
  });

  it.each([
    ['12.3455', 3, 12346n],
    ['12.3454', 3, 12345n],
    ['0.0005', 3, 1n],
    ['0.0004', 3, 0n],
    ['7', 3, 7000n],
  ])('%s × 10^%d → %d', (value, digits, expected) => {
    expect(scaleHalfUp(parseDecimal(value), digits)).toBe(expected);
  });
});

describe('parseDecimal limits', () => {
  it('refuses minus infinity as invalid, not negative', () => {
    expect(errorKey(() => parseDecimal(Number.NEGATIVE_INFINITY))).toBe('VALIDATION decimal.invalid');
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(decimalToString(parseDecimal('1'.repeat(64)))).toBe('1'.repeat(64));
    expect(errorKey(() => parseDecimal(`1${'0'.repeat(63)}0`))).toBe('VALIDATION decimal.invalid');
  });

  it('names the field "value" by default', () => {
    try {
      parseDecimal('x');
    } catch (e) {
      expect(isDomainError(e) && e.details.fields).toEqual([{ path: 'value', key: 'decimal.invalid' }]);
    }
    expect.assertions(1);
  });
});

describe('fromDecimalComma', () => {
  it('reads a French decimal comma as a dot, and leaves numbers and dots alone', () => {
    expect(fromDecimalComma('2,5')).toBe('2.5');
    expect(fromDecimalComma('2.5')).toBe('2.5');
    expect(fromDecimalComma(2.5)).toBe(2.5);
    expect(decimalToString(parseDecimal(fromDecimalComma('0,001')))).toBe('0.001');
  });

  it('turns only the first comma, so a thousands-separated value stays invalid for the rules', () => {
    expect(fromDecimalComma('1,234,5')).toBe('1.234,5');
    expect(() => parseDecimal(fromDecimalComma('1,234,5'))).toThrow();
  });
});
