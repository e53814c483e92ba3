/**
 * The browse page keeps every filter in the URL (shareable, back-button friendly). French
 * parameter names, display units (euros, cm for lengths, mm for thickness) and defensive parsing:
 * an unknown value is ignored rather than sent to the API.
 */
import type { SearchLotsInput } from '@retaille/api/client';
import {
  FRANCE_BOUNDS,
  fromDecimalComma,
  INSEE_CODE,
  isMaterialFamilyKey,
  isMaterialKey,
  isSectorKey,
  type LotCondition,
  lotConditions,
  type MaterialFamilyKey,
  type MaterialKey,
  type SectorKey,
} from '@retaille/domain/web';
import type { PointValue } from '../../components/catalogue/PointPicker.tsx';
import { cmToMm, mmToCm, scaled } from '../../lib/units.ts';

export const RADIUS_MIN = 5;
export const RADIUS_MAX = 200;
export const RADIUS_DEFAULT = 50;

export interface BrowseState {
  q: string;
  familyKey: MaterialFamilyKey | null;
  materialKey: MaterialKey | null;
  withSubstitutes: boolean;
  condition: LotCondition | null;
  sector: SectorKey | null;
  freeOnly: boolean;
  maxPriceEur: number | null;
  minLengthCm: number | null;
  minWidthCm: number | null;
  minThicknessMm: number | null;
  minQuantity: number | null;
  sort: 'distance' | 'newest';
  /** undefined: not chosen yet (use the user's default); null: the whole country. */
  point: PointValue | null | undefined;
  radiusKm: number;
  view: 'list' | 'map';
}

const num = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(fromDecimalComma(v));
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};

function parsePoint(p: URLSearchParams): PointValue | null | undefined {
  switch (p.get('autour')) {
    case 'site': {
      const siteId = p.get('site');
      return siteId && /^[0-9a-f-]{36}$/i.test(siteId) ? { kind: 'site', siteId } : undefined;
    }
    case 'domicile':
      return { kind: 'home' };
    case 'commune': {
      const insee = p.get('insee');
      return insee && INSEE_CODE.test(insee)
        ? { kind: 'commune', insee, label: p.get('lieu') ?? insee }
        : undefined;
    }
    case 'point': {
      const lat = num(p.get('lat'), FRANCE_BOUNDS.minLat, FRANCE_BOUNDS.maxLat);
      const lon = num(p.get('lon'), FRANCE_BOUNDS.minLon, FRANCE_BOUNDS.maxLon);
      return lat !== null && lon !== null ? { kind: 'point', lat, lon } : undefined;
    }
    case 'france':
      return null;
    default:
      return undefined;
  }
}

export function parseBrowse(p: URLSearchParams): BrowseState {
  const family = p.get('famille');
  const material = p.get('matiere');
  const condition = p.get('etat');
  const sector = p.get('filiere');
  return {
    q: p.get('q') ?? '',
    familyKey: family && isMaterialFamilyKey(family) ? family : null,
    materialKey: material && isMaterialKey(material) ? material : null,
    withSubstitutes: p.get('substituts') === '1',
    condition:
      condition && (lotConditions as readonly string[]).includes(condition)
        ? (condition as LotCondition)
        : null,
    sector: sector && isSectorKey(sector) ? sector : null,
    freeOnly: p.get('gratuit') === '1',
    maxPriceEur: num(p.get('prixmax'), 0, 1_000_000),
    minLengthCm: num(p.get('longueur'), 0, 2_000),
    minWidthCm: num(p.get('largeur'), 0, 1_000),
    minThicknessMm: num(p.get('epaisseur'), 0, 1_000),
    minQuantity: num(p.get('quantite'), 0, 1_000_000),
    sort: p.get('tri') === 'recent' ? 'newest' : 'distance',
    point: parsePoint(p),
    radiusKm: num(p.get('rayon'), RADIUS_MIN, RADIUS_MAX) ?? RADIUS_DEFAULT,
    view: p.get('vue') === 'carte' ? 'map' : 'list',
  };
}

/** Writes the point into the params (used by the browse page and by links to a lot page). */
export function writePoint(out: URLSearchParams, point: PointValue | null | undefined): void {
  for (const k of ['autour', 'site', 'insee', 'lieu', 'lat', 'lon']) out.delete(k);
  if (point === undefined) return;
  if (point === null) {
    out.set('autour', 'france');
    return;
  }
  switch (point.kind) {
    case 'site':
      out.set('autour', 'site');
      out.set('site', point.siteId);
      break;
    case 'home':
      out.set('autour', 'domicile');
      break;
    case 'commune':
      out.set('autour', 'commune');
      out.set('insee', point.insee);
      out.set('lieu', point.label);
      break;
    case 'point':
      out.set('autour', 'point');
      out.set('lat', point.lat.toFixed(4));
      out.set('lon', point.lon.toFixed(4));
      break;
  }
}

