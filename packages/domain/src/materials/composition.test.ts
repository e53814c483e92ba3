import { describe, expect, it } from 'vitest';
import { type CompositionPart, validateComposition } from './composition.ts';
import { compositionSchema, dimensionsSchema } from './schemas.ts';

describe('validateComposition', () => {
  it.each<[string, CompositionPart[], [string, string][]]>([
    [
      '60/40 cotton-polyester',
      [
        { fibre: 'cotton', percent: 60 },
        { fibre: 'polyester', percent: 40 },
      ],
      [],
    ],
    ['pure linen', [{ fibre: 'linen', percent: 100 }], []],
    [
      'rounded thirds',
      [
        { fibre: 'wool', percent: 33.3 },
        { fibre: 'polyamide', percent: 33.3 },
        { fibre: 'viscose', percent: 33.3 },
      ],
      [],
    ],
    [
      'sum below 100',
      [
        { fibre: 'cotton', percent: 60 },
        { fibre: 'elastane', percent: 30 },
      ],
      [['composition', 'composition.sumNot100']],
    ],
    [
      'sum above 100',
      [
        { fibre: 'cotton', percent: 98 },
        { fibre: 'elastane', percent: 5 },
      ],
      [['composition', 'composition.sumNot100']],
    ],
    ['empty', [], [['composition', 'composition.empty']]],
    [
      'not a fibre',
      [
        { fibre: 'oak', percent: 50 },
        { fibre: 'cotton', percent: 50 },
      ],
      [['composition.0.fibre', 'composition.notAFibre']],
    ],
    [
      'a blend is not a fibre',
      [{ fibre: 'textile_blend', percent: 100 }],
      [['composition.0.fibre', 'composition.notAFibre']],
    ],
    [
      'repeated fibre',
      [
        { fibre: 'cotton', percent: 50 },
        { fibre: 'cotton', percent: 50 },
      ],
      [['composition.1.fibre', 'composition.duplicateFibre']],
    ],
    [
      'zero share',
      [
        { fibre: 'cotton', percent: 100 },
        { fibre: 'polyester', percent: 0 },
      ],
      [['composition.1.percent', 'composition.percentOutOfRange']],
    ],
    [
      'negative share',
      [
        { fibre: 'cotton', percent: 120 },
        { fibre: 'polyester', percent: -20 },
      ],
      [
        ['composition.0.percent', 'composition.percentOutOfRange'],
        ['composition.1.percent', 'composition.percentOutOfRange'],
      ],
    ],
  ])('%s', (_name, parts, expected) => {
    expect(validateComposition(parts).map((p) => [p.path, p.key])).toEqual(expected);
  });

  it('flags an unknown fibre', () => {
    const parts = [{ fibre: 'kevlar', percent: 100 }] as unknown as CompositionPart[];
    expect(validateComposition(parts).map((p) => p.key)).toEqual(['composition.unknownFibre']);
  });
});

describe('zod schemas', () => {
  it('compositionSchema reuses the validator, with paths', () => {
    expect(compositionSchema.safeParse([{ fibre: 'cotton', percent: 100 }]).success).toBe(true);
    const r = compositionSchema.safeParse([
      { fibre: 'cotton', percent: 100 },
      { fibre: 'cotton', percent: -1 },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1, 'fibre'], 'composition.duplicateFibre'],
      [[1, 'percent'], 'composition.percentOutOfRange'],
    ]);
    expect(compositionSchema.safeParse([{ fibre: 'kevlar', percent: 100 }]).success).toBe(false);
  });

  it('dimensionsSchema rejects negative and absurd values', () => {
    expect(dimensionsSchema.safeParse({ lengthMm: 1000, widthMm: 200, thicknessMm: null }).success).toBe(
      true,
    );
    const r = dimensionsSchema.safeParse({ lengthMm: -1, thicknessMm: 5000 });
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['lengthMm'], 'measure.negative'],
      [['thicknessMm'], 'measure.tooLarge'],
    ]);
  });
});
