import { describe, expect, it } from 'vitest';
import { CommuneDirectory, normalizeName } from './commune-directory.ts';

const dir = new CommuneDirectory({
  centroids: [
    { insee_code: '92050', name: 'Nanterre', departement_code: '92', lat: 48.8966, lon: 2.1952 },
    { insee_code: '42218', name: 'Saint-Étienne', departement_code: '42', lat: 45.43, lon: 4.39 },
    { insee_code: '49001', name: 'Old A', departement_code: '49', lat: 47, lon: -0.5 },
    { insee_code: '49002', name: 'Old B', departement_code: '49', lat: 47.2, lon: -0.7 },
  ],
  communes: [
    {
      code: '92050',
      nom: 'Nanterre',
      type: 'commune-actuelle',
      departement: '92',
      region: '11',
      codesPostaux: ['92000'],
      population: 97783,
    },
    {
      code: '42218',
      nom: 'Saint-Étienne',
      type: 'commune-actuelle',
      departement: '42',
      region: '84',
      codesPostaux: ['42000', '42100'],
      population: 170000,
    },
    {
      code: '49999',
      nom: 'Nouvelle-Commune',
      type: 'commune-actuelle',
      departement: '49',
      region: '52',
      codesPostaux: ['49100'],
      anciensCodes: ['49001', '49002'],
    },
    { code: '49001', nom: 'Old A', type: 'commune-deleguee', departement: '49', region: '52' },
  ],
  departements: [
    { code: '92', nom: 'Hauts-de-Seine', region: '11' },
    { code: '42', nom: 'Loire', region: '84' },
    { code: '49', nom: 'Maine-et-Loire', region: '52' },
  ],
  regions: [
    { code: '11', nom: 'Île-de-France' },
    { code: '84', nom: 'Auvergne-Rhône-Alpes' },
    { code: '52', nom: 'Pays de la Loire' },
  ],
});

describe('CommuneDirectory', () => {
  it('geocodes a postal code to commune, département, region and centroid', () => {
    const [c] = dir.byPostalCode('92000');
    expect(c).toMatchObject({
      insee: '92050',
      departementName: 'Hauts-de-Seine',
      regionName: 'Île-de-France',
      lat: 48.8966,
      approximate: false,
    });
  });

  it('falls back to the mean of former communes for post-2018 mergers, flagged approximate', () => {
    const c = dir.get('49999');
    expect(c?.approximate).toBe(true);
    expect(c?.lat).toBeCloseTo(47.1, 6);
    expect(c?.lon).toBeCloseTo(-0.6, 6);
  });

  it('skips delegated communes (not current)', () => {
    expect(dir.get('49001')).toBeUndefined();
    expect(dir.size).toBe(3);
  });

  it('searches names ignoring accents, case and "St" abbreviations', () => {
    expect(dir.search('st etienne').map((c) => c.insee)).toEqual(['42218']);
    expect(dir.search('SAINT-ÉT').map((c) => c.insee)).toEqual(['42218']);
    expect(dir.search('nant').map((c) => c.insee)).toEqual(['92050']);
    expect(dir.search('zzz')).toEqual([]);
  });

  it('searches by postal code prefix', () => {
    expect(dir.search('421').map((c) => c.insee)).toEqual(['42218']);
  });

  it('returns nothing for an unknown postal code', () => {
    expect(dir.byPostalCode('00000')).toEqual([]);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Saint-Étienne', 'saint etienne'],
    ["L'Île-Bouchard", 'l ile bouchard'],
    ['Ste-Foy', 'sainte foy'],
  ])('%s → %s', (input, out) => expect(normalizeName(input)).toBe(out));
});
