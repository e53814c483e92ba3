import { describe, expect, it } from 'vitest';
import { availableInUnit, bestMaterialFit, kgPerUnit, unitPriceInUnit } from './compatibility.ts';

describe('bestMaterialFit', () => {
  it.each([
    [['oak'], 'oak', true, 'exact'],
    [['oak'], 'beech', true, 'substitute'],
    [['oak'], 'beech', false, 'none'],
    [['oak', 'beech'], 'beech', false, 'exact'],
    [['oak'], 'cotton', true, 'none'],
    [['oak'], 'unknown', true, 'none'],
  ] as const)('%o offered %s (substitutes %s) → %s', (req, offered, subs, fit) => {
    expect(bestMaterialFit(req, offered, subs)).toBe(fit);
  });
});

describe('quantities across units', () => {
  const boards = { unit: 'piece' as const, available: 8, quantity: 10, massKg: 28 };
  it('reads pieces through their mass for a request in kg', () => {
    expect(kgPerUnit(boards)).toBeCloseTo(2.8);
    expect(availableInUnit(boards, 'kg')).toBeCloseTo(22.4);
    expect(availableInUnit(boards, 't')).toBeCloseTo(0.0224);
    expect(availableInUnit(boards, 'piece')).toBe(8);
    expect(availableInUnit(boards, 'm2')).toBeNull();
  });
  it('converts a price per piece into a price per kg', () => {
    expect(unitPriceInUnit({ ...boards, priceCents: 280 }, 'kg')).toBeCloseTo(100);
    expect(unitPriceInUnit({ ...boards, priceCents: null }, 'kg')).toBeNull();
  });
  it('converts tonnes to kilograms', () => {
    expect(availableInUnit({ unit: 't', available: 1.5, quantity: 2, massKg: 2000 }, 'kg')).toBe(1500);
  });
});
