import { sql } from 'kysely';

/** The sphere of PostgreSQL's `earthdistance` extension: `earth()`, in metres. */
export const EARTH_RADIUS_M = 6378168;

/**
 * A search centre as an `earth` value (a 3-D cube point on that sphere), computed here as
 * `ll_to_earth(lat, lon)` computes it, and sent as one text parameter.
 *
 * In a prepared statement's generic plan, `ll_to_earth($1, $2)` is evaluated for every row, and
 * `(select ll_to_earth($1, $2))` costs one InitPlan per use (five in a search, about a fifth of
 * its execution). A parameter cast to `earth` is parsed where it is used, with no trigonometry:
 * the GiST index still answers the box and the KNN order (docs/scaling.md, 6 December).
 */
export function earthPoint(point: { lat: number; lon: number }) {
  return earthParam(earthText(point));
}

/** The text of a point's `earth` value: `(x, y, z)` in metres. */
export function earthText(point: { lat: number; lon: number }): string {
  const lat = (point.lat * Math.PI) / 180;
  const lon = (point.lon * Math.PI) / 180;
  const x = EARTH_RADIUS_M * Math.cos(lat) * Math.cos(lon);
  const y = EARTH_RADIUS_M * Math.cos(lat) * Math.sin(lon);
  const z = EARTH_RADIUS_M * Math.sin(lat);
  return `(${x}, ${y}, ${z})`;
}

/** An `earth` value's text as a parameter cast to `earth`. */
export function earthParam(text: string) {
  return sql<string>`${text}::earth`;
}
