import { describe, expect, it } from 'vitest';
import { requestInputSchema } from '../lots/request.schemas.ts';
import { parseBom } from './bom.ts';
import { basketRequestsOf, wantedRequestForLine } from './wanted-request-for-line.ts';

const around = { point: { kind: 'home' as const }, radiusKm: 40 };

describe('wantedRequestForLine', () => {
  it('asks for the shortfall of counted pieces rounded up, with the minimum piece', () => {
    const [line] = parseBom([
      { id: 'legs', material: 'oak', substitutes: ['ash'], quantity: 8, unit: 'piece', minLengthMm: 750 },
    ]);
    const request = wantedRequestForLine(line!, 2.0000001, around);
    expect(request).toMatchObject({
      materialKeys: ['ash', 'oak'],
      unit: 'piece',
      quantityMin: 3,
      quantityMax: 3,
      minLengthMm: 750,
      minWidthMm: null,
      maxDistanceKm: 40,
      point: { kind: 'home' },
    });
    expect(wantedRequestForLine(line!, 2, around).quantityMin).toBe(2);
    expect(requestInputSchema.safeParse(request).success).toBe(true);
  });

  it('keeps a measured shortfall to the gram and a family line within the 20 materials a request holds', () => {
    const [kg, family] = parseBom([
      { id: 'frame', material: 'steel', quantity: 25, unit: 'kg' },
      { id: 'any-textile', material: 'textile', quantity: 4, unit: 'm2' },
    ]);
    expect(wantedRequestForLine(kg!, 12.34567, around).quantityMax).toBe(12.346);
    const request = wantedRequestForLine(family!, 4, around);
    expect(request.materialKeys.length).toBeLessThanOrEqual(20);
    expect(requestInputSchema.safeParse(request).success).toBe(true);
  });
});

describe('basketRequestsOf', () => {
  it('merges the picks of one lot into one request and keeps the others apart', () => {
    expect(
      basketRequestsOf([
        { lineId: 'legs', lotId: 'a', quantity: 4 },
        { lineId: 'rails', lotId: 'b', quantity: 2 },
        { lineId: 'rails', lotId: 'a', quantity: 0.1 },
        { lineId: 'legs', lotId: 'a', quantity: 0.2 },
      ]),
    ).toEqual([
      { lotId: 'a', quantity: 4.3, lineIds: ['legs', 'rails'] },
      { lotId: 'b', quantity: 2, lineIds: ['rails'] },
    ]);
  });
});
