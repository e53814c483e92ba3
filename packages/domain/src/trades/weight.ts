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

/**
 * The heaviest weight a trade can record: 1 000 t. Measured weights are stored as 32-bit integer
 * grams (at most 2 147 483 kg), so anything above this bound would overflow the column.
 */
export const MAX_MEASURED_KG = 1_000_000;

/** A weight measured at handover: at least one gram, at most `MAX_MEASURED_KG`. */
export function measuredKgToGrams(kg: DecimalInput, field = 'measuredKg'): number {
  const grams = kgToGrams(kg, field);
  if (grams <= 0) {
    throw new DomainError('VALIDATION', 'weight.notPositive', {
      fields: [{ path: field, key: 'weight.notPositive' }],
    });
  }
  if (grams > MAX_MEASURED_KG * 1000) {
    throw new DomainError('VALIDATION', 'weight.tooLarge', {
      fields: [{ path: field, key: 'weight.tooLarge', params: { max: MAX_MEASURED_KG } }],
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

/** A buyer's scale may differ a little from the seller's (2 %); beyond this, the buyer disputes. */
export const RECEIPT_TOLERANCE = 0.02;

/** The weight a buyer confirms must agree with the handover weight, within `RECEIPT_TOLERANCE`. */
export function assertReceiptAgrees(handoverGrams: number | null, receiptGrams: number): void {
  const handover = handoverGrams ?? 0;
  if (handover > 0 && Math.abs(receiptGrams - handover) > handover * RECEIPT_TOLERANCE) {
    throw new DomainError('VALIDATION', 'trade.receiptWeightDiffers', {
      fields: [
        {
          path: 'receivedKg',
          key: 'trade.receiptWeightDiffers',
          params: { handoverKg: gramsToKg(handover) },
        },
      ],
    });
  }
}
