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

describe('bestMaterialFit keeps the best fit over the requested materials', () => {
  it.each([
    [['walnut'], 'oak', true, 'same_family'],
    [['walnut'], 'oak', false, 'none'],
    [['walnut', 'beech'], 'oak', true, 'substitute'],
    [['beech', 'walnut'], 'oak', true, 'substitute'],
    [['beech', 'oak', 'walnut'], 'oak', true, 'exact'],
    [['oak', 'walnut'], 'oak', false, 'exact'],
    [['walnut', 'oak'], 'oak', false, 'exact'],
    [['unknown', 'walnut'], 'oak', true, 'same_family'],
    [['plywood'], 'oak', true, 'none'],
    [[], 'oak', true, 'none'],
  ] as const)('%o offered %s (substitutes %s) → %s', (req, offered, subs, fit) => {
    expect(bestMaterialFit(req, offered, subs)).toBe(fit);
  });
});

describe('kgPerUnit and availableInUnit edges', () => {
  it.each([
    [{ unit: 'kg', available: 3, quantity: 5, massKg: null }, 1],
    [{ unit: 't', available: 3, quantity: 5, massKg: null }, 1000],
    [{ unit: 'piece', available: 3, quantity: 5, massKg: null }, null],
    [{ unit: 'piece', available: 0, quantity: 0, massKg: 12 }, null],
    [{ unit: 'm2', available: 2, quantity: 4, massKg: 10 }, 2.5],
  ] as const)('kg per unit of %o → %s', (lot, out) => {
    expect(kgPerUnit(lot)).toBe(out);
  });

  it.each([
    [{ unit: 'kg', available: 500, quantity: 800, massKg: 800 }, 't', 0.5],
    [{ unit: 't', available: 2, quantity: 2, massKg: null }, 't', 2],
    [{ unit: 'kg', available: 500, quantity: 800, massKg: 800 }, 'piece', null],
    [{ unit: 'piece', available: 4, quantity: 10, massKg: null }, 'kg', null],
    [{ unit: 'm2', available: 2, quantity: 4, massKg: 10 }, 'kg', 5],
  ] as const)('%o in %s → %s', (lot, unit, out) => {
    expect(availableInUnit(lot, unit)).toBe(out);
  });

  it('prices per tonne and gives no price when the unit reads as nothing', () => {
    const boards = { unit: 'piece' as const, available: 8, quantity: 10, massKg: 28, priceCents: 280 };
    expect(unitPriceInUnit(boards, 't')).toBeCloseTo(100_000);
    expect(unitPriceInUnit(boards, 'piece')).toBe(280);
    expect(unitPriceInUnit(boards, 'm2')).toBeNull();
    expect(unitPriceInUnit({ ...boards, massKg: 0 }, 'kg')).toBeNull();
    expect(unitPriceInUnit({ ...boards, priceCents: 0 }, 'kg')).toBe(0);
  });
});
