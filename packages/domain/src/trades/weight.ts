import { type DecimalInput, decimalToString, parseDecimal, scaleHalfUp } from '../money/decimal.ts';
import { DomainError } from '../shared/errors.ts';

/**
 * Weights are carried as integer grams so that ledger sums are exact; scales show at best the gram.
 * `'12.3456'` kg → 12 346 g (half-up). Negative or malformed weights are rejected.
 */
export function kgToGrams(kg: DecimalInput, field = 'weightKg'): number {
  const grams = scaleHalfUp(parseDecimal(kg, field), 3);
  if (grams > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION', 'weight.tooLarge', {
      fields: [{ path: field, key: 'weight.tooLarge' }],
    });
  }
  return Number(grams);
}

/** A weight measured at handover: at least one gram. */
export function measuredKgToGrams(kg: DecimalInput, field = 'measuredKg'): number {
  const grams = kgToGrams(kg, field);
  if (grams <= 0) {
    throw new DomainError('VALIDATION', 'weight.notPositive', {
      fields: [{ path: field, key: 'weight.notPositive' }],
    });
  }
  return grams;
}

/** Integer grams → canonical kg decimal string (`12346` → `'12.346'`), as pricing and SQL numeric take it. */
export function gramsToKg(grams: number): string {
  if (!Number.isSafeInteger(grams) || grams < 0) {
    throw new DomainError('VALIDATION', 'weight.invalidGrams', { grams: String(grams) });
  }
  return decimalToString({ units: BigInt(grams), scale: 3 });
}
