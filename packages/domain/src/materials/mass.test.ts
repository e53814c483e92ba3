import { describe, expect, it } from 'vitest';
import { estimateMassKg, MAX_ESTIMATED_MASS_KG, type MassInput, type MassMethod } from './mass.ts';
import { getMaterial, materials } from './taxonomy.ts';
import { units } from './units.ts';

describe('estimateMassKg: hand-computed rows', () => {
  it.each<[string, MassInput, number, boolean, MassMethod]>([
    // 1 × 0.2 × 0.02 m = 0.004 m³ × 700 kg/m³ = 2.8 kg, × 10
    [
      '10 oak boards 1000×200×20 mm',
      {
        material: 'oak',
        quantity: 10,
        unit: 'piece',
        dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
      },
      28,
      true,
      'box_x_density',
    ],
    // 2.44 × 1.22 × 0.018 = 0.0535824 m³ × 750 = 40.1868 kg, × 3
    [
      '3 MDF sheets 2440×1220×18 mm',
      {
        material: 'mdf',
        quantity: 3,
        unit: 'sheet',
        dimensions: { lengthMm: 2440, widthMm: 1220, thicknessMm: 18 },
      },
      120.5604,
      true,
      'box_x_density',
    ],
    [
      'weighed mass wins over dimensions',
      {
        material: 'oak',
        quantity: 10,
        unit: 'piece',
        dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
        measuredKg: 31.4,
      },
      31.4,
      false,
      'measured',
    ],
    ['40 kg of offcuts', { material: 'wood_other', quantity: 40, unit: 'kg' }, 40, false, 'mass_unit'],
    [
      '0.25 t of spent grain',
      { material: 'spent_grain', quantity: 0.25, unit: 't' },
      250,
      false,
      'mass_unit',
    ],
    // 0.5 m³ × 520 kg/m³
    ['0.5 m³ of pine', { material: 'pine', quantity: 0.5, unit: 'm3' }, 260, true, 'volume_x_density'],
    // 5 m² × 180 g/m²
    ['5 m² of linen', { material: 'linen', quantity: 5, unit: 'm2' }, 0.9, true, 'area_x_areal_mass'],
    // 2 m² × 0.0025 m × 900 kg/m³: the lot's thickness beats the typical grammage
    [
      '2 m² of veg-tan leather 2.5 mm',
      { material: 'leather_bovine_vegetable', quantity: 2, unit: 'm2', dimensions: { thicknessMm: 2.5 } },
      4.5,
      true,
      'area_x_thickness_x_density',
    ],
    // 2 m² × 0.0015 m × 7850 kg/m³
    [
      '2 m² of 1.5 mm steel sheet',
      { material: 'steel', quantity: 2, unit: 'm2', dimensions: { thicknessMm: 1.5 } },
      23.55,
      true,
      'area_x_thickness_x_density',
    ],
    // 2 rolls × 50 m × 1.4 m × 200 g/m²
    [
      '2 rolls of cotton 50 m × 1400 mm',
      { material: 'cotton', quantity: 2, unit: 'roll', dimensions: { rollLengthM: 50, widthMm: 1400 } },
      28,
      true,
      'area_x_areal_mass',
    ],
    // 30 m × 1.5 m × 320 g/m²: the lot's grammage beats the typical 200 g/m²
    [
      'a roll of 320 g/m² cotton 30 m × 1500 mm',
      {
        material: 'cotton',
        quantity: 1,
        unit: 'roll',
        dimensions: { rollLengthM: 30, widthMm: 1500, thicknessMm: 0.6 },
        arealMassGM2: 320,
      },
      14.4,
      true,
      'area_x_areal_mass',
    ],
    // 100 m × 1 m × 0.0001 m × 920 kg/m³
    [
      'a roll of LDPE film 100 m × 1000 mm × 0.1 mm',
      {
        material: 'ldpe',
        quantity: 1,
        unit: 'roll',
        dimensions: { rollLengthM: 100, widthMm: 1000, thicknessMm: 0.1 },
      },
      9.2,
      true,
      'area_x_thickness_x_density',
    ],
    // 12 m × 0.045 m × 0.027 m × 700 kg/m³
    [
      '12 m of oak batten 45×27 mm',
      { material: 'oak', quantity: 12, unit: 'm', dimensions: { widthMm: 45, thicknessMm: 27 } },
      10.206,
      true,
      'area_x_thickness_x_density',
    ],
    // 3 m × 1.5 m × 400 g/m²
    [
      '3 m of denim, 1500 mm wide',
      { material: 'denim', quantity: 3, unit: 'm', dimensions: { widthMm: 1500 } },
      1.8,
      true,
      'area_x_areal_mass',
    ],
    // 1.2 m × 0.9 m × 1100 g/m²
    [
      'a chrome-tanned hide 1200×900 mm',
      {
        material: 'leather_bovine_chrome',
        quantity: 1,
        unit: 'piece',
        dimensions: { lengthMm: 1200, widthMm: 900 },
      },
      1.188,
      true,
      'area_x_areal_mass',
    ],
    // 4 × 0.6 × 0.4 × 0.005 m × 1190 kg/m³
    [
      '4 PMMA offcuts 600×400×5 mm',
      {
        material: 'pmma',
        quantity: 4,
        unit: 'piece',
        dimensions: { lengthMm: 600, widthMm: 400, thicknessMm: 5 },
      },
      5.712,
      true,
      'box_x_density',
    ],
  ])('%s', (_name, input, kg, estimated, method) => {
    const r = estimateMassKg(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.kg).toBeCloseTo(kg, 6);
    expect(r.estimated).toBe(estimated);
    expect(r.method).toBe(method);
  });

  it('shows the density or grammage it used and whether it is rough', () => {
    expect(estimateMassKg({ material: 'pine', quantity: 1, unit: 'm3' })).toMatchObject({
      densityKgM3: 520,
      rough: false,
    });
    expect(estimateMassKg({ material: 'spent_grain', quantity: 0.2, unit: 'm3' })).toMatchObject({
      kg: 180,
      rough: true,
    });
    expect(estimateMassKg({ material: 'linen', quantity: 1, unit: 'm2' })).toMatchObject({
      arealMassGM2: 180,
    });
  });

  it('accepts a Material as well as a key', () => {
    const oak = getMaterial('oak');
    if (!oak) throw new Error('oak missing');
    expect(estimateMassKg({ material: oak, quantity: 1, unit: 'm3' })).toMatchObject({ ok: true, kg: 700 });
  });
});

