import type { LotView } from '@retaille/api/client';
import { describe, expect, it } from 'vitest';
import {
  dimensionsOf,
  emptyLotForm,
  fromLot,
  type LotFormState,
  measureErrors,
  toFormErrors,
  toLotInput,
} from './lot-form.ts';

const SITE = '5f0c6f6e-2f7d-4a8e-9d3c-1b2a3c4d5e6f';
const form = (patch: Partial<LotFormState>): LotFormState => ({
  ...emptyLotForm(SITE),
  title: 'Planches de chêne',
  description: 'Chutes rabotées',
  materialKey: 'oak',
  quantity: 10,
  lengthCm: 100,
  widthCm: 20,
  thicknessMm: 20,
  ...patch,
});

describe('toLotInput: price', () => {
  it.each<[number | string, number]>([
    [12.5, 1250],
    ['12.5', 1250],
    [0.29, 29],
    [4.35, 435],
    [19.99, 1999],
    [0.01, 1],
    [1234.56, 123456],
  ])('%s € → %s cents', (eur, cents) => {
    expect(toLotInput(form({ free: false, priceEur: eur }), [], true).priceCents).toBe(cents);
  });

  it('a free lot has no price, whatever was typed before ticking "free"', () => {
    expect(toLotInput(form({ free: true, priceEur: 12 }), [], true).priceCents).toBeNull();
  });

  it('an empty price is null (the schema then asks for one)', () => {
    const input = toLotInput(form({ free: false, priceEur: '' }), [], true);
    expect(input.free).toBe(false);
    expect(input.priceCents).toBeNull();
  });
});

describe('toLotInput: weighed mass', () => {
  it('an empty weighed mass is NaN, so it fails as "enter a number" rather than vanishing', () => {
    expect(toLotInput(form({ weighed: true, measuredKg: '' }), [], true).measuredKg).toBeNaN();
  });

  it('a weighed mass is sent as a number; an unweighed lot sends null', () => {
    expect(toLotInput(form({ weighed: true, measuredKg: '12.5' }), [], true).measuredKg).toBe(12.5);
    expect(toLotInput(form({ weighed: false, measuredKg: 12 }), [], true).measuredKg).toBeNull();
  });
});

describe('toLotInput: the rest', () => {
  it('maps every field, with empty dates as null and the photos in order', () => {
    const input = toLotInput(
      form({
        availableFrom: '2026-12-01',
        recurringOn: true,
        recurringQuantity: '5',
        recurringPeriod: 'month',
      }),
      ['p2', 'p1'],
      false,
    );
    expect(input).toEqual({
      siteId: SITE,
      title: 'Planches de chêne',
      description: 'Chutes rabotées',
      materialKey: 'oak',
      condition: 'offcut',
      unit: 'piece',
      quantity: 10,
      dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20, rollLengthM: null },
      measuredKg: null,
      free: true,
      priceCents: null,
      availableFrom: '2026-12-01',
      availableUntil: null,
      recurring: { quantity: 5, period: 'month' },
      ewcCode: null,
      photoIds: ['p2', 'p1'],
      publish: false,
    });
  });

  it('sends no recurrence when it is off', () => {
    expect(toLotInput(form({ recurringOn: false, recurringQuantity: 5 }), [], true).recurring).toBeNull();
  });
});

describe('dimensionsOf', () => {
  const all = { lengthCm: 100, widthCm: 20, thicknessMm: 20, rollLengthM: 25 };
  it.each([
    ['piece', { lengthMm: 1000, widthMm: 200, thicknessMm: 20, rollLengthM: null }],
    ['sheet', { lengthMm: 1000, widthMm: 200, thicknessMm: 20, rollLengthM: null }],
    ['roll', { lengthMm: null, widthMm: 200, thicknessMm: 20, rollLengthM: 25 }],
    ['m', { lengthMm: null, widthMm: 200, thicknessMm: 20, rollLengthM: null }],
    ['m2', { lengthMm: null, widthMm: null, thicknessMm: 20, rollLengthM: null }],
    ['kg', { lengthMm: null, widthMm: null, thicknessMm: null, rollLengthM: null }],
  ] as const)('%s sends only the dimensions it uses', (unit, expected) => {
    expect(dimensionsOf(form({ unit, ...all }))).toEqual(expected);
  });

  it('an empty dimension is null', () => {
    expect(dimensionsOf(form({ lengthCm: '', widthCm: 0 }))).toMatchObject({ lengthMm: null, widthMm: 0 });
  });

  it.each<[number | string, number]>([
    [120, 1200],
    ['120', 1200],
    [12.5, 125],
    [0.1, 1],
    [1.05, 11],
    [12.34, 123],
    [2000, 20_000],
  ])('a length typed as %s cm is sent as %s mm (half-up on the decimal typed)', (cm, mm) => {
    expect(dimensionsOf(form({ lengthCm: cm, widthCm: cm })).lengthMm).toBe(mm);
    expect(dimensionsOf(form({ lengthCm: cm, widthCm: cm })).widthMm).toBe(mm);
  });

  it('thickness stays in mm and a roll length in m', () => {
    expect(dimensionsOf(form({ unit: 'roll', widthCm: 140, thicknessMm: 1.5, rollLengthM: 25.5 }))).toEqual({
      lengthMm: null,
      widthMm: 1400,
      thicknessMm: 1.5,
      rollLengthM: 25.5,
    });
  });

  it('a negative or non-numeric length still reaches the schema, to be refused there', () => {
    expect(dimensionsOf(form({ lengthCm: -3 })).lengthMm).toBe(-30);
    expect(dimensionsOf(form({ lengthCm: 'abc' })).lengthMm).toBeNaN();
  });
});

