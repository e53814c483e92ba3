import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { formatEur } from './format-eur.ts';
import {
  addMoney,
  allocate,
  basisPoints,
  centsSchema,
  compareMoney,
  isZeroMoney,
  type Money,
  minMoney,
  money,
  moneyFromEuros,
  moneySchema,
  multiplyMoney,
  subtractMoney,
  ZERO_EUR,
} from './money.ts';

function errorKey(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? `${e.code} ${e.key}` : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

const cents = (ms: readonly Money[]) => ms.map((m) => m.cents);

describe('money', () => {
  it('holds integer cents in EUR', () => {
    expect(money(1250)).toEqual({ cents: 1250, currency: 'EUR' });
    expect(Object.isFrozen(money(1))).toBe(true);
    expect(ZERO_EUR.cents).toBe(0);
  });

  it.each([
    [12.5, 'VALIDATION money.notIntegerCents'],
    [0.1, 'VALIDATION money.notIntegerCents'],
    [Number.NaN, 'VALIDATION money.notIntegerCents'],
    [Number.POSITIVE_INFINITY, 'VALIDATION money.notIntegerCents'],
    ['100' as unknown as number, 'VALIDATION money.notIntegerCents'],
    [-1, 'VALIDATION money.negative'],
    [2 ** 53, 'VALIDATION money.tooLarge'],
  ])('rejects %o cents', (input, expected) => {
    expect(errorKey(() => money(input))).toBe(expected);
  });

  it.each([
    ['12.5', 1250],
    [12.5, 1250],
    ['0.01', 1],
    ['7', 700],
    [19.99, 1999],
    ['0', 0],
  ])('moneyFromEuros(%o) → %d cents', (euros, expected) => {
    expect(moneyFromEuros(euros).cents).toBe(expected);
  });

  it.each([
    ['12.345', 'VALIDATION money.subCentPrecision'],
    ['-1', 'VALIDATION decimal.negative'],
    ['12,50', 'VALIDATION decimal.invalid'],
  ])('moneyFromEuros(%o) is rejected', (euros, expected) => {
    expect(errorKey(() => moneyFromEuros(euros))).toBe(expected);
  });
});

describe('arithmetic', () => {
  it('adds and subtracts exactly', () => {
    expect(addMoney(money(1), money(2), money(3)).cents).toBe(6);
    expect(addMoney().cents).toBe(0);
    expect(subtractMoney(money(500), money(120)).cents).toBe(380);
    expect(subtractMoney(money(500), money(500)).cents).toBe(0);
  });

  it('rejects a negative difference', () => {
    expect(errorKey(() => subtractMoney(money(100), money(101)))).toBe('VALIDATION money.negativeResult');
  });

  it('compares', () => {
    expect(compareMoney(money(1), money(2))).toBe(-1);
    expect(compareMoney(money(2), money(2))).toBe(0);
    expect(compareMoney(money(3), money(2))).toBe(1);
    expect(minMoney(money(3), money(2)).cents).toBe(2);
  });

  it.each([
    [100, 2.5, 250],
    [125, 0.5, 63],
    [125, '0.5', 63],
    [3, 0.5, 2],
    [5, 0.5, 3],
    [1, 0.5, 1],
    [1, 0.49, 0],
    [1, '0.4999999', 0],
    [1000, 1.005, 1005],
    [333, '0.001', 0],
    [500, '0.001', 1],
    [499, '0.001', 0],
    [19999, 3, 59997],
    [100, '1e-2', 1],
    [0, 99, 0],
    [100, 0, 0],
  ])('%d cents × %o → %d cents (half-up)', (amount, quantity, expected) => {
    expect(multiplyMoney(money(amount), quantity).cents).toBe(expected);
  });

  it('rejects a negative quantity', () => {
    expect(errorKey(() => multiplyMoney(money(100), -2))).toBe('VALIDATION decimal.negative');
  });

  it.each([
    [1000, 250, 25],
    [10, 500, 1],
    [9, 500, 0],
    [3, 5000, 2],
    [12345, 2000, 2469],
    [199, 550, 11],
    [1, 9999, 1],
    [1, 4999, 0],
    [100, 0, 0],
    [0, 2000, 0],
    [100, 20000, 200],
  ])('%d cents at %d bps → %d cents (half-up)', (amount, bps, expected) => {
    expect(basisPoints(money(amount), bps).cents).toBe(expected);
  });

  it.each([[-1], [2.5], [Number.NaN]])('rejects %o basis points', (bps) => {
    expect(errorKey(() => basisPoints(money(100), bps))).toBe('VALIDATION money.invalidBasisPoints');
  });
});

describe('allocate', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 1], [50, 50]],
    [101, [50, 50], [51, 50]],
    [5, [1, 1, 1, 1], [2, 1, 1, 1]],
    [1000, [0.7, 0.3], [700, 300]],
    [1000, ['0.7', '0.2', '0.1'], [700, 200, 100]],
    [1, [1, 2], [0, 1]],
    [2, [1, 1, 1], [1, 1, 0]],
    [10, [0, 1], [0, 10]],
    [0, [1, 2], [0, 0]],
    [2750, [250, 3500], [183, 2567]],
    [7, [3], [7]],
  ] as const)('%d cents by %o → %o', (total, ratios, expected) => {
    expect(cents(allocate(money(total), ratios))).toEqual(expected);
  });

  it.each([
    [[], 'VALIDATION money.invalidRatios'],
    [[0, 0], 'VALIDATION money.invalidRatios'],
    [[-1, 2], 'VALIDATION decimal.negative'],
  ])('rejects ratios %o', (ratios, expected) => {
    expect(errorKey(() => allocate(money(100), ratios))).toBe(expected);
  });

  it('always sums to the total and stays within a cent of the exact share', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 2000; run += 1) {
      const total = Math.floor(random() * 1_000_000);
      const ratios = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 1000));
      if (!ratios.some((r) => r > 0)) ratios[0] = 1;
      const parts = cents(allocate(money(total), ratios));
      const ratioSum = ratios.reduce((s, r) => s + r, 0);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
      parts.forEach((part, i) => {
        expect(Math.abs(part - (total * (ratios[i] ?? 0)) / ratioSum)).toBeLessThan(1);
      });
    }
  });
});

