import { describe, expect, it } from 'vitest';
import { formatCoordinate, formatDate, formatDateTime, formatNumber } from './format.ts';

const NNBSP = '\u202f';

describe('lib/format', () => {
  it('numbers: one decimal by default, French thousands with a narrow no-break space', () => {
    expect(formatNumber(1234.56, 'fr')).toBe(`1${NNBSP}234,6`);
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
    expect(formatNumber(2.345, 'en', 2)).toBe('2.35');
  });

  it('dates are Paris days: 23:30 UTC on 31 December is already 1 January', () => {
    expect(formatDate('2026-12-31T23:30:00Z', 'fr')).toBe('1 janvier 2027');
    expect(formatDate('2026-12-31T22:30:00Z', 'en')).toBe('31 December 2026');
    expect(formatDateTime('2026-07-01T10:00:00Z', 'fr')).toBe('1 juil. 2026, 12:00');
  });

  it('coordinates keep 4 to 5 decimals', () => {
    expect(formatCoordinate(45.7, 'fr')).toBe('45,7000');
    expect(formatCoordinate(4.835_659, 'en')).toBe('4.83566');
  });
});
