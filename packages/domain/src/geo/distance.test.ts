import { describe, expect, it } from 'vitest';
import { haversineKm, roundPoint } from './distance.ts';

describe('haversineKm', () => {
  it.each([
    // Paris (Notre-Dame) → Lyon (Bellecour): ~392 km
    [{ lat: 48.853, lon: 2.3499 }, { lat: 45.7578, lon: 4.832 }, 391.6, 1.5],
    // Nanterre → Saint-Denis: ~12 km
    [{ lat: 48.8924, lon: 2.2071 }, { lat: 48.9362, lon: 2.3574 }, 12.0, 0.3],
    [{ lat: 45, lon: 3 }, { lat: 45, lon: 3 }, 0, 0],
  ])('%o → %o ≈ %d km', (a, b, km, tol) => {
    expect(Math.abs(haversineKm(a, b) - km)).toBeLessThanOrEqual(tol);
  });

  it('is symmetric', () => {
    const a = { lat: 43.6, lon: 1.44 };
    const b = { lat: 50.63, lon: 3.06 };
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
  });
});

describe('roundPoint', () => {
  it('rounds to two decimals by default', () => {
    expect(roundPoint({ lat: 48.89241, lon: 2.20719 })).toEqual({ lat: 48.89, lon: 2.21 });
  });
});
