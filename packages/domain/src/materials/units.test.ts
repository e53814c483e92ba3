import { describe, expect, it } from 'vitest';
import {
  convertMass,
  type DimensionField,
  type Dimensions,
  getUnit,
  isUnitKey,
  requiredDimensions,
  type UnitKey,
  units,
  validateDimensions,
  validateMeasure,
  validateQuantity,
} from './units.ts';

describe('units', () => {
  it('are the eight expected, with labels and French symbols', () => {
    expect(units.map((u) => u.key)).toEqual(['kg', 't', 'm', 'm2', 'm3', 'piece', 'sheet', 'roll']);
    for (const u of units) {
      for (const l of [u.label, u.plural, u.symbol]) {
        expect(l.fr.trim()).not.toBe('');
        expect(l.en.trim()).not.toBe('');
      }
    }
    expect(getUnit('m2').symbol.fr).toBe('m²');
    expect(getUnit('m3').symbol.fr).toBe('m³');
    expect(getUnit('piece').symbol.fr).toBe('pce');
  });

  it('recognises unit keys', () => {
    expect(isUnitKey('sheet')).toBe(true);
    expect(isUnitKey('litre')).toBe(false);
  });

  it.each<[UnitKey, boolean, DimensionField[]]>([
    ['kg', false, []],
    ['t', false, []],
    ['m3', false, []],
    ['m2', false, ['thicknessMm']],
    ['m2', true, []],
    ['m', false, ['widthMm', 'thicknessMm']],
    ['m', true, ['widthMm']],
    ['piece', false, ['lengthMm', 'widthMm', 'thicknessMm']],
    ['sheet', false, ['lengthMm', 'widthMm', 'thicknessMm']],
    ['sheet', true, ['lengthMm', 'widthMm']],
    ['roll', false, ['rollLengthM', 'widthMm', 'thicknessMm']],
    ['roll', true, ['rollLengthM', 'widthMm']],
  ])('%s (areal mass known: %s) needs %j', (unit, byArea, fields) => {
    expect(requiredDimensions(unit, { arealMassGM2: byArea ? 200 : null })).toEqual(fields);
    for (const f of fields) expect(getUnit(unit).dimensions).toContain(f);
  });

  it('defaults to needing a thickness when the material is unknown', () => {
    expect(requiredDimensions('m2')).toEqual(['thicknessMm']);
  });
});

describe('convertMass', () => {
  it.each<[number, 'kg' | 't', 'kg' | 't', number]>([
    [1, 't', 'kg', 1000],
    [250, 'kg', 't', 0.25],
    [3.5, 'kg', 'kg', 3.5],
    [0.04, 't', 't', 0.04],
  ])('%d %s = %d %s', (value, from, to, expected) => {
    expect(convertMass(value, from, to)).toBeCloseTo(expected, 9);
  });
});

describe('validateQuantity', () => {
  it.each<[number, UnitKey, string | null]>([
    [12, 'piece', null],
    [2.5, 'm2', null],
    [0.3, 't', null],
    [1_000_000, 'kg', null],
    [0, 'kg', 'measure.zero'],
    [-1, 'kg', 'measure.negative'],
    [Number.NaN, 'kg', 'measure.notANumber'],
    [Number.POSITIVE_INFINITY, 'kg', 'measure.notANumber'],
    [1_000_001, 'kg', 'measure.tooLarge'],
    [2.5, 'sheet', 'measure.notInteger'],
    [1.5, 'roll', 'measure.notInteger'],
  ])('%d %s → %s', (quantity, unit, key) => {
    const problems = validateQuantity(quantity, unit);
    expect(problems.map((p) => p.key)).toEqual(key ? [key] : []);
    for (const p of problems) expect(p.path).toBe('quantity');
  });
});

