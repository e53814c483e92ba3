/** Mean Earth radius used by PostgreSQL's earthdistance (`earth()`), in metres. */
export const EARTH_RADIUS_M = 6_378_168;

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Bounding box of metropolitan France with Corsica (the bounds the lot search accepts); a point
 * outside is a typing mistake or a site abroad.
 */
export const FRANCE_BOUNDS = { minLat: 41, maxLat: 51.5, minLon: -5.5, maxLon: 10 } as const;

/** True when the point is a finite coordinate inside `FRANCE_BOUNDS`. */
export function isInFrance(p: LatLon): boolean {
  return (
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lon) &&
    p.lat >= FRANCE_BOUNDS.minLat &&
    p.lat <= FRANCE_BOUNDS.maxLat &&
    p.lon >= FRANCE_BOUNDS.minLon &&
    p.lon <= FRANCE_BOUNDS.maxLon
  );
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine), on the same sphere as earthdistance. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
}

/** Rounds a point to about a kilometre, for showing a location without the exact address. */
export function roundPoint(p: LatLon, decimals = 2): LatLon {
  const f = 10 ** decimals;
  return { lat: Math.round(p.lat * f) / f, lon: Math.round(p.lon * f) / f };
}
