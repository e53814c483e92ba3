import { DomainError } from '../shared/errors.ts';

/** A non-negative decimal given as a number (`2.5`) or a string (`'2.5'`, `'1e-3'`); never a comma. */
export type DecimalInput = number | string;

/**
 * What a French user types (`2,5`) as the decimal the rules read (`2.5`): the one place a decimal
 * comma becomes a dot, for the API's inputs and the web's fields alike. Numbers pass unchanged.
 */
export function fromDecimalComma<T extends DecimalInput>(value: T): T {
  return (typeof value === 'string' ? value.replace(',', '.') : value) as T;
}

/** An exact non-negative decimal: `units / 10^scale`. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;
// Bounds the BigInt work on hostile input; real quantities and weights are far inside them.
const MAX_LENGTH = 64;
const MAX_EXPONENT = 30;

function invalid(field: string, value: unknown, key: 'decimal.invalid' | 'decimal.negative'): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path: field, key }], value: String(value) });
}

/**
 * Parses a non-negative decimal exactly. Numbers go through their shortest round-trip
 * representation (`String(1.005)` is `'1.005'`), so `1.005` means 1.005 and not the binary
 * 1.00499999999999989…: rounding half-up on the exact value is what makes 0.5-cent cases honest.
 */
export function parseDecimal(value: DecimalInput, field = 'value'): ExactDecimal {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(field, value, 'decimal.invalid');
    if (value < 0) throw invalid(field, value, 'decimal.negative');
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (/^-\d/.test(text)) {
      const magnitude = parseDecimal(text.slice(1), field);
      if (magnitude.units !== 0n) throw invalid(field, value, 'decimal.negative');
      return magnitude;
    }
  } else {
    throw invalid(field, value, 'decimal.invalid');
  }
  const match = text.length <= MAX_LENGTH ? DECIMAL_PATTERN.exec(text) : null;
  if (!match) throw invalid(field, value, 'decimal.invalid');
  const [, intPart = '0', fracPart = '', expPart = '0'] = match;
  const exponent = Number(expPart);
  if (Math.abs(exponent) > MAX_EXPONENT) throw invalid(field, value, 'decimal.invalid');
  let units = BigInt(intPart + fracPart);
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalize({ units, scale });
}

function normalize(d: ExactDecimal): ExactDecimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Canonical string form: no exponent, no trailing zeros (`'2.5'`, `'0.001'`, `'12'`). */
export function decimalToString(d: ExactDecimal): string {
  const { units, scale } = normalize(d);
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** -1, 0 or 1, compared exactly. */
export function compareDecimals(a: ExactDecimal, b: ExactDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** `numerator / denominator` rounded half-up; both non-negative, denominator positive. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/** `value × 10^digits` rounded half-up to an integer, e.g. kg → g with `digits = 3`. */
export function scaleHalfUp(value: ExactDecimal, digits: number): bigint {
  const shift = digits - value.scale;
  if (shift >= 0) return value.units * 10n ** BigInt(shift);
  return divideHalfUp(value.units, 10n ** BigInt(-shift));
}
