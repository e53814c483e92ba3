import { describe, expect, it } from 'vitest';
import { formatBps, formatCents, formatKg, formatQty, formatSlot, tradeRef, unitName } from './format.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatQty', () => {
  it.each([
    // Quantities arrive as exact decimal strings.
    ['12', 'piece', 'fr', `12${NBSP}pièces`],
    ['1', 'sheet', 'en', `1${NBSP}sheet`],
    ['1.5', 'roll', 'fr', `1,5${NBSP}rouleau`],
    ['3.250', 'm2', 'fr', `3,25${NNBSP}m²`],
    ['1234.5', 'kg', 'fr', `1${NNBSP}234,5${NNBSP}kg`],
    ['0.125', 't', 'en', `0.125${NNBSP}t`],
  ] as const)('%s %s (%s) → %s', (value, unit, locale, text) => {
    expect(formatQty(value, unit, locale)).toBe(text);
  });

  it('names the unit for a field help', () => {
    expect(unitName('piece', 'fr')).toBe('pièces');
    expect(unitName('kg', 'fr')).toBe('kg');
  });
});

describe('money and rates', () => {
  it('euros from integer cents', () => {
    expect(formatCents(123_456, 'fr')).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatCents(123_456, 'en')).toBe('€1,234.56');
    expect(formatCents(5, 'fr')).toBe(`0,05${NBSP}€`);
  });

  it('basis points as a percentage', () => {
    expect(formatBps(2000, 'fr')).toBe(`20${NBSP}%`);
    expect(formatBps(1250, 'en')).toBe('12.5%');
    expect(formatBps(55, 'en')).toBe('0.55%');
  });

  it('weights in kg', () => {
    expect(formatKg('28.125', 'fr')).toBe(`28,125${NNBSP}kg`);
  });
});

describe('formatSlot', () => {
  it('writes the day once when the slot is within one Paris day', () => {
    expect(formatSlot('2026-12-03T09:00:00Z', '2026-12-03T11:00:00Z', 'fr')).toBe(
      'jeu. 3 déc. 2026, 10:00 – 12:00',
    );
  });

  it('writes both days when the slot crosses midnight in Paris (even if not in UTC)', () => {
    expect(formatSlot('2026-12-03T22:00:00Z', '2026-12-03T23:30:00Z', 'en')).toBe(
      'Thu, 3 Dec 2026, 23:00 – 4 Dec 2026, 00:30',
    );
  });
});

describe('tradeRef', () => {
  it('is the first 8 characters in upper case', () => {
    expect(tradeRef('abcdef12-3456-4000-8000-000000000000')).toBe('ABCDEF12');
  });
});
