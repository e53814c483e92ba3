import type { LotStatus } from '../lots/lot-rules.ts';
import { statusAfterQuantityChange } from '../lots/lot-rules.ts';
import { type DecimalInput, decimalToString, parseDecimal, scaleHalfUp } from '../money/decimal.ts';
import { DomainError } from '../shared/errors.ts';

/** A lot's stock as stored: quantities in its unit (3 decimals at most), and its status. */
export interface LotStock {
  quantity: DecimalInput;
  reserved: DecimalInput;
  sold: DecimalInput;
  status: LotStatus;
}

/** What a trade does to its lot: `reserve_quantity`, `release_quantity`, `consume_quantity`. */
export type QuantityMove = 'reserve' | 'release' | 'consume';

/** Quantities are counted in thousandths, exactly. */
const milli = (q: DecimalInput, field = 'quantity'): bigint => scaleHalfUp(parseDecimal(q, field), 3);
const fromMilli = (m: bigint): string => decimalToString({ units: m, scale: 3 });
const max0 = (m: bigint): bigint => (m < 0n ? 0n : m);
/** Thousandths with all three decimals (`4000n` → `'4.000'`), as the refusal states what is left. */
const fixed3 = (m: bigint): string => {
  const abs = m < 0n ? -m : m;
  return `${m < 0n ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
};
const leftOf = (lot: Pick<LotStock, 'quantity' | 'reserved' | 'sold'>) =>
  max0(milli(lot.quantity) - milli(lot.reserved) - milli(lot.sold));

/** What can still be requested of the lot, in its unit (never negative). */
export function availableOf(lot: Pick<LotStock, 'quantity' | 'reserved' | 'sold'>): number {
  return Number(leftOf(lot)) / 1000;
}

/**
 * A requested quantity as stored: positive, at most 3 decimals, canonical (`'4.50'` → `'4.5'`).
 * VALIDATION `trade.quantityInvalid` otherwise.
 */
export function requestedQuantity(input: DecimalInput): string {
  const q = parseDecimal(input, 'quantity');
  if (q.scale > 3 || q.units <= 0n) {
    throw new DomainError('VALIDATION', 'trade.quantityInvalid', {
      fields: [{ path: 'quantity', key: 'trade.quantityInvalid' }],
    });
  }
  return fromMilli(milli(input));
}

/** Whether `quantity` fits in what the lot still has. */
export const fitsAvailable = (
  lot: Pick<LotStock, 'quantity' | 'reserved' | 'sold'>,
  quantity: DecimalInput,
) => milli(quantity) <= leftOf(lot);

/**
 * The lot after a trade's quantity moved: reserving never oversells (CONFLICT
 * `trade.lotNotAvailable` on a lot no longer listed, `trade.quantityUnavailable` with what is
 * left); releasing and consuming never go below zero. The status follows the quantities.
 */
export function moveLotQuantity(
  lot: LotStock,
  tradeQuantity: DecimalInput,
  move: QuantityMove,
): { reserved: string; sold: string; status: LotStatus } {
  const q = milli(tradeQuantity);
  const total = milli(lot.quantity);
  let reserved = milli(lot.reserved);
  let sold = milli(lot.sold);
  switch (move) {
    case 'reserve':
      if (lot.status !== 'published' && lot.status !== 'reserved') {
        throw new DomainError('CONFLICT', 'trade.lotNotAvailable', {});
      }
      if (reserved + sold + q > total) {
        throw new DomainError('CONFLICT', 'trade.quantityUnavailable', {
          available: fixed3(total - reserved - sold),
        });
      }
      reserved += q;
      break;
    case 'release':
      reserved = max0(reserved - q);
      break;
    case 'consume':
      reserved = max0(reserved - q);
      sold += q;
      break;
    default: {
      const unknown: never = move;
      throw new Error(`Unknown move ${String(unknown)}`);
    }
  }
  const status = statusAfterQuantityChange(lot.status, {
    quantity: Number(total) / 1000,
    reserved: Number(reserved) / 1000,
    sold: Number(sold) / 1000,
  });
  return { reserved: fromMilli(reserved), sold: fromMilli(sold), status };
}
