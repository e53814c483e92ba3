import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODE } from './codes.ts';
import { DEPARTEMENTS, departementOf } from './departements.ts';

describe('DEPARTEMENTS', () => {
  it('lists the 101 départements, Corsica and overseas included, with unique codes', () => {
    const departements = DEPARTEMENTS.filter((d) => d.zone !== 'com');
    expect(departements).toHaveLength(101);
    expect(new Set(DEPARTEMENTS.map((d) => d.code)).size).toBe(DEPARTEMENTS.length);
    for (const d of departements) expect(DEPARTEMENT_CODE.test(d.code), d.code).toBe(true);
  });

  it('keeps names with apostrophes and accents whole', () => {
    expect(departementOf('21')?.name).toBe("Côte-d'Or");
    expect(departementOf('95')?.name).toBe("Val-d'Oise");
    expect(departementOf('2A')).toMatchObject({ name: 'Corse-du-Sud', region: '94', chefLieu: '2A004' });
    expect(departementOf('974')?.zone).toBe('drom');
    expect(departementOf('00')).toBeUndefined();
  });
});
