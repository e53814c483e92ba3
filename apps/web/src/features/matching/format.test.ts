import { describe, expect, it } from 'vitest';
import { co2e, type ExplanationPartLike, explanationSentence, kg, km, percent, tonneKm } from './format.ts';

const NNBSP = '\u202f';

describe('matching formats', () => {
  it('keeps a number and its unit together with a narrow no-break space, one decimal at most', () => {
    expect(kg(1234.56, 'fr')).toBe(`1${NNBSP}234,6${NNBSP}kg`);
    expect(kg(1234.56, 'en')).toBe(`1,234.6${NNBSP}kg`);
    expect(tonneKm(12.345, 'fr')).toBe(`12,3${NNBSP}t·km`);
    expect(co2e(4.24, 'fr')).toBe(`4,2${NNBSP}kg${NNBSP}CO2e`);
    expect(km(0.04, 'en')).toBe(`0${NNBSP}km`);
    expect(percent(0.8, 'en')).toBe('80%');
  });

  it('writes the explanation of a proposal from its structured parts', () => {
    const parts: ExplanationPartLike[] = [
      { key: 'match.distance', params: { km: 12.34 } },
      { key: 'match.material.exact' },
      { key: 'match.quantity', params: { percent: 80 } },
    ];
    expect(explanationSentence(parts, 'fr')).toBe('à 12,3 km, matière exacte, 80 % de la quantité');
    expect(explanationSentence(parts, 'en')).toBe('12.3 km away, exact material, 80% of the quantity');
  });
});
