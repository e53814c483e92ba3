import { DomainError } from '../shared/errors.ts';
import { compareDecimals, type DecimalInput, decimalToString, parseDecimal } from './decimal.ts';
import {
  addMoney,
  allocate,
  BASIS_POINTS_PER_UNIT,
  basisPoints,
  type Money,
  money,
  multiplyMoney,
  subtractMoney,
  ZERO_EUR,
} from './money.ts';

export interface PriceTradeInput {
  /** Price of one unit of the lot (kg, m², piece…), excluding VAT. */
  unitPriceCents: number;
  /** Quantity in the lot's unit; decimals allowed. */
  quantity: DecimalInput;
  /** Platform fee on the subtotal, from config; may be 0. */
  platformFeeBps: number;
  /** The seller site's VAT rate, or `null` when it is not VAT-registered (many associations). */
  sellerVatRateBps: number | null;
}

/**
 * What both sides see. `subtotal + vat = total` (what the buyer pays) and
 * `platformFee + sellerPayout = total`, exactly, in integer cents.
 */
export interface PriceBreakdown {
  unitPrice: Money;
  /** Canonical decimal string of the priced quantity (`'2.5'`). */
  quantity: string;
  platformFeeBps: number;
  sellerVatRateBps: number | null;
  /** HT. */
  subtotal: Money;
  vat: Money;
  /** TTC, paid by the buyer. */
  total: Money;
  platformFee: Money;
  sellerPayout: Money;
  /** Nothing to pay: a free lot, or a quantity so small the total rounds to 0 €. */
  isFree: boolean;
}

/**
 * The largest trade total (TTC) the platform accepts: 1 000 000 €. Far above any lot of offcuts,
 * and far below the 32-bit integer cents columns of the trade and ledger tables (21 474 836,47 €),
 * so no computed amount — total, fee, refund — can overflow them.
 */
export const MAX_TRADE_TOTAL_CENTS = 100_000_000;

function checkRate(bps: number, key: string, field: string): void {
  if (!Number.isInteger(bps) || bps < 0 || bps > BASIS_POINTS_PER_UNIT) {
    throw new DomainError('VALIDATION', key, { fields: [{ path: field, key }], bps: String(bps) });
  }
}

/** Prices a trade on the server; the client never sends an amount. */
export function priceTrade(input: PriceTradeInput): PriceBreakdown {
  const unitPrice = money(input.unitPriceCents);
  const quantity = parseDecimal(input.quantity, 'quantity');
  checkRate(input.platformFeeBps, 'pricing.invalidFeeRate', 'platformFeeBps');
  if (input.sellerVatRateBps !== null) {
    checkRate(input.sellerVatRateBps, 'pricing.invalidVatRate', 'sellerVatRateBps');
  }

  const subtotal = multiplyMoney(unitPrice, decimalToString(quantity));
  const vat = input.sellerVatRateBps === null ? ZERO_EUR : basisPoints(subtotal, input.sellerVatRateBps);
  const total = addMoney(subtotal, vat);
  if (total.cents > MAX_TRADE_TOTAL_CENTS) {
    throw new DomainError('VALIDATION', 'pricing.totalTooLarge', {
      fields: [
        { path: 'quantity', key: 'pricing.totalTooLarge', params: { maxCents: MAX_TRADE_TOTAL_CENTS } },
      ],
      totalCents: total.cents,
    });
  }
  // The fee is taken on the HT subtotal: VAT belongs to the seller's tax return, not to our revenue.
  const platformFee = basisPoints(subtotal, input.platformFeeBps);
  const sellerPayout = subtractMoney(total, platformFee);
  return {
    unitPrice,
    quantity: decimalToString(quantity),
    platformFeeBps: input.platformFeeBps,
    sellerVatRateBps: input.sellerVatRateBps,
    subtotal,
    vat,
    total,
    platformFee,
    sellerPayout,
    isFree: total.cents === 0,
  };
}

/**
 * Stripe's smallest charge in euros: 0,50 €. A paid trade below it could never be paid, so it is
 * refused when it is priced, not when the buyer reaches the payment page.
 */
export const MIN_CHARGE_CENTS = 50;

const belowMinimumCharge = (path: string, totalCents: number) =>
  new DomainError('VALIDATION', 'pricing.belowMinimumCharge', {
    fields: [{ path, key: 'pricing.belowMinimumCharge', params: { minCents: MIN_CHARGE_CENTS } }],
    totalCents,
  });

