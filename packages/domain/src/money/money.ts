import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import { type DecimalInput, divideHalfUp, parseDecimal } from './decimal.ts';

declare const moneyBrand: unique symbol;

/**
 * An amount of euros in integer cents, never negative: prices, payments, fees, payouts, refunds.
 * Signed amounts exist only as ledger postings. Build it with `money()`, never by hand.
 */
export type Money = Readonly<{ cents: number; currency: 'EUR' }> & { readonly [moneyBrand]: true };

export const BASIS_POINTS_PER_UNIT = 10_000;

function moneyError(key: string, details: Record<string, unknown>): DomainError {
  return new DomainError('VALIDATION', key, details);
}

/** Money from integer cents; rejects fractions, negatives and amounts beyond exact integers. */
export function money(cents: number): Money {
  if (typeof cents !== 'number' || !Number.isInteger(cents)) {
    throw moneyError('money.notIntegerCents', { cents: String(cents) });
  }
  if (cents < 0) throw moneyError('money.negative', { cents });
  if (cents > Number.MAX_SAFE_INTEGER) throw moneyError('money.tooLarge', { cents });
  return Object.freeze({ cents: cents === 0 ? 0 : cents, currency: 'EUR' }) as Money;
}

function fromBigInt(cents: bigint): Money {
  if (cents > BigInt(Number.MAX_SAFE_INTEGER))
    throw moneyError('money.tooLarge', { cents: cents.toString() });
  return money(Number(cents));
}

export const ZERO_EUR: Money = money(0);

/** Money from a euro amount with at most two decimals (`'12.5'`, `12.5`); more decimals are rejected, not rounded. */
export function moneyFromEuros(euros: DecimalInput): Money {
  const parsed = parseDecimal(euros, 'euros');
  if (parsed.scale > 2) throw moneyError('money.subCentPrecision', { euros: String(euros) });
  return fromBigInt(parsed.units * 10n ** BigInt(2 - parsed.scale));
}

export function addMoney(...amounts: readonly Money[]): Money {
  return money(amounts.reduce((sum, m) => sum + m.cents, 0));
}

/** `a − b`; a negative result is a rule violation (refunding more than was paid, paying out more than held). */
export function subtractMoney(a: Money, b: Money): Money {
  if (b.cents > a.cents) throw moneyError('money.negativeResult', { minuend: a.cents, subtrahend: b.cents });
  return money(a.cents - b.cents);
}

/** `amount × quantity`, computed exactly and rounded half-up to the cent. */
export function multiplyMoney(amount: Money, quantity: DecimalInput): Money {
  const q = parseDecimal(quantity, 'quantity');
  return fromBigInt(divideHalfUp(BigInt(amount.cents) * q.units, 10n ** BigInt(q.scale)));
}

/** `amount × bps / 10 000` rounded half-up: 2.5 % is 250 bps, French standard VAT 2 000 bps. */
export function basisPoints(amount: Money, bps: number): Money {
  if (!Number.isInteger(bps) || bps < 0) throw moneyError('money.invalidBasisPoints', { bps: String(bps) });
  return fromBigInt(divideHalfUp(BigInt(amount.cents) * BigInt(bps), BigInt(BASIS_POINTS_PER_UNIT)));
}

/**
 * Splits `total` in proportion to `ratios` so that the parts always sum to `total`: each part
 * gets the floor of its share, then the cents left over go one by one to the largest remainders
 * (ties to the earlier part), so the result is deterministic and a zero ratio never gets a cent.
 */
export function allocate(total: Money, ratios: readonly DecimalInput[]): Money[] {
  if (ratios.length === 0) throw moneyError('money.invalidRatios', { reason: 'empty' });
  const parsed = ratios.map((r, i) => parseDecimal(r, `ratios.${i}`));
  const scale = Math.max(...parsed.map((p) => p.scale));
  const weights = parsed.map((p) => p.units * 10n ** BigInt(scale - p.scale));
  const weightSum = weights.reduce((s, w) => s + w, 0n);
  if (weightSum === 0n) throw moneyError('money.invalidRatios', { reason: 'allZero' });

  const cents = BigInt(total.cents);
  const shares = weights.map((w, index) => ({
    index,
    floor: (cents * w) / weightSum,
    remainder: (cents * w) % weightSum,
  }));
  let leftover = cents - shares.reduce((s, p) => s + p.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const extra = new Set<number>();
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    extra.add(share.index);
    leftover -= 1n;
  }
  return shares.map((s) => fromBigInt(s.floor + (extra.has(s.index) ? 1n : 0n)));
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  return a.cents === b.cents ? 0 : a.cents < b.cents ? -1 : 1;
}

export function minMoney(a: Money, b: Money): Money {
  return a.cents <= b.cents ? a : b;
}

export const isZeroMoney = (m: Money): boolean => m.cents === 0;

/** Integer cents as they cross the API or the database; parses into `Money`. */
export const centsSchema = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((cents) => money(cents));

export const moneySchema = z
  .object({ cents: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), currency: z.literal('EUR') })
  .transform(({ cents }) => money(cents));
