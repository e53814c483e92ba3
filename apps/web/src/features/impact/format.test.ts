import { describe, expect, it } from 'vitest';
import { addMonths, co2e, currentParisMonth, km, mass, monthLabel, percent } from './format.ts';

const NNBSP = '\u202f';

describe('mass', () => {
  it.each([
    [1234.5, `1${NNBSP}234,5${NNBSP}kg`],
    [9999.94, `9${NNBSP}999,9${NNBSP}kg`],
    // Tonnes from 10 t as shown: 9 999,96 kg would otherwise read "10 000 kg".
    [9999.96, `10${NNBSP}t`],
    [10_000, `10${NNBSP}t`],
    [12_345, `12,3${NNBSP}t`],
    // French negative numbers take the minus sign U+2212.
    [-12_000, `\u221212${NNBSP}t`],
  ])('%s kg → %s', (kg, text) => {
    expect(mass(kg, 'fr')).toBe(text);
  });
});

describe('co2e', () => {
  it.each([
    [845.24, `845,2${NNBSP}kg CO2e`],
    [999.94, `999,9${NNBSP}kg CO2e`],
    [999.96, `1${NNBSP}t CO2e`],
    [1500, `1,5${NNBSP}t CO2e`],
    [-1500, `\u22121,5${NNBSP}t CO2e`],
    [-999.96, `\u22121${NNBSP}t CO2e`],
  ])('%s kg → %s', (kg, text) => {
    expect(co2e(kg, 'fr')).toBe(text);
  });
});

describe('shares and distances', () => {
  it('a share with no trades is a dash, not 0 %', () => {
    expect(percent(null, 'fr')).toBe('—');
    expect(percent(0.456, 'fr')).toBe('46\u00a0%');
    expect(percent(0.456, 'en')).toBe('46%');
    expect(km(null, 'en')).toBe('—');
    expect(km(12.34, 'en')).toBe('12.3 km');
  });
});

describe('months', () => {
  it('labels a YYYY-MM key', () => {
    expect(monthLabel('2026-01', 'fr')).toBe('janv. 2026');
    expect(monthLabel('2026-01', 'en', 'long')).toBe('January 2026');
  });

  it('takes the current month in Paris, not in UTC', () => {
    expect(currentParisMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
    expect(currentParisMonth(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06');
    expect(currentParisMonth(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07');
  });

  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-12', 13, '2028-01'],
    ['2026-03', -14, '2025-01'],
    ['2026-05', 0, '2026-05'],
  ])('%s plus %s months → %s', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });
});