describe('formatEur', () => {
  // Intl writes a narrow no-break space (U+202F) between thousands and a no-break space (U+00A0) before €.
  it.each([
    [1250, 'fr', '12,50\u00a0€'],
    [123456, 'fr', '1\u202f234,56\u00a0€'],
    [5, 'fr', '0,05\u00a0€'],
    [0, 'fr', '0,00\u00a0€'],
    [1250, 'en', '€12.50'],
    [123456, 'en', '€1,234.56'],
    [100000000, 'en', '€1,000,000.00'],
  ] as const)('%d cents in %s → %s', (amount, locale, expected) => {
    expect(formatEur(money(amount), locale)).toBe(expected);
  });

  it('defaults to French', () => {
    expect(formatEur(money(999))).toBe('9,99\u00a0€');
  });
});

describe('schemas', () => {
  it('parse cents into Money and reject bad amounts', () => {
    expect(centsSchema.parse(1250)).toEqual(money(1250));
    expect(moneySchema.parse({ cents: 5, currency: 'EUR' })).toEqual(money(5));
    expect(centsSchema.safeParse(12.5).success).toBe(false);
    expect(centsSchema.safeParse(-1).success).toBe(false);
    expect(moneySchema.safeParse({ cents: 5, currency: 'USD' }).success).toBe(false);
  });
});

describe('money errors carry what was wrong', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (isDomainError(e)) return { key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it.each([
    ['a fraction of a cent', () => money(12.5), { key: 'money.notIntegerCents', cents: '12.5' }],
    ['a negative amount', () => money(-3), { key: 'money.negative', cents: -3 }],
    ['an amount past exact integers', () => money(2 ** 53), { key: 'money.tooLarge', cents: 2 ** 53 }],
    [
      'euros past exact integers (checked before converting)',
      () => moneyFromEuros('90071992547409.93'),
      { key: 'money.tooLarge', cents: '9007199254740993' },
    ],
    ['sub-cent euros', () => moneyFromEuros('12.345'), { key: 'money.subCentPrecision', euros: '12.345' }],
    [
      'a negative difference',
      () => subtractMoney(money(100), money(101)),
      { key: 'money.negativeResult', minuend: 100, subtrahend: 101 },
    ],
    [
      'fractional basis points',
      () => basisPoints(money(100), 2.5),
      { key: 'money.invalidBasisPoints', bps: '2.5' },
    ],
    ['no ratios', () => allocate(money(100), []), { key: 'money.invalidRatios', reason: 'empty' }],
    [
      'all-zero ratios',
      () => allocate(money(100), [0, '0.0']),
      { key: 'money.invalidRatios', reason: 'allZero' },
    ],
  ])('%s', (_name, fn, expected) => {
    expect(details(fn)).toEqual(expected);
  });

  it.each([
    ['moneyFromEuros', () => moneyFromEuros('1,5'), 'euros'],
    ['multiplyMoney', () => multiplyMoney(money(100), 'x'), 'quantity'],
    ['allocate', () => allocate(money(100), [1, 2, -1]), 'ratios.2'],
  ])('%s names the field of a bad decimal', (_name, fn, path) => {
    expect(details(fn)).toMatchObject({ fields: [{ path }] });
  });

  it('accepts the largest exact amount', () => {
    expect(money(Number.MAX_SAFE_INTEGER).cents).toBe(Number.MAX_SAFE_INTEGER);
    expect(moneyFromEuros('90071992547409.91').cents).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('allocate with ratios of different precision', () => {
  it.each([
    [100, ['0.5', '1'], [33, 67]],
    [100, ['1', '0.5'], [67, 33]],
    [1000, ['0.25', 3, '0.125'], [74, 889, 37]],
  ] as const)('%d cents by %o → %o', (total, ratios, expected) => {
    expect(cents(allocate(money(total), ratios))).toEqual(expected);
  });
});

describe('comparisons', () => {
  it('minMoney returns the smaller amount, the first one on a tie', () => {
    const two = money(2);
    const three = money(3);
    const otherTwo = money(2);
    expect(minMoney(two, three)).toBe(two);
    expect(minMoney(three, two)).toBe(two);
    expect(minMoney(two, otherTwo)).toBe(two);
    expect(minMoney(otherTwo, two)).toBe(otherTwo);
  });

  it('isZeroMoney', () => {
    expect(isZeroMoney(ZERO_EUR)).toBe(true);
    expect(isZeroMoney(money(0))).toBe(true);
    expect(isZeroMoney(money(1))).toBe(false);
  });
});
