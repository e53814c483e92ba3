import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { availableOf, fitsAvailable, moveLotQuantity, requestedQuantity } from './lot-quantity.ts';

const lot = { quantity: '10', reserved: '2.5', sold: 1, status: 'published' as const };

function key(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.key : String(e);
  }
}

describe('lot quantities moved by trades', () => {
  it('says what is left, exactly', () => {
    expect(availableOf(lot)).toBe(6.5);
    expect(availableOf({ quantity: 0.3, reserved: 0.1, sold: 0.2 })).toBe(0);
    expect(fitsAvailable(lot, '6.5')).toBe(true);
    expect(fitsAvailable(lot, '6.501')).toBe(false);
  });

  it('canonicalises a requested quantity and refuses more than 3 decimals or nothing', () => {
    expect(requestedQuantity('4.50')).toBe('4.5');
    expect(requestedQuantity(2)).toBe('2');
    expect(key(() => requestedQuantity('1.0001'))).toBe('trade.quantityInvalid');
    expect(key(() => requestedQuantity(0))).toBe('trade.quantityInvalid');
    expect(key(() => requestedQuantity('-1'))).toBe('decimal.negative');
  });

  it('reserves without overselling, releases and consumes without going below zero', () => {
    expect(moveLotQuantity(lot, '6.5', 'reserve')).toEqual({ reserved: '9', sold: '1', status: 'reserved' });
    expect(key(() => moveLotQuantity(lot, '6.501', 'reserve'))).toBe('trade.quantityUnavailable');
    expect.assertions(7);
    try {
      moveLotQuantity(lot, 7, 'reserve');
    } catch (e) {
      expect(isDomainError(e) && e.details.available).toBe('6.500');
    }
    expect(key(() => moveLotQuantity({ ...lot, status: 'withdrawn' }, 1, 'reserve'))).toBe(
      'trade.lotNotAvailable',
    );
    expect(moveLotQuantity(lot, '3', 'release')).toEqual({ reserved: '0', sold: '1', status: 'published' });
    expect(moveLotQuantity(lot, '2.5', 'consume')).toEqual({
      reserved: '0',
      sold: '3.5',
      status: 'published',
    });
    expect(moveLotQuantity({ ...lot, reserved: 9 }, '9', 'consume')).toEqual({
      reserved: '0',
      sold: '10',
      status: 'exhausted',
    });
  });
});