describe('fromLot → toLotInput', () => {
  const lot = {
    id: '1d9c7e00-0000-4000-8000-000000000001',
    siteId: SITE,
    title: 'Plaques de PMMA',
    description: 'Fins de plaques',
    materialKey: 'pmma',
    condition: 'offcut',
    unit: 'sheet',
    quantity: 25,
    dimensions: { lengthMm: 500, widthMm: 300, thicknessMm: 3, rollLengthM: null },
    massKg: 14.2,
    massEstimated: false,
    massMethod: 'measured',
    priceCents: 435,
    availableFrom: '2026-12-01',
    availableUntil: null,
    recurring: { quantity: 10, period: 'month' },
  } as unknown as LotView;

  it('shows stored mm as cm in the form, thickness in mm', () => {
    expect(fromLot(lot)).toMatchObject({ lengthCm: 50, widthCm: 30, thicknessMm: 3 });
    expect(
      fromLot({
        ...lot,
        dimensions: { lengthMm: 1235, widthMm: null, thicknessMm: null, rollLengthM: null },
      }),
    ).toMatchObject({ lengthCm: 123.5, widthCm: '', thicknessMm: '' });
  });

  it('gives back the lot as it was saved (price in cents, weighed mass, recurrence)', () => {
    const input = toLotInput(fromLot(lot), [], true);
    expect(input).toMatchObject({
      unit: 'sheet',
      quantity: 25,
      dimensions: { lengthMm: 500, widthMm: 300, thicknessMm: 3, rollLengthM: null },
      measuredKg: 14.2,
      free: false,
      priceCents: 435,
      availableFrom: '2026-12-01',
      availableUntil: null,
      recurring: { quantity: 10, period: 'month' },
    });
  });

  it('an estimated mass is not shown as weighed; a free lot stays free', () => {
    const state = fromLot({ ...lot, massEstimated: true, massMethod: 'box_x_density', priceCents: null });
    expect(state.weighed).toBe(false);
    expect(state.measuredKg).toBe('');
    expect(state.free).toBe(true);
    expect(toLotInput(state, [], true)).toMatchObject({ measuredKg: null, priceCents: null });
  });
});

describe('toFormErrors', () => {
  it.each([
    ['lot.priceCents', 'priceEur'],
    ['priceCents', 'priceEur'],
    ['dimensions.lengthMm', 'lengthCm'],
    ['lot.dimensions.widthMm', 'widthCm'],
    ['dimensions.thicknessMm', 'thicknessMm'],
    ['lot.dimensions.rollLengthM', 'rollLengthM'],
    ['recurring.quantity', 'recurringQuantity'],
    ['recurring', 'recurringQuantity'],
    ['photoIds.3', 'photos'],
    ['composition.0.percent', 'materialKey'],
    ['measuredKg', 'measuredKg'],
    ['title', 'title'],
  ])('%s → %s', (path, field) => {
    expect(toFormErrors({ [path]: 'message' })).toEqual({ [field]: 'message' });
  });

  it('keeps the first message when several paths land on one field', () => {
    expect(toFormErrors({ 'photoIds.0': 'first', 'photoIds.1': 'second' })).toEqual({ photos: 'first' });
  });
});

describe('measureErrors', () => {
  it('says nothing before a quantity is typed', () => {
    expect(measureErrors(form({ quantity: '', lengthCm: '' }), 'fr')).toEqual({});
  });

  it('asks for the dimensions the mass estimate needs, in the chosen language', () => {
    const fr = measureErrors(form({ lengthCm: '', widthCm: '', thicknessMm: '' }), 'fr');
    expect(Object.keys(fr).sort()).toEqual([
      'dimensions.lengthMm',
      'dimensions.thicknessMm',
      'dimensions.widthMm',
    ]);
    const en = measureErrors(form({ lengthCm: '' }), 'en');
    expect(en['dimensions.lengthMm']).toMatch(/[a-z]/i);
    expect(en['dimensions.lengthMm']).not.toBe(fr['dimensions.lengthMm']);
  });

  it('a weighed lot needs no dimensions', () => {
    expect(
      measureErrors(
        form({ weighed: true, measuredKg: 12, lengthCm: '', widthCm: '', thicknessMm: '' }),
        'fr',
      ),
    ).toEqual({});
  });

  it('says a length or width limit in cm, the unit it was typed in, in both languages', () => {
    expect(measureErrors(form({ lengthCm: 2001, widthCm: 1001 }), 'fr')).toEqual({
      'dimensions.lengthMm': 'Valeur trop grande (2\u202f000\u00a0cm au plus).',
      'dimensions.widthMm': 'Valeur trop grande (1\u202f000\u00a0cm au plus).',
    });
    expect(measureErrors(form({ lengthCm: 2001 }), 'en')).toEqual({
      'dimensions.lengthMm': 'Value too large (at most 2,000 cm).',
    });
    expect(measureErrors(form({ lengthCm: 2000, widthCm: 1000 }), 'fr')).toEqual({});
  });

  it('says a thickness limit in mm', () => {
    expect(measureErrors(form({ thicknessMm: 1001 }), 'fr')).toEqual({
      'dimensions.thicknessMm': 'Valeur trop grande (1\u202f000\u00a0mm au plus).',
    });
  });

  it('pieces are whole numbers', () => {
    expect(Object.keys(measureErrors(form({ quantity: 2.5 }), 'fr'))).toEqual(['quantity']);
    expect(measureErrors(form({ unit: 'kg', quantity: 2.5 }), 'fr')).toEqual({});
  });
});
