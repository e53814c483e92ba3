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

describe('lot quantities: the errors a user sees and the edges', () => {
  function error(fn: () => unknown) {
    try {
      fn();
    } catch (e) {
      return isDomainError(e) ? { code: e.code, key: e.key, details: e.details } : String(e);
    }
    throw new Error('expected a refusal');
  }

  it('names the quantity field of an invalid request, and of an invalid stored quantity', () => {
    expect(error(() => requestedQuantity('1.0001'))).toEqual({
      code: 'VALIDATION',
      key: 'trade.quantityInvalid',
      details: { fields: [{ path: 'quantity', key: 'trade.quantityInvalid' }] },
    });
    expect(error(() => requestedQuantity('abc'))).toMatchObject({
      key: 'decimal.invalid',
      details: { fields: [{ path: 'quantity' }] },
    });
    expect(error(() => availableOf({ quantity: 'abc', reserved: 0, sold: 0 }))).toMatchObject({
      details: { fields: [{ path: 'quantity' }] },
    });
    // Three decimals are the most a quantity has, and are accepted.
    expect(requestedQuantity('1.005')).toBe('1.005');
  });

  it('refuses with CONFLICT and states what is left with three decimals, even zero or less', () => {
    expect(error(() => moveLotQuantity({ ...lot, status: 'withdrawn' }, 1, 'reserve'))).toMatchObject({
      code: 'CONFLICT',
      key: 'trade.lotNotAvailable',
    });
    const left = (stock: Partial<typeof lot>) =>
      error(() => moveLotQuantity({ ...lot, ...stock }, 20, 'reserve')) as { code: string; details: unknown };
    expect(left({ reserved: '5.95' })).toEqual({
      code: 'CONFLICT',
      key: 'trade.quantityUnavailable',
      details: { available: '3.050' },
    });
    expect(left({ reserved: '9' }).details).toEqual({ available: '0.000' });
    // Stock written before the checks existed may be over-reserved: the refusal says so.
    expect(left({ reserved: '10' }).details).toEqual({ available: '-1.000' });
  });

  it('reserves more of a lot already marked reserved by an earlier state of its stock', () => {
    expect(moveLotQuantity({ ...lot, status: 'reserved' }, 1, 'reserve')).toEqual({
      reserved: '3.5',
      sold: '1',
      status: 'published',
    });
  });

  it('keeps a lot listed while part of it stays reserved after a release', () => {
    expect(
      moveLotQuantity({ quantity: 10, reserved: 5, sold: 0, status: 'published' }, 2, 'release'),
    ).toEqual({
      reserved: '3',
      sold: '0',
      status: 'published',
    });
  });

  it('refuses a move it does not know', () => {
    expect(error(() => moveLotQuantity(lot, 1, 'steal' as never))).toBe('Error: Unknown move steal');
  });
});
