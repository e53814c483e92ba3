import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  type BrowseState,
  parseBrowse,
  RADIUS_DEFAULT,
  toParams,
  toSearchInput,
  writePoint,
} from './browse-params.ts';

const base = parseBrowse(new URLSearchParams());
const params = (query: string) => new URLSearchParams(query);
const state = (patch: Partial<BrowseState>): BrowseState => ({ ...base, ...patch });

describe('parseBrowse', () => {
  it('reads an empty URL as the defaults', () => {
    expect(base).toEqual({
      q: '',
      familyKey: null,
      materialKey: null,
      withSubstitutes: false,
      condition: null,
      sector: null,
      freeOnly: false,
      maxPriceEur: null,
      minLengthCm: null,
      minWidthCm: null,
      minThicknessMm: null,
      minQuantity: null,
      sort: 'distance',
      point: undefined,
      radiusKm: RADIUS_DEFAULT,
      view: 'list',
    });
  });

  it('reads French parameter names and decimal commas', () => {
    const s = parseBrowse(
      params(
        'q=chêne&famille=wood&matiere=oak&substituts=1&etat=offcut&filiere=bois&prixmax=12,5&longueur=60&largeur=20,5&epaisseur=18&quantite=3&tri=recent&rayon=80&vue=carte',
      ),
    );
    expect(s).toMatchObject({
      q: 'chêne',
      familyKey: 'wood',
      materialKey: 'oak',
      withSubstitutes: true,
      condition: 'offcut',
      sector: 'bois',
      maxPriceEur: 12.5,
      minLengthCm: 60,
      minWidthCm: 20.5,
      minThicknessMm: 18,
      minQuantity: 3,
      sort: 'newest',
      radiusKm: 80,
      view: 'map',
    });
  });

  it('ignores unknown keys and out-of-bounds numbers instead of sending them', () => {
    const s = parseBrowse(
      params(
        'famille=unobtainium&matiere=kryptonite&etat=shiny&filiere=nope&prixmax=-1&longueur=2001&largeur=abc&epaisseur=1001&quantite=&tri=cheapest&vue=globe',
      ),
    );
    expect(s).toEqual(base);
  });

  it.each([
    ['4', RADIUS_DEFAULT],
    ['5', 5],
    ['200', 200],
    ['201', RADIUS_DEFAULT],
    ['NaN', RADIUS_DEFAULT],
  ])('radius %s km → %s km (5 to 200, else the default)', (rayon, km) => {
    expect(parseBrowse(params(`rayon=${rayon}`)).radiusKm).toBe(km);
  });

  it.each([
    ['autour=domicile', { kind: 'home' }],
    ['autour=france', null],
    [
      'autour=site&site=5f0c6f6e-2f7d-4a8e-9d3c-1b2a3c4d5e6f',
      { kind: 'site', siteId: '5f0c6f6e-2f7d-4a8e-9d3c-1b2a3c4d5e6f' },
    ],
    ['autour=site&site=not-a-uuid', undefined],
    ['autour=commune&insee=69123&lieu=Lyon', { kind: 'commune', insee: '69123', label: 'Lyon' }],
    ['autour=commune&insee=2A004', { kind: 'commune', insee: '2A004', label: '2A004' }],
    ['autour=commune&insee=6912', undefined],
    ['autour=point&lat=45.764&lon=4.8357', { kind: 'point', lat: 45.764, lon: 4.8357 }],
    ['autour=point&lat=41&lon=-5.5', { kind: 'point', lat: 41, lon: -5.5 }],
    ['autour=point&lat=51.5&lon=10', { kind: 'point', lat: 51.5, lon: 10 }],
    // Outside mainland France and Corsica: not a point the map can show.
    ['autour=point&lat=40.99&lon=2', undefined],
    ['autour=point&lat=48&lon=10.01', undefined],
    ['autour=point&lat=48', undefined],
    ['autour=ailleurs', undefined],
  ])('point %s', (query, point) => {
    expect(parseBrowse(params(query)).point).toEqual(point);
  });
});

