import { describe, expect, it } from 'vitest';
import { clockOf, type TourOk, tourGeoJson, tourGpx } from './tour-export.ts';

const plan: TourOk = {
  status: 'ok',
  day: '2026-12-07',
  method: 'exact',
  optimal: true,
  vehicleKey: 'van_diesel_avg_defra',
  start: { lat: 45.7, lon: 4.88 },
  end: { lat: 45.7, lon: 4.88 },
  startMin: 480,
  endMin: 605.5,
  lastLegKm: 4,
  km: 12,
  separateKm: 20,
  co2eKg: 3,
  separateCo2eKg: 5,
  loadKg: 40,
  stops: [
    {
      tradeId: '00000000-0000-4000-8000-000000000001',
      siteId: '00000000-0000-4000-8000-0000000000a1',
      siteName: 'Atelier <Bois> & fils',
      communeName: 'Lyon',
      lotTitle: 'Chêne "massif"',
      point: { lat: 45.76, lon: 4.83 },
      loadKg: 30,
      arrivalMin: 489.4,
      serviceStartMin: 540,
      departureMin: 550,
      waitMin: 50.6,
      legKm: 5,
    },
    {
      tradeId: '00000000-0000-4000-8000-000000000002',
      siteId: '00000000-0000-4000-8000-0000000000a2',
      siteName: 'Ressourcerie',
      communeName: 'Villeurbanne',
      lotTitle: 'Tissu',
      point: { lat: 45.77, lon: 4.88 },
      loadKg: 10,
      arrivalMin: 556,
      serviceStartMin: 556,
      departureMin: 566,
      waitMin: 0,
      legKm: 3,
    },
  ],
};

describe('a tour exported', () => {
  it('reads minutes as a 24-hour clock', () => {
    expect(clockOf(0)).toBe('00:00');
    expect(clockOf(489.4)).toBe('08:09');
    expect(clockOf(605.5)).toBe('10:06');
  });

  it('as GeoJSON: the line from the start through the stops in order back to the end, then the numbered stops', () => {
    const g = tourGeoJson(plan) as {
      features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
    };
    expect(g.features[0]!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [4.88, 45.7],
        [4.83, 45.76],
        [4.88, 45.77],
        [4.88, 45.7],
      ],
    });
    expect(g.features.slice(1).map((f) => [f.properties.order, f.properties.arrival])).toEqual([
      [1, '08:09'],
      [2, '09:16'],
    ]);
  });

  it('as GPX: waypoints in order with names escaped, and the route', () => {
    const gpx = tourGpx(plan);
    expect(gpx).toContain('<name>1. Atelier &lt;Bois&gt; &amp; fils</name>');
    expect(gpx).toContain('Chêne &quot;massif&quot; — 09:00');
    expect(gpx.match(/<rtept /g)).toHaveLength(4);
    expect(gpx.indexOf('1. Atelier')).toBeLessThan(gpx.indexOf('2. Ressourcerie'));
  });
});
