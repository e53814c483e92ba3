import { describe, expect, it } from 'vitest';
import { cmToMm, mmToCm, scaled } from './units.ts';

describe('cmToMm / mmToCm', () => {
  it.each<[number, number]>([
    [0, 0],
    [0.1, 1],
    [1.05, 11],
    [80, 800],
    [123.45, 1235],
    [2000, 20_000],
  ])('%s cm → %s mm, half-up on the decimal typed', (cm, mm) => {
    expect(cmToMm(cm)).toBe(mm);
  });

  it('gives back what it was given', () => {
    for (const mm of [0, 1, 9, 10, 1235, 20_000]) expect(cmToMm(mmToCm(mm))).toBe(mm);
  });

  it('lets a negative, non-finite or absurd value through for the schema to refuse, never throws', () => {
    expect(cmToMm(-3)).toBe(-30);
    expect(cmToMm(Number.NaN)).toBeNaN();
    expect(cmToMm(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(cmToMm(1e21)).toBe(1e22);
  });
});

describe('scaled', () => {
  it('rounds euros to cents on the decimal typed, not the binary float', () => {
    expect(scaled(1.005, 2)).toBe(101);
    expect(scaled(4.35, 2)).toBe(435);
    expect(Math.round(1.005 * 100)).toBe(100);
  });
});
