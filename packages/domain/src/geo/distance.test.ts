import { describe, expect, it } from 'vitest';
import { haversineKm, isInFrance, roundPoint } from './distance.ts';

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

describe('haversineKm on the earthdistance sphere', () => {
  it.each([
    // A degree of latitude along a meridian is R·π/180.
    [{ lat: 45, lon: 3 }, { lat: 46, lon: 3 }, (6_378_168 * Math.PI) / 180 / 1000],
    // A degree of longitude on the equator too, whichever way.
    [{ lat: 0, lon: -1 }, { lat: 0, lon: 0 }, (6_378_168 * Math.PI) / 180 / 1000],
    // At 60° north a degree of longitude is about half as long (a great circle is a bit shorter).
    [{ lat: 60, lon: 0 }, { lat: 60, lon: 1 }, 55.6595],
    // Antipodes: half the circumference (h rounds to 1, the clamp keeps asin defined).
    [{ lat: 0, lon: 0 }, { lat: 0, lon: 180 }, (6_378_168 * Math.PI) / 1000],
  ])('%o → %o', (a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 3);
  });

  it('depends on both latitudes, not only their difference', () => {
    const nearEquator = haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 1 });
    const north = haversineKm({ lat: 50, lon: 0 }, { lat: 51, lon: 1 });
    expect(nearEquator - north).toBeGreaterThan(20);
  });
});

describe('roundPoint precision', () => {
  it.each([
    [{ lat: 48.89241, lon: -1.20759 }, 2, { lat: 48.89, lon: -1.21 }],
    [{ lat: 48.89241, lon: 2.20759 }, 1, { lat: 48.9, lon: 2.2 }],
    [{ lat: 48.89241, lon: 2.20759 }, 3, { lat: 48.892, lon: 2.208 }],
    [{ lat: 48.89241, lon: 2.20759 }, 0, { lat: 49, lon: 2 }],
  ])('%o to %d decimals', (p, decimals, out) => {
    expect(roundPoint(p, decimals)).toEqual(out);
  });
});

describe('isInFrance', () => {
  it.each([
    [{ lat: 48.85, lon: 2.35 }, true],
    // The corners are inside.
    [{ lat: 41, lon: -5.5 }, true],
    [{ lat: 51.5, lon: 10 }, true],
    // Just past each side.
    [{ lat: 40.999, lon: 2 }, false],
    [{ lat: 51.501, lon: 2 }, false],
    [{ lat: 45, lon: -5.501 }, false],
    [{ lat: 45, lon: 10.001 }, false],
    [{ lat: Number.NaN, lon: 2 }, false],
    [{ lat: 45, lon: Number.NaN }, false],
    [{ lat: 45, lon: Number.POSITIVE_INFINITY }, false],
  ])('%o → %s', (p, inside) => {
    expect(isInFrance(p)).toBe(inside);
  });
});
