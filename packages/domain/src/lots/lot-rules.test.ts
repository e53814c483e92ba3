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

describe('availableQuantity edges', () => {
  it.each([
    // Never negative, even when more is held than listed (a lot edited down).
    [{ quantity: 5, reserved: 4, sold: 3 }, 0],
    // Rounded to the gram/millilitre: float noise does not leak (0.3 - 0.1 - 0.1 = 0.09999999999999998).
    [{ quantity: 0.3, reserved: 0.1, sold: 0.1 }, 0.1],
    [{ quantity: 2.0004, reserved: 0, sold: 0 }, 2],
    [{ quantity: 2.0006, reserved: 0, sold: 0 }, 2.001],
  ])('%o → %d', (q, out) => expect(availableQuantity(q)).toBe(out));
});

describe('statusAfterQuantityChange for every status', () => {
  it.each([
    ['exhausted', { quantity: 10, reserved: 0, sold: 4 }, 'published'],
    ['exhausted', { quantity: 10, reserved: 1, sold: 9 }, 'reserved'],
    ['published', { quantity: 10, reserved: 0, sold: 10 }, 'exhausted'],
    ['published', { quantity: 10, reserved: 0, sold: 0 }, 'published'],
    ['expired', { quantity: 10, reserved: 0, sold: 10 }, 'expired'],
    ['withdrawn', { quantity: 10, reserved: 10, sold: 0 }, 'withdrawn'],
    ['draft', { quantity: 10, reserved: 10, sold: 0 }, 'draft'],
  ] as const)('%s with %o → %s', (status, q, out) => expect(statusAfterQuantityChange(status, q)).toBe(out));
});

describe('parisDate', () => {
  it.each([
    // Winter (UTC+1) and summer (UTC+2) around midnight, zero-padded.
    ['2026-01-04T22:59:59Z', '2026-01-04'],
    ['2026-01-04T23:00:00Z', '2026-01-05'],
    ['2026-07-08T21:59:59Z', '2026-07-08'],
    ['2026-07-08T22:00:00Z', '2026-07-09'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s → %s', (iso, day) => expect(parisDate(new Date(iso))).toBe(day));
});

describe('assertLotAction: the whole table', () => {
  const statuses = ['draft', 'published', 'reserved', 'exhausted', 'expired', 'withdrawn'] as const;
  const allowed = {
    publish: ['draft', 'withdrawn', 'expired'],
    withdraw: ['draft', 'published', 'expired'],
    edit: ['draft', 'published', 'withdrawn', 'expired'],
  } as const;
  const cases = (['publish', 'withdraw', 'edit'] as const).flatMap((action) =>
    statuses.map(
      (status) => [action, status, (allowed[action] as readonly string[]).includes(status)] as const,
    ),
  );
  it.each(cases)('%s a %s lot: allowed %s', (action, status, ok) => {
    let error: unknown;
    try {
      assertLotAction(status, action);
    } catch (e) {
      error = e;
    }
    if (ok) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toMatchObject({ code: 'CONFLICT', key: `lot.cannot.${action}`, details: { status } });
    }
  });
});
