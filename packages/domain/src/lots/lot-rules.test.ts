import { describe, expect, it } from 'vitest';
import {
  assertLotAction,
  availableQuantity,
  isPastWindow,
  parisDate,
  statusAfterQuantityChange,
} from './lot-rules.ts';

describe('availableQuantity', () => {
  it.each([
    [{ quantity: 10, reserved: 3, sold: 2 }, 5],
    [{ quantity: 1.2, reserved: 0.1, sold: 0.2 }, 0.9],
    [{ quantity: 5, reserved: 5, sold: 0 }, 0],
  ])('%o → %d', (q, out) => expect(availableQuantity(q)).toBe(out));
});

describe('statusAfterQuantityChange', () => {
  it.each([
    ['published', { quantity: 10, reserved: 10, sold: 0 }, 'reserved'],
    ['reserved', { quantity: 10, reserved: 4, sold: 0 }, 'published'],
    ['reserved', { quantity: 10, reserved: 0, sold: 10 }, 'exhausted'],
    ['published', { quantity: 10, reserved: 2, sold: 8 }, 'reserved'],
    ['draft', { quantity: 10, reserved: 0, sold: 10 }, 'draft'],
    ['withdrawn', { quantity: 10, reserved: 0, sold: 0 }, 'withdrawn'],
  ] as const)('%s with %o → %s', (status, q, out) => expect(statusAfterQuantityChange(status, q)).toBe(out));
});

describe('windows', () => {
  it('expires the day after the last available day, in Paris time', () => {
    expect(parisDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(isPastWindow('2026-03-31', '2026-04-01')).toBe(true);
    expect(isPastWindow('2026-04-01', '2026-04-01')).toBe(false);
    expect(isPastWindow(null, '2026-04-01')).toBe(false);
  });
});

describe('assertLotAction', () => {
  it('refuses to publish a reserved lot or withdraw an exhausted one', () => {
    expect(() => assertLotAction('reserved', 'publish')).toThrow(/lot.cannot.publish/);
    expect(() => assertLotAction('exhausted', 'withdraw')).toThrow(/lot.cannot.withdraw/);
    expect(() => assertLotAction('draft', 'publish')).not.toThrow();
  });
});
