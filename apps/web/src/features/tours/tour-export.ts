import type { PickupTourPlanOutput as PickupTourPlan } from '@retaille/api/client';

export type TourOk = Extract<PickupTourPlan, { status: 'ok' }>;

/** « 09:05 » from minutes after midnight (a tour stays within its day). */
export function clockOf(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  return `${String(h).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The points in driving order: start, each stop, end ([lon, lat] as GeoJSON wants). */
function path(plan: TourOk): [number, number][] {
  return [plan.start, ...plan.stops.map((s) => s.point), plan.end].map((p) => [p.lon, p.lat]);
}

/** The tour as a GeoJSON FeatureCollection: the line driven, then one point per stop in order. */
export function tourGeoJson(plan: TourOk): object {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: path(plan) },
        properties: { day: plan.day, km: plan.km, co2eKg: plan.co2eKg, vehicleKey: plan.vehicleKey },
      },
      ...plan.stops.map((s, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.point.lon, s.point.lat] },
        properties: {
          order: i + 1,
          tradeId: s.tradeId,
          site: s.siteName,
          lot: s.lotTitle,
          arrival: clockOf(s.arrivalMin),
          loadKg: s.loadKg,
        },
      })),
    ],
  };
}

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** The tour as GPX 1.1: one waypoint per stop (numbered) and the route through them. */
export function tourGpx(plan: TourOk): string {
  const wpt = plan.stops
    .map(
      (s, i) =>
        `  <wpt lat="${s.point.lat}" lon="${s.point.lon}"><name>${i + 1}. ${xml(s.siteName)}</name><desc>${xml(s.lotTitle)} — ${clockOf(s.serviceStartMin)}</desc></wpt>`,
    )
    .join('\n');
  const rtept = path(plan)
    .map(([lon, lat]) => `    <rtept lat="${lat}" lon="${lon}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Retaille" xmlns="http://www.topografix.com/GPX/1/1">
${wpt}
  <rte><name>Tournée du ${plan.day}</name>
${rtept}
  </rte>
</gpx>
`;
}