export function toParams(s: BrowseState): URLSearchParams {
  const out = new URLSearchParams();
  const set = (k: string, v: string | number | null | false) => {
    if (v !== null && v !== false && v !== '') out.set(k, String(v));
  };
  set('q', s.q.trim());
  set('famille', s.familyKey);
  set('matiere', s.materialKey);
  set('substituts', s.materialKey && s.withSubstitutes ? '1' : null);
  set('etat', s.condition);
  set('filiere', s.sector);
  set('gratuit', s.freeOnly ? '1' : null);
  set('prixmax', s.freeOnly ? null : s.maxPriceEur);
  set('longueur', s.minLengthCm);
  set('largeur', s.minWidthCm);
  set('epaisseur', s.minThicknessMm);
  set('quantite', s.minQuantity);
  set('tri', s.sort === 'newest' ? 'recent' : null);
  writePoint(out, s.point);
  set('rayon', s.radiusKm === RADIUS_DEFAULT ? null : s.radiusKm);
  set('vue', s.view === 'map' ? 'carte' : null);
  return out;
}

/** How many filters (besides text, point and sort) are active: shown on the phone's filter button. */
export function activeFilterCount(s: BrowseState): number {
  return [
    s.familyKey,
    s.materialKey,
    s.condition,
    s.sector,
    s.freeOnly || null,
    // Free only overrides a price cap, which is then not sent (see toSearchInput).
    s.freeOnly ? null : s.maxPriceEur,
    s.minLengthCm,
    s.minWidthCm,
    s.minThicknessMm,
    s.minQuantity,
  ].filter((v) => v !== null).length;
}

/** The `lots.search` input for a state and a resolved point (cursor added by the infinite query). */
export function toSearchInput(
  s: BrowseState,
  point: SearchLotsInput['point'] | null,
): Omit<SearchLotsInput, 'cursor'> {
  const input: Omit<SearchLotsInput, 'cursor'> = { sort: point ? s.sort : 'newest', limit: 20 };
  if (point) {
    input.point = point;
    input.radiusKm = s.radiusKm;
  }
  if (s.q.trim()) input.q = s.q.trim();
  if (s.familyKey) input.familyKey = s.familyKey;
  if (s.materialKey) {
    input.materialKey = s.materialKey;
    if (s.withSubstitutes) input.withSubstitutes = true;
  }
  if (s.condition) input.condition = s.condition;
  if (s.sector) input.sector = s.sector;
  if (s.freeOnly) input.freeOnly = true;
  else if (s.maxPriceEur !== null) input.maxPriceCents = scaled(s.maxPriceEur, 2);
  if (s.minLengthCm !== null) input.minLengthMm = cmToMm(s.minLengthCm);
  if (s.minWidthCm !== null) input.minWidthMm = cmToMm(s.minWidthCm);
  if (s.minThicknessMm !== null) input.minThicknessMm = s.minThicknessMm;
  if (s.minQuantity !== null) input.minQuantity = s.minQuantity;
  return input;
}

/** The browse page's URL for a saved search (its criteria as `lots.search` takes them). */
export function paramsOfSaved(saved: {
  point: SearchLotsInput['point'] | null;
  radiusKm: number | null;
  filters: Partial<Omit<SearchLotsInput, 'point' | 'radiusKm' | 'sort' | 'cursor' | 'limit'>>;
}): URLSearchParams {
  const f = saved.filters;
  const point: PointValue | null =
    saved.point === null || saved.point === undefined
      ? null
      : saved.point.kind === 'commune'
        ? { kind: 'commune', insee: saved.point.insee, label: saved.point.insee }
        : saved.point;
  return toParams({
    q: f.q ?? '',
    familyKey: f.familyKey ?? null,
    materialKey: f.materialKey ?? null,
    withSubstitutes: f.withSubstitutes ?? false,
    condition: f.condition ?? null,
    sector: f.sector ?? null,
    freeOnly: f.freeOnly ?? false,
    maxPriceEur: f.maxPriceCents === undefined ? null : f.maxPriceCents / 100,
    minLengthCm: f.minLengthMm === undefined ? null : mmToCm(f.minLengthMm),
    minWidthCm: f.minWidthMm === undefined ? null : mmToCm(f.minWidthMm),
    minThicknessMm: f.minThicknessMm ?? null,
    minQuantity: f.minQuantity ?? null,
    sort: 'distance',
    point,
    radiusKm: saved.radiusKm ?? RADIUS_DEFAULT,
    view: 'list',
  });
}
