/**
 * `pnpm exec tsx scripts/build-place-labels.ts`: writes apps/web/public/geo/places.json, the place
 * names the offline maps show (each département's chef-lieu, i.e. the préfectures), from the
 * domain's list of départements joined with the communes' centroids by INSEE code. Run again when
 * either changes; the web reads the file as a static asset, so no map needs a tile server or glyphs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEPARTEMENTS } from '../packages/domain/src/geo/departements.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const csv = readFileSync(`${ROOT}packages/domain/data/communes-centroids.csv`, 'utf8');
const centroids = new Map<string, { name: string; lat: number; lon: number }>();
for (const line of csv.split('\n').slice(1)) {
  const [code, name, , lat, lon] = line.split(',');
  if (code && name && lat && lon) centroids.set(code, { name, lat: Number(lat), lon: Number(lon) });
}
const places = DEPARTEMENTS.filter((d) => d.zone === 'metro')
  .map((d) => {
    const c = centroids.get(d.chefLieu);
    if (!c) console.warn(`no centroid for the chef-lieu ${d.chefLieu} of ${d.code}`);
    return c && { name: c.name, departement: d.code, lat: c.lat, lon: c.lon };
  })
  .filter((p) => p !== undefined);
writeFileSync(`${ROOT}apps/web/public/geo/places.json`, `${JSON.stringify(places)}\n`);
console.log(`${places.length} places written`);