describe('toParams ∘ parseBrowse', () => {
  const full = state({
    q: 'contreplaqué',
    familyKey: 'wood_panels',
    materialKey: 'plywood',
    withSubstitutes: true,
    condition: 'offcut',
    sector: 'bois',
    maxPriceEur: 0,
    minLengthCm: 0.5,
    minWidthCm: 30,
    minThicknessMm: 15,
    minQuantity: 2,
    sort: 'newest',
    point: { kind: 'commune', insee: '2B033', label: 'Bastia' },
    radiusKm: 120,
    view: 'map',
  });

  it.each<[string, BrowseState]>([
    ['defaults', base],
    ['every filter', full],
    ['the whole country', state({ point: null })],
    ['home', state({ point: { kind: 'home' } })],
    ['a site', state({ point: { kind: 'site', siteId: '5f0c6f6e-2f7d-4a8e-9d3c-1b2a3c4d5e6f' } })],
    ['a map point', state({ point: { kind: 'point', lat: 45.764, lon: 4.8357 } })],
  ])('round-trips %s', (_, s) => {
    expect(parseBrowse(toParams(s))).toEqual(s);
  });

  it('writes nothing for the defaults (a clean, shareable URL)', () => {
    expect(toParams(base).toString()).toBe('');
  });

  it('drops the substitutes flag without a material and the price cap for free lots', () => {
    const p = toParams(state({ withSubstitutes: true, freeOnly: true, maxPriceEur: 12 }));
    expect(p.get('substituts')).toBeNull();
    expect(p.get('prixmax')).toBeNull();
    expect(p.get('gratuit')).toBe('1');
  });

  it('rounds a map point to 4 decimals (about 10 m)', () => {
    const out = new URLSearchParams('autour=commune&insee=69123&lieu=Lyon&rayon=10');
    writePoint(out, { kind: 'point', lat: 45.764_049, lon: 4.835_659 });
    expect(out.toString()).toBe('rayon=10&autour=point&lat=45.7640&lon=4.8357');
  });
});

describe('toSearchInput', () => {
  const point = { kind: 'point' as const, lat: 45.76, lon: 4.84 };

  it('sends euros as integer cents and centimetres as millimetres', () => {
    const input = toSearchInput(
      state({ maxPriceEur: 12.5, minLengthCm: 60, minWidthCm: 20.5, minThicknessMm: 18 }),
      point,
    );
    expect(input).toMatchObject({
      maxPriceCents: 1250,
      minLengthMm: 600,
      minWidthMm: 205,
      minThicknessMm: 18,
    });
  });

  it.each([
    [0.29, 29],
    [4.35, 435],
    [19.99, 1999],
    [0, 0],
    // A hand-typed or shared URL may carry a third decimal: half-up on the typed value, as the
    // domain rounds money (binary 1.005 × 100 is 100.4999…).
    [1.005, 101],
    [0.285, 29],
  ])('%s € → %s cents', (eur, cents) => {
    expect(toSearchInput(state({ maxPriceEur: eur }), point).maxPriceCents).toBe(cents);
  });

  it('passes a negative draft value through for the API to refuse, without throwing', () => {
    expect(toSearchInput(state({ minWidthCm: -2 }), point).minWidthMm).toBe(-20);
  });

  it('free only wins over a price cap', () => {
    const input = toSearchInput(state({ freeOnly: true, maxPriceEur: 10 }), point);
    expect(input.freeOnly).toBe(true);
    expect(input.maxPriceCents).toBeUndefined();
  });

  it('without a point: newest first, no radius', () => {
    const input = toSearchInput(state({ sort: 'distance', radiusKm: 30 }), null);
    expect(input).toEqual({ sort: 'newest', limit: 20 });
  });

  it('with a point: the chosen sort and radius', () => {
    expect(toSearchInput(state({ radiusKm: 30 }), point)).toEqual({
      sort: 'distance',
      limit: 20,
      point,
      radiusKm: 30,
    });
  });

  it('sends substitutes only with a material, and trims the text', () => {
    expect(toSearchInput(state({ q: '  chêne ', withSubstitutes: true }), null)).toEqual({
      sort: 'newest',
      limit: 20,
      q: 'chêne',
    });
    expect(toSearchInput(state({ materialKey: 'oak', withSubstitutes: true }), null).withSubstitutes).toBe(
      true,
    );
  });
});

describe('activeFilterCount', () => {
  it('counts filters, not text, point or sort', () => {
    expect(activeFilterCount(base)).toBe(0);
    expect(activeFilterCount(state({ q: 'x', sort: 'newest', point: { kind: 'home' } }))).toBe(0);
    expect(activeFilterCount(state({ familyKey: 'wood', minLengthCm: 0, freeOnly: true }))).toBe(3);
  });

  it('does not count a price cap that free-only overrides (it is not sent)', () => {
    expect(activeFilterCount(state({ freeOnly: true, maxPriceEur: 10 }))).toBe(1);
  });
});