/** A trade is free (0 €) or costs at least `MIN_CHARGE_CENTS`; refuses one in between. */
export function assertChargeable(breakdown: PriceBreakdown, path = 'quantity'): void {
  if (!breakdown.isFree && breakdown.total.cents < MIN_CHARGE_CENTS) {
    throw belowMinimumCharge(path, breakdown.total.cents);
  }
}

/**
 * A priced lot must be sellable: its whole quantity, VAT included, must reach the minimum charge,
 * or no trade of it could ever be paid. Free lots (no price, or 0) always are.
 */
export function lotReachesMinimumCharge(input: {
  unitPriceCents: number | null;
  quantity: DecimalInput;
  sellerVatRateBps: number | null;
}): boolean {
  if (!input.unitPriceCents) return true;
  const subtotal = multiplyMoney(
    money(input.unitPriceCents),
    decimalToString(parseDecimal(input.quantity, 'quantity')),
  );
  const vat = input.sellerVatRateBps === null ? ZERO_EUR : basisPoints(subtotal, input.sellerVatRateBps);
  return addMoney(subtotal, vat).cents >= MIN_CHARGE_CENTS;
}

export interface WeightRepricing {
  /** The breakdown at the measured weight, capped at the quantity paid for. */
  final: PriceBreakdown;
  /** `original.total − final.total`; never negative. */
  refund: Money;
  measuredKg: string;
  billedKg: string;
}

/**
 * For lots priced per kg: the final price follows the weight measured at handover.
 * Less than paid for → the difference is refunded. More than paid for → the buyer pays what was
 * agreed and no more: the buyer's payment is already captured, a second charge would need a new
 * authorisation after the material has left, and the seller chose to hand over the extra.
 */
export function repriceForMeasuredWeight(
  original: PriceBreakdown,
  measuredKg: DecimalInput,
): WeightRepricing {
  const measured = parseDecimal(measuredKg, 'measuredKg');
  const agreed = parseDecimal(original.quantity, 'quantity');
  const billed = compareDecimals(measured, agreed) < 0 ? measured : agreed;
  const final = priceTrade({
    unitPriceCents: original.unitPrice.cents,
    quantity: decimalToString(billed),
    platformFeeBps: original.platformFeeBps,
    sellerVatRateBps: original.sellerVatRateBps,
  });
  return {
    final,
    refund: subtractMoney(original.total, final.total),
    measuredKg: decimalToString(measured),
    billedKg: decimalToString(billed),
  };
}

export interface RefundSplit {
  refund: Money;
  /** What stays in the trade after the refund: `total − refund`. */
  retained: Money;
  /** `platformFee + sellerPayout = retained`. */
  platformFee: Money;
  sellerPayout: Money;
}

/**
 * Splits what remains of a payment after a refund (an operator's partial refund in a dispute):
 * the platform fee and the seller's payout shrink in proportion, and still sum to what remains.
 * A refund above what is still refundable is rejected.
 */
export function splitAfterRefund(
  breakdown: PriceBreakdown,
  refund: Money,
  alreadyRefunded: Money = ZERO_EUR,
): RefundSplit {
  assertRefundable({ paid: breakdown.total, alreadyRefunded, refund });
  const retained = subtractMoney(breakdown.total, addMoney(alreadyRefunded, refund));
  if (breakdown.total.cents === 0) return { refund, retained, platformFee: ZERO_EUR, sellerPayout: ZERO_EUR };
  const [platformFee = ZERO_EUR, sellerPayout = ZERO_EUR] = allocate(retained, [
    breakdown.platformFee.cents,
    breakdown.sellerPayout.cents,
  ]);
  return { refund, retained, platformFee, sellerPayout };
}

/** Rejects a refund that would take the refunded total above what was paid. */
export function assertRefundable(input: { paid: Money; alreadyRefunded: Money; refund: Money }): void {
  if (input.alreadyRefunded.cents + input.refund.cents > input.paid.cents) {
    throw new DomainError('VALIDATION', 'trade.refundExceedsPaid', {
      fields: [{ path: 'refundCents', key: 'trade.refundExceedsPaid' }],
      paidCents: input.paid.cents,
      alreadyRefundedCents: input.alreadyRefunded.cents,
      refundCents: input.refund.cents,
    });
  }
}