describe('estimateMassKg: cannot estimate', () => {
  it.each<[string, MassInput, string, string[]]>([
    [
      // 1.57 × 10^12 kg would overflow the numeric(14, 3) mass column (a 500 before the cap).
      'a million steel blocks of 20 m × 10 m × 1 m, the largest the form allows',
      {
        material: 'steel',
        quantity: 1_000_000,
        unit: 'piece',
        dimensions: { lengthMm: 20_000, widthMm: 10_000, thicknessMm: 1_000 },
      },
      'invalid',
      ['quantity'],
    ],
    [
      'steel in m² without thickness',
      { material: 'steel', quantity: 2, unit: 'm2' },
      'missing',
      ['dimensions.thicknessMm'],
    ],
    [
      'a sheet without any dimension',
      { material: 'plywood', quantity: 1, unit: 'sheet', dimensions: null },
      'missing',
      ['dimensions.lengthMm', 'dimensions.widthMm', 'dimensions.thicknessMm'],
    ],
    [
      'linear metres of steel without section',
      { material: 'steel', quantity: 6, unit: 'm' },
      'missing',
      ['dimensions.widthMm', 'dimensions.thicknessMm'],
    ],
    [
      'a roll without its length',
      { material: 'cotton', quantity: 1, unit: 'roll', dimensions: { widthMm: 1400 } },
      'missing',
      ['dimensions.rollLengthM'],
    ],
    ['zero quantity', { material: 'oak', quantity: 0, unit: 'kg' }, 'invalid', ['quantity']],
    ['negative quantity', { material: 'oak', quantity: -3, unit: 'm3' }, 'invalid', ['quantity']],
    ['NaN quantity', { material: 'oak', quantity: Number.NaN, unit: 'kg' }, 'invalid', ['quantity']],
    [
      'negative thickness',
      {
        material: 'oak',
        quantity: 1,
        unit: 'piece',
        dimensions: { lengthMm: 100, widthMm: 100, thicknessMm: -2 },
      },
      'invalid',
      ['dimensions.thicknessMm'],
    ],
    [
      'zero weighed mass',
      { material: 'oak', quantity: 1, unit: 'kg', measuredKg: 0 },
      'invalid',
      ['measuredKg'],
    ],
    [
      'zero grammage',
      { material: 'cotton', quantity: 1, unit: 'm2', arealMassGM2: 0 },
      'invalid',
      ['arealMassGM2'],
    ],
    [
      'unknown material',
      { material: 'kryptonite' as never, quantity: 1, unit: 'kg' },
      'unknown_material',
      ['material'],
    ],
  ])('%s', (_name, input, reason, fields) => {
    const r = estimateMassKg(input);
    expect(r).toEqual({ ok: false, kg: null, method: 'cannot_estimate', reason, fields });
  });

  it('never returns NaN or a non-positive mass, for any material and unit', () => {
    const dims = { lengthMm: 500, widthMm: 300, thicknessMm: 10, rollLengthM: 20 };
    for (const m of materials) {
      for (const u of units) {
        for (const dimensions of [dims, {}]) {
          const r = estimateMassKg({ material: m.key, quantity: 2, unit: u.key, dimensions });
          if (r.ok) {
            expect(Number.isFinite(r.kg), `${m.key} ${u.key}`).toBe(true);
            expect(r.kg).toBeGreaterThan(0);
          } else {
            expect(r.kg).toBeNull();
            expect(r.fields.length).toBeGreaterThan(0);
          }
        }
        expect(estimateMassKg({ material: m.key, quantity: 2, unit: u.key, dimensions: dims }).ok).toBe(true);
      }
    }
  });
});

