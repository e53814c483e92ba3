import type { LatLon } from './distance.ts';

/** A current French commune with its centroid, as used for offline geocoding. */
export interface Commune extends LatLon {
  insee: string;
  name: string;
  postalCodes: string[];
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  population: number | null;
  /** True when the centroid was derived (commune merged after 2018: mean of its former communes). */
  approximate: boolean;
}

export interface CentroidRow {
  insee_code: string;
  name: string;
  departement_code: string;
  lat: number;
  lon: number;
}

export interface CurrentCommuneRow {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
  zone?: string;
}

export interface NamedArea {
  code: string;
  nom: string;
}

/** Lower-case, accents and punctuation removed: "Saint-Étienne" → "saint etienne". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Offline gazetteer: current communes (INSEE codes, postal codes) joined with the 2018
 * centroids of `communes-centroids.csv`. Communes created by a merger after 2018 get the mean
 * of their former communes' centroids, flagged `approximate`.
 */
export class CommuneDirectory {
  private readonly byInsee = new Map<string, Commune>();
  private readonly byPostal = new Map<string, Commune[]>();
  private readonly sorted: { key: string; commune: Commune }[] = [];

  constructor(input: {
    centroids: CentroidRow[];
    communes: CurrentCommuneRow[];
    departements: (NamedArea & { region: string })[];
    regions: NamedArea[];
  }) {
    const centroid = new Map(input.centroids.map((c) => [c.insee_code, c]));
    const depName = new Map(input.departements.map((d) => [d.code, d.nom]));
    const regName = new Map(input.regions.map((r) => [r.code, r.nom]));
    for (const row of input.communes) {
      if (row.type !== 'commune-actuelle' && row.type !== 'arrondissement-municipal') continue;
      if (!row.departement || !row.region) continue;
      let point: LatLon | undefined = centroid.get(row.code);
      let approximate = false;
      if (!point) {
        const olds = (row.anciensCodes ?? []).map((c) => centroid.get(c)).filter((c) => c !== undefined);
        if (olds.length === 0) continue;
        point = {
          lat: olds.reduce((s, c) => s + c.lat, 0) / olds.length,
          lon: olds.reduce((s, c) => s + c.lon, 0) / olds.length,
        };
        approximate = true;
      }
      const commune: Commune = {
        insee: row.code,
        name: row.nom,
        postalCodes: row.codesPostaux ?? [],
        departementCode: row.departement,
        departementName: depName.get(row.departement) ?? row.departement,
        regionCode: row.region,
        regionName: regName.get(row.region) ?? row.region,
        population: row.population ?? null,
        lat: point.lat,
        lon: point.lon,
        approximate,
      };
      this.byInsee.set(commune.insee, commune);
      for (const cp of commune.postalCodes) {
        const list = this.byPostal.get(cp) ?? [];
        list.push(commune);
        this.byPostal.set(cp, list);
      }
      this.sorted.push({ key: normalizeName(commune.name), commune });
    }
    this.sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get size(): number {
    return this.byInsee.size;
  }

  get(insee: string): Commune | undefined {
    return this.byInsee.get(insee);
  }

  /** The communes of a département, by INSEE code (a stable order for deterministic picks). */
  inDepartement(code: string): Commune[] {
    return [...this.byInsee.values()]
      .filter((c) => c.departementCode === code)
      .sort((a, b) => (a.insee < b.insee ? -1 : a.insee > b.insee ? 1 : 0));
  }

  /** Communes served by a postal code, most populated first. */
  byPostalCode(postalCode: string): Commune[] {
    return [...(this.byPostal.get(postalCode.trim()) ?? [])].sort(
      (a, b) => (b.population ?? 0) - (a.population ?? 0),
    );
  }

  /** Prefix search on the normalised name, or on a postal code; most populated first. */
  search(query: string, limit = 10): Commune[] {
    const q = query.trim();
    if (/^\d{2,5}$/.test(q)) {
      const out: Commune[] = [];
      for (const [cp, list] of this.byPostal) if (cp.startsWith(q)) out.push(...list);
      return dedupe(out)
        .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
        .slice(0, limit);
    }
    const key = normalizeName(q);
    if (!key) return [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid]?.key ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    const out: Commune[] = [];
    for (let i = lo; i < this.sorted.length; i++) {
      const e = this.sorted[i];
      if (!e?.key.startsWith(key)) break;
      out.push(e.commune);
    }
    return out
      .sort((a, b) => {
        const exact = Number(normalizeName(b.name) === key) - Number(normalizeName(a.name) === key);
        return exact || (b.population ?? 0) - (a.population ?? 0);
      })
      .slice(0, limit);
  }
}

function dedupe(list: Commune[]): Commune[] {
  return [...new Map(list.map((c) => [c.insee, c])).values()];
}
