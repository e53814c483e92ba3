import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  type CentroidRow,
  CommuneDirectory,
  type CurrentCommuneRow,
  DEPARTEMENTS,
  departementOf,
  type NamedArea,
} from '@retaille/domain';
import { parse } from 'csv-parse/sync';

const require = createRequire(import.meta.url);
const CENTROIDS = new URL('../../../domain/data/communes-centroids.csv', import.meta.url);

let loading: Promise<CommuneDirectory> | undefined;

/**
 * The offline gazetteer: 2018 centroids (IGN Admin Express via france-geojson, Licence Ouverte,
 * packages/domain/data/communes-centroids.csv) joined by INSEE code with the current communes and
 * postal codes of @etalab/decoupage-administratif. Loaded once per process (~35k communes).
 */
export function loadCommuneDirectory(): Promise<CommuneDirectory> {
  loading ??= (async () => {
    const csv = await readFile(CENTROIDS, 'utf8');
    const centroids = (parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map(
      (r): CentroidRow => ({
        insee_code: r.insee_code ?? '',
        name: r.name ?? '',
        departement_code: r.departement_code ?? '',
        lat: Number(r.lat),
        lon: Number(r.lon),
      }),
    );
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as CurrentCommuneRow[];
    const departements = DEPARTEMENTS.map((d) => ({ code: d.code, nom: d.name, region: d.region }));
    const regions = require('@etalab/decoupage-administratif/data/regions.json') as NamedArea[];
    return new CommuneDirectory({ centroids, communes, departements, regions });
  })();
  return loading;
}

/** Chef-lieu (prefecture) INSEE code of each département, for approximate demo locations. */
export function departementChefLieu(code: string): string | undefined {
  return departementOf(code)?.chefLieu;
}