describe('estimateMassKg: roughness and edge cases', () => {
  it.each<[string, MassInput, Record<string, unknown>]>([
    // garments: a rough bulk density (250 kg/m³), no typical grammage.
    [
      'a weighed rough material is not rough',
      { material: 'garments', quantity: 3, unit: 'piece', measuredKg: 12 },
      { kg: 12, rough: false, method: 'measured' },
    ],
    [
      'a rough material counted in kg is not rough',
      { material: 'garments', quantity: 2, unit: 'kg' },
      { kg: 2, rough: false, method: 'mass_unit' },
    ],
    [
      'a rough material with the lot grammage is not rough',
      { material: 'garments', quantity: 2, unit: 'm2', arealMassGM2: 300 },
      { kg: 0.6, rough: false, method: 'area_x_areal_mass' },
    ],
    [
      'a rough material through its density stays rough',
      { material: 'garments', quantity: 1, unit: 'm2', dimensions: { thicknessMm: 10 } },
      { kg: 2.5, rough: true, method: 'area_x_thickness_x_density' },
    ],
    [
      'a precise material through its density is not rough',
      { material: 'oak', quantity: 1, unit: 'm2', dimensions: { thicknessMm: 10 } },
      { kg: 7, rough: false, method: 'area_x_thickness_x_density' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(estimateMassKg(input)).toMatchObject({ ok: true, ...expected });
  });

  it.each<[string, MassInput, string, string[]]>([
    [
      'a negative optional thickness',
      { material: 'oak', quantity: 1, unit: 'm2', dimensions: { thicknessMm: -1 } },
      'invalid',
      ['dimensions.thicknessMm'],
    ],
    [
      'a mass too small to be represented',
      { material: 'oak', quantity: 1e-200, unit: 'm2', dimensions: { thicknessMm: 1e-200 } },
      'invalid',
      ['quantity'],
    ],
  ])('%s', (_name, input, reason, fields) => {
    expect(estimateMassKg(input)).toEqual({ ok: false, kg: null, method: 'cannot_estimate', reason, fields });
  });

  it('keeps an estimate of exactly the cap, 1 000 000 t, and refuses a cubic metre more', () => {
    // garments: 250 kg/m³, so 4 000 000 m³ are exactly 10^9 kg.
    expect(estimateMassKg({ material: 'garments', quantity: 4_000_000, unit: 'm3' })).toMatchObject({
      ok: true,
      kg: MAX_ESTIMATED_MASS_KG,
    });
    expect(estimateMassKg({ material: 'garments', quantity: 4_000_001, unit: 'm3' })).toMatchObject({
      ok: false,
      fields: ['quantity'],
    });
  });

  it.each<[string, MassInput, string[]]>([
    [
      'a sheet of zero width',
      {
        material: 'plywood',
        quantity: 1,
        unit: 'sheet',
        dimensions: { lengthMm: 2500, widthMm: 0, thicknessMm: 18 },
      },
      ['dimensions.widthMm'],
    ],
    [
      'a roll of negative length',
      { material: 'cotton', quantity: 1, unit: 'roll', dimensions: { rollLengthM: -50, widthMm: 1400 } },
      ['dimensions.rollLengthM'],
    ],
  ])('names the required dimension that is not positive: %s', (_name, input, fields) => {
    expect(estimateMassKg(input)).toEqual({
      ok: false,
      kg: null,
      method: 'cannot_estimate',
      reason: 'invalid',
      fields,
    });
  });
});