describe('validateDimensions', () => {
  it.each<[Dimensions, DimensionField[], [string, string][]]>([
    [{ lengthMm: 1000, widthMm: 200, thicknessMm: 20 }, ['lengthMm', 'widthMm', 'thicknessMm'], []],
    [{ rollLengthM: 50, widthMm: 1400 }, ['rollLengthM', 'widthMm'], []],
    [{ lengthMm: null, widthMm: undefined }, [], []],
    [{ lengthMm: -5 }, [], [['dimensions.lengthMm', 'measure.negative']]],
    [{ widthMm: 0 }, [], [['dimensions.widthMm', 'measure.zero']]],
    [{ lengthMm: 20_001 }, [], [['dimensions.lengthMm', 'measure.tooLarge']]],
    [{ lengthMm: 20_000 }, [], []],
    [{ thicknessMm: 1_001 }, [], [['dimensions.thicknessMm', 'measure.tooLarge']]],
    [{ widthMm: 10_001 }, [], [['dimensions.widthMm', 'measure.tooLarge']]],
    [{ rollLengthM: 10_001 }, [], [['dimensions.rollLengthM', 'measure.tooLarge']]],
    [{ thicknessMm: Number.NaN }, [], [['dimensions.thicknessMm', 'measure.notANumber']]],
    [
      { lengthMm: 1000 },
      ['lengthMm', 'widthMm', 'thicknessMm'],
      [
        ['dimensions.widthMm', 'measure.required'],
        ['dimensions.thicknessMm', 'measure.required'],
      ],
    ],
  ])('%j (required %j)', (dims, required, expected) => {
    expect(validateDimensions(dims, required).map((p) => [p.path, p.key])).toEqual(expected);
  });

  it('reports the limit it broke', () => {
    expect(validateDimensions({ thicknessMm: 2000 })[0]?.params).toEqual({ max: 1000, unit: 'mm' });
    expect(validateDimensions({ rollLengthM: 20_000 })[0]?.params).toEqual({ max: 10_000, unit: 'm' });
  });
});

describe('validateMeasure', () => {
  it('requires the dimensions that estimate the mass when nothing is weighed', () => {
    expect(
      validateMeasure({ quantity: 3, unit: 'sheet', dimensions: { lengthMm: 2500 } }).map((p) => p.path),
    ).toEqual(['dimensions.widthMm', 'dimensions.thicknessMm']);
  });

  it('accepts a weighed lot without dimensions, but not a bad weight', () => {
    expect(validateMeasure({ quantity: 3, unit: 'sheet', measuredKg: 41.2 })).toEqual([]);
    expect(
      validateMeasure({ quantity: 3, unit: 'sheet', measuredKg: -1 }).map((p) => [p.path, p.key]),
    ).toEqual([['measuredKg', 'measure.negative']]);
  });

  it('lets a fabric in m² go without thickness', () => {
    expect(validateMeasure({ quantity: 2, unit: 'm2', material: { arealMassGM2: 180 } })).toEqual([]);
    expect(validateMeasure({ quantity: 2, unit: 'm2' }).map((p) => p.path)).toEqual([
      'dimensions.thicknessMm',
    ]);
  });
});

describe('validation paths and limits', () => {
  it('names the field it was given', () => {
    expect(validateQuantity(0, 'kg', 'wanted.minQuantity')).toEqual([
      { path: 'wanted.minQuantity', key: 'measure.zero' },
    ]);
    expect(validateQuantity(2.5, 'piece', 'q')).toEqual([{ path: 'q', key: 'measure.notInteger' }]);
    expect(validateDimensions({ widthMm: -1 }, [], 'lot.dims')).toEqual([
      { path: 'lot.dims.widthMm', key: 'measure.negative' },
    ]);
    expect(validateDimensions(null, ['lengthMm'])).toEqual([
      { path: 'dimensions.lengthMm', key: 'measure.required' },
    ]);
    expect(validateDimensions(undefined)).toEqual([]);
  });

  it('reports the quantity limit it broke', () => {
    expect(validateQuantity(1_000_001, 'kg')).toEqual([
      { path: 'quantity', key: 'measure.tooLarge', params: { max: 1_000_000 } },
    ]);
  });

  it.each<[number, [string, string][]]>([
    [1_000_000_000, []],
    [1_000_000_001, [['measuredKg', 'measure.tooLarge']]],
    [0, [['measuredKg', 'measure.zero']]],
    [Number.NaN, [['measuredKg', 'measure.notANumber']]],
  ])('a weighed mass of %d kg → %j', (measuredKg, expected) => {
    expect(validateMeasure({ quantity: 1, unit: 'piece', measuredKg }).map((p) => [p.path, p.key])).toEqual(
      expected,
    );
  });

  it('lists quantity problems first, then dimensions, then the weight', () => {
    expect(
      validateMeasure({
        quantity: 1.5,
        unit: 'piece',
        dimensions: { lengthMm: 0 },
        measuredKg: -2,
      }).map((p) => [p.path, p.key]),
    ).toEqual([
      ['quantity', 'measure.notInteger'],
      ['dimensions.lengthMm', 'measure.zero'],
      ['measuredKg', 'measure.negative'],
    ]);
  });

  it('describes each unit by its key', () => {
    expect(getUnit('roll')).toMatchObject({ key: 'roll', kind: 'count', integer: true });
    expect(getUnit('kg')).toMatchObject({ key: 'kg', kind: 'mass', integer: false, dimensions: [] });
  });
});
