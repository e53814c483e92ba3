import { describe, expect, it } from 'vitest';
import { EMBEDDED_FACTOR_SET } from '../impact/embedded-factors.ts';
import { DomainError } from '../shared/errors.ts';
import { planPooledTours, planTour } from './plan-tours.ts';
import type { TourRequest } from './tour-request.ts';

const ctx = { factorSet: EMBEDDED_FACTOR_SET };
const lyon = { lat: 45.764, lon: 4.8357 };
const around = (k: number) => ({ lat: lyon.lat + 0.05 * Math.cos(k), lon: lyon.lon + 0.07 * Math.sin(k) });
const request = (n: number, extra: Partial<TourRequest> = {}): TourRequest => ({
  start: { point: lyon },
  day: '2026-12-07',
  vehicle: { capacityKg: 800 },
  stops: Array.from({ length: n }, (_, k) => ({ id: `s${k}`, point: around(k), loadKg: 20 })),
  ...extra,
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).details.fields?.map((p) => p.key);
  }
  throw new Error('expected a refusal');
};

describe('planTour', () => {
  it('plans an exact tour shorter than the separate round trips, with times and CO2e', () => {
    const plan = planTour(request(6), ctx);
    if (plan.status !== 'ok') throw new Error(plan.status);
    expect(plan.method).toBe('exact');
    expect(plan.optimal).toBe(true);
    expect(plan.tours[0]!.stops).toHaveLength(6);
    expect(plan.km).toBeLessThan(plan.separateKm);
    expect(plan.co2eKg).toBeLessThan(plan.separateCo2eKg);
    expect(plan.co2eKg).toBeGreaterThan(0);
    const times = plan.tours[0]!.stops.map((s) => s.serviceStartMin);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('uses the heuristic above the exact limit', () => {
    const plan = planTour(request(20), { ...ctx, budget: { maxIterations: 50 } });
    expect(plan.status === 'ok' && plan.method).toBe('heuristic');
  });

  it.each([
    [
      'an agreed slot outside the opening hours',
      { availability: { fromMin: 600, toMin: 610 }, openingHours: { fromMin: 800, toMin: 900 } },
      {
        reason: 'tour.outsideOpeningHours',
        availability: { fromMin: 600, toMin: 610 },
        openingHours: { fromMin: 800, toMin: 900 },
      },
    ],
    [
      'a window closing before the vehicle can arrive',
      { availability: { fromMin: 0, toMin: 400 } },
      { reason: 'tour.windowUnreachable', availability: { fromMin: 0, toMin: 400 }, openingHours: undefined },
    ],
    [
      'opening hours closing before the vehicle can arrive',
      { openingHours: { fromMin: 300, toMin: 420 } },
      {
        reason: 'tour.windowUnreachable',
        availability: undefined,
        openingHours: { fromMin: 300, toMin: 420 },
      },
    ],
    ['a site closed that day', { closed: true }, { reason: 'tour.siteClosed' }],
    ['a lot heavier than the vehicle', { loadKg: 900 }, { reason: 'tour.capacityBelowLot' }],
  ])('answers infeasible with the reason for %s', (_, change, reason) => {
    const r = request(3);
    r.stops[1] = { ...r.stops[1]!, ...change };
    const plan = planTour(r, ctx);
    expect(plan).toEqual({ status: 'infeasible', reasons: [{ stopId: 's1', ...reason }] });
  });

  it('waits for a site to open and serves it within its hours', () => {
    const r = request(3);
    r.stops[1] = { ...r.stops[1]!, openingHours: { fromMin: 14 * 60, toMin: 17 * 60 } };
    const plan = planTour(r, ctx);
    if (plan.status !== 'ok') throw new Error(plan.status);
    const s1 = plan.tours[0]!.stops.find((s) => s.stopId === 's1')!;
    expect(s1.serviceStartMin).toBeGreaterThanOrEqual(14 * 60);
    expect(s1.serviceStartMin).toBeLessThanOrEqual(17 * 60);
  });

  it('answers infeasible when the loads together exceed the vehicle', () => {
    const plan = planTour(request(5, { vehicle: { capacityKg: 90 } }), ctx);
    expect(plan.status === 'infeasible' && plan.reasons[0]!.reason).toBe('tour.capacityExceeded');
  });

  it('refuses stops outside France, too many stops, duplicate ids and a matrix of the wrong size', () => {
    const abroad = request(2);
    abroad.stops[0] = { ...abroad.stops[0]!, point: { lat: 52.52, lon: 13.4 } };
    expect(refusal(() => planTour(abroad, ctx))).toEqual(['tour.pointOutsideFrance']);
    expect(refusal(() => planTour(request(61), ctx))).toEqual(['tour.tooManyStops']);
    const dup = request(2);
    dup.stops[1] = { ...dup.stops[1]!, id: 's0' };
    expect(refusal(() => planTour(dup, ctx))).toEqual(['tour.duplicateId']);
    expect(refusal(() => planTour(request(2), { ...ctx, matrix: { km: [[0]] } }))).toEqual([
      'tour.invalidMatrix',
    ]);
    expect(refusal(() => planTour({ ...request(1), stops: [] }, ctx))).toEqual(['tour.invalidInput']);
  });

  it('takes a distance matrix from the caller (e.g. a routing engine)', () => {
    const km = [
      [0, 10, 50, 0],
      [10, 0, 10, 10],
      [50, 10, 0, 50],
      [0, 10, 50, 0],
    ];
    const plan = planTour(request(2), { ...ctx, matrix: { km } });
    expect(plan.status === 'ok' && plan.km).toBe(70);
    expect(plan.status === 'ok' && plan.separateKm).toBe(120);
  });
});

describe('planPooledTours', () => {
  it('splits pickups into tours within capacity and lists the stops no tour can serve', () => {
    const r = request(30, { vehicle: { capacityKg: 100 } });
    r.stops[3] = { ...r.stops[3]!, loadKg: 150 };
    const plan = planPooledTours(r, { ...ctx, budget: { maxIterations: 30 } });
    expect(plan.unserved).toEqual([{ stopId: 's3', reason: 'tour.capacityBelowLot' }]);
    expect(plan.tours.flatMap((t) => t.stops).length).toBe(29);
    for (const t of plan.tours) expect(t.loadKg).toBeLessThanOrEqual(100);
    expect(plan.km).toBeLessThan(plan.separateKm);
  });
});
